// The one error handler: AppErrors keep their code; Fastify's own errors are mapped onto the
// catalogue; anything else is a 500 whose details stay in the (redacted) log.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERRORS, type ErrorCode, type ErrorDetail } from '../errors.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function validationDetails(error: FastifyError): ErrorDetail[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = typeof params.additionalProperty === 'string' ? params.additionalProperty
      : typeof params.missingProperty === 'string' ? params.missingProperty : path || (error.validationContext ?? 'body');
    const message = typeof params.additionalProperty === 'string' ? 'is not a known field' : (v.message ?? 'is not valid');
    return { field, message };
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error.code && FASTIFY_CODES[error.code]) {
      const code = FASTIFY_CODES[error.code]!;
      appError = new AppError(code, code === 'VALIDATION_FAILED' ? { details: validationDetails(error) } : {});
    } else if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
      appError = new AppError('MALFORMED_JSON');
    } else if (typeof error.statusCode === 'number' && error.statusCode === 429) {
      appError = new AppError('RATE_LIMITED');
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      appError = new AppError(error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
    } else {
      request.log.error({ err: error }, 'request failed');
      appError = new AppError('INTERNAL');
    }
    if (appError.status >= 500 && error === appError) request.log.error({ err: error }, 'request failed');
    reply
      .code(appError.status)
      .headers(appError.headers)
      .send({
        error: {
          code: appError.code,
          message: appError.status >= 500 ? ERRORS[appError.code].message : appError.message,
          ...(appError.details ? { details: appError.details } : {}),
        },
      });
  });
}
