// The one error handler: AppErrors keep their code; Fastify's own errors are mapped onto the
// catalogue; a value the database refuses is a 400 INVALID_VALUE; anything else is a 500 whose
// details stay in the (redacted) log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
    const field =
      typeof params.additionalProperty === 'string'
        ? params.additionalProperty
        : typeof params.missingProperty === 'string'
          ? params.missingProperty
          : path || (error.validationContext ?? 'body');
    const message =
      typeof params.additionalProperty === 'string' ? 'is not a known field' : (v.message ?? 'is not valid');
    return { field, message };
  });
}

/**
 * The SQLSTATE of a data exception (class 22: a value of the wrong form or out of range for its
 * column) raised by PostgreSQL, through pg or PGlite (in process or on its worker), for this error
 * or one it wraps; otherwise null. Both drivers give the server's fields on the error: `code` and
 * `severity`.
 */
export function dataExceptionOf(error: unknown): string | null {
  for (
    let cause = error, hops = 0;
    typeof cause === 'object' && cause !== null && hops < 5;
    cause = (cause as { cause?: unknown }).cause, hops++
  ) {
    const { code, severity } = cause as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && typeof severity === 'string') return code;
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let appError: AppError;
    let sqlstate: string | null;
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
    } else if ((sqlstate = dataExceptionOf(error)) !== null) {
      // The database's message quotes the value it refused, which may be personal data: only the
      // SQLSTATE and the route are logged. A warning, since it means a schema lets through
      // something the database cannot take (decision 034).
      request.log.warn(
        { sqlstate, route: `${request.method} ${request.routeOptions.url ?? '(no route)'}` },
        'the database refused a value the schema accepted',
      );
      appError = new AppError('INVALID_VALUE');
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

/**
 * Fastify's `frameworkErrors`: a URL it cannot route (a broken percent-escape such as %ED%A0%80,
 * a path parameter over 100 characters) is answered before any hook or the error handler runs,
 * by default in Fastify's own shape, echoing the path, with a 414 for the long one. Here it is a
 * 400 VALIDATION_FAILED in the one shape, with the security headers the hooks would have set.
 */
export function answerUnroutable(headers: Record<string, string>) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    const unroutable = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const appError = unroutable
      ? new AppError('VALIDATION_FAILED', {
          details: [
            {
              field: 'url',
              message:
                error.code === 'FST_ERR_BAD_URL' ? 'is not a valid URL' : 'has a path segment over 100 characters',
            },
          ],
        })
      : new AppError('INTERNAL');
    if (!unroutable) reply.log.error({ err: error }, 'request failed');
    reply
      .code(appError.status)
      .headers(headers)
      .send({
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.details ? { details: appError.details } : {}),
        },
      });
  };
}
