// Route schemas compiled when first needed, not while the server starts (decision 025). Building
// every route's response serialiser (fast-json-stringify) and body/query validator (Ajv) took
// about 0.4 s of the main thread at start, before the first answer; each one costs well under a
// millisecond when its route first runs. After listening, the server compiles the rest in the
// background (`warm`), a few per turn of the event loop, so a schema error still shows at start
// and the first requests rarely pay.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifySchemaCompiler } from 'fastify';

/** What a validator compiler returns (Ajv's compiled function and its `errors`). */
type FastifyValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;

type Compiled<F> = { compile(): F };

export type LazyCompilers = {
  /** For Fastify's `schemaController.compilersFactory.buildSerializer`. */
  buildSerializer: typeof defaultBuildSerializer;
  /** Wraps a validator compile (Ajv's `compile(schema)`) so it runs on first use. */
  validator(compile: () => FastifyValidationResult): FastifyValidationResult;
  /** Compiles everything not compiled yet, yielding to the event loop between schemas. */
  warm(): Promise<void>;
};

const defaultBuildSerializer = SerializerSelector();

declare module 'fastify' {
  interface FastifyInstance {
    /** Compiles every route schema not compiled yet (the server calls it after listen). */
    compileRouteSchemas(): Promise<void>;
  }
}

export function createLazyCompilers(): LazyCompilers {
  const pending = new Set<Compiled<unknown>>();

  function lazy<F>(build: () => F): Compiled<F> {
    let compiled: F | undefined;
    const entry: Compiled<F> = {
      compile() {
        if (compiled === undefined) {
          compiled = build();
          pending.delete(entry);
        }
        return compiled;
      },
    };
    pending.add(entry);
    return entry;
  }

  return {
    buildSerializer(externalSchemas, serializerOptions) {
      const compileFor = defaultBuildSerializer(externalSchemas, serializerOptions);
      return (routeSchema) => {
        const serializer = lazy(() => compileFor(routeSchema));
        return (data: unknown) => serializer.compile()(data);
      };
    },
    validator(compile) {
      const entry = lazy(compile);
      // Fastify reads the validator's `errors` after a call that returned false, as on Ajv's functions.
      const validate: FastifyValidationResult = (data: unknown) => {
        const fn = entry.compile();
        const valid = fn(data);
        validate.errors = fn.errors ?? null;
        return valid;
      };
      validate.errors = null;
      return validate;
    },
    async warm() {
      for (const entry of [...pending]) {
        entry.compile();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
