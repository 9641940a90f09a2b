// A Kysely dialect for PGlite that serialises access to its single connection.
// kysely-pglite's driver hands the same connection to every caller, so a query from one
// request could run inside another request's open transaction (see docs/decisions/004).
import type { PGliteClient } from './pglite-engine.ts';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** A FIFO mutex: the one owner of the PGlite connection at a time. */
export class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();
  #queued = 0;

  /** Holders and waiters: 0 when the connection is idle (GET /metrics). */
  get queued(): number {
    return this.#queued;
  }

  acquire(): Promise<() => void> {
    let release!: () => void;
    this.#queued++;
    const next = new Promise<void>((resolve) => {
      let released = false;
      release = () => {
        if (!released) this.#queued--;
        released = true;
        resolve();
      };
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #client: PGliteClient;
  constructor(client: PGliteClient) {
    this.#client = client;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Parameterless SQL (migrations) may hold several statements, which only exec() accepts.
    const result =
      compiled.parameters.length === 0
        ? ((await this.#client.exec(compiled.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
        : await this.#client.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined && affected > 0 ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: PGlite cannot stream; the method only refuses
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming');
  }
}

class PGliteDriver implements Driver {
  readonly #client: Promise<PGliteClient>;
  readonly #lock: ConnectionLock;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(client: Promise<PGliteClient>, lock: ConnectionLock) {
    this.#client = client;
    this.#lock = lock;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    let client: PGliteClient;
    try {
      client = await this.#client;
    } catch (error) {
      release();
      throw error;
    }
    // One connection object per acquisition, so releases cannot be mixed up.
    const connection = new PGliteConnection(client);
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#releases.get(connection)?.();
    this.#releases.delete(connection);
  }

  async destroy(): Promise<void> {
    const client = await this.#client.catch(() => undefined);
    await client?.close();
  }
}

/** `client` may still be opening: queries wait for it (the app builds its routes meanwhile). */
export class PGliteDialect implements Dialect {
  readonly #client: Promise<PGliteClient>;
  readonly #lock: ConnectionLock;
  constructor(client: Promise<PGliteClient>, lock: ConnectionLock) {
    this.#client = client;
    this.#lock = lock;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#client, this.#lock);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
