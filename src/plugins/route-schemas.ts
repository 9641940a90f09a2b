// Every route declares what it answers (schema.response), and every state-changing route what it
// accepts (schema.body, NoBodySchema when it takes nothing): without them a route takes any body
// and sends whatever its handler returns, and the API docs miss it. Checked as each route is
// registered, so a route without them stops the app at start, naming the route.
import type { FastifyInstance, RouteOptions } from 'fastify';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route as the onRoute hook sees it: its options, and the prefix of the plugin that registered it. */
export type RegisteredRoute = RouteOptions & { prefix: string };

/** Read-only routes that may go without a response schema, and why. */
export type RouteSchemaExemption = { reason: string; matches(route: RegisteredRoute): boolean };

export class RouteSchemaError extends Error {
  constructor(route: RouteOptions, missing: string[]) {
    super(
      `Route ${[route.method].flat().join(',')} ${route.url} has no ${missing.join(' and no ')}: every route declares its responses, ` +
        'and every POST, PUT, PATCH and DELETE its body (NoBodySchema from src/schemas.ts when it takes none)',
    );
    this.name = 'RouteSchemaError';
  }
}

export function requireRouteSchemas(app: FastifyInstance, exemptions: readonly RouteSchemaExemption[]): void {
  app.addHook('onRoute', (route) => {
    const stateChanging = [route.method].flat().some((method) => STATE_CHANGING.has(method));
    const missing: string[] = [];
    // An exemption only ever waives the response schema of a GET or HEAD route.
    if (
      route.schema?.response === undefined &&
      (stateChanging || !exemptions.some((exemption) => exemption.matches(route)))
    ) {
      missing.push('schema.response');
    }
    if (stateChanging && route.schema?.body === undefined) missing.push('schema.body');
    if (missing.length > 0) throw new RouteSchemaError(route, missing);
  });
}

type DocumentedBody = { required?: boolean; content?: Record<string, { schema?: { type?: unknown } }> };

/**
 * Marks a documented body optional when its schema allows null, as NoBodySchema does: Fastify
 * validates an absent body as null, so such a route also takes no body at all, but
 * @fastify/swagger marks every body it documents as required.
 */
export function markOptionalBodies<D extends { paths?: object }>(document: D): D {
  for (const pathItem of Object.values(document.paths ?? {}) as Array<
    Record<string, { requestBody?: DocumentedBody } | undefined>
  >) {
    for (const operation of Object.values(pathItem)) {
      const body = operation?.requestBody;
      const media = Object.values(body?.content ?? {});
      if (body && media.length > 0 && media.every((m) => [m.schema?.type].flat().includes('null')))
        body.required = false;
    }
  }
  return document;
}
