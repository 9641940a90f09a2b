// A real hot standby for tests and benchmarks (decision 044): pg_basebackup from a primary into a
// temporary data directory owned by `postgres`, started on its own port with its own socket
// directory, stopped and deleted afterwards. The primary is the server in DATABASE_URL when it
// accepts replication connections from 127.0.0.1; when its pg_hba.conf has no such entry (this
// file never changes a system server's configuration), a private primary is made with initdb in
// the same temporary directory instead, so the test runs on any machine with the binaries.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createPostgresTestDatabase } from './app.ts';
import { freePort } from './net.ts';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup'];

export type Standby = {
  /** The test database on the primary, and the same database on the standby. */
  primaryUrl: string;
  standbyUrl: string;
  /** Which primary: the DATABASE_URL server, or a private one (and why). */
  primaryKind: string;
  /** Runs one statement on the standby (its own connection). */
  query<T>(text: string): Promise<T[]>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the standby (fast shutdown); the primary keeps running. */
  stop(): Promise<void>;
  /** Stops everything this helper started and deletes its directory. */
  close(): Promise<void>;
};

/** Why a standby cannot be started here, or undefined when it can be. */
export function standbyUnavailableReason(base = process.env.DATABASE_URL): string | undefined {
  if (!base) return 'PostgreSQL only: a read replica is a PostgreSQL standby (set DATABASE_URL)';
  const missing = TOOLS.filter((tool) => !existsSync(path.join(PG_BIN, tool)));
  if (missing.length > 0)
    return `PostgreSQL server binaries not found in ${PG_BIN} (${missing.join(', ')}); set PG_BIN`;
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser'))
    return 'running as root without runuser: PostgreSQL refuses to run as root';
  return undefined;
}

/** Runs a PostgreSQL binary as `postgres` when we are root (the server refuses root), else as ourselves. */
function asPostgres(tool: string, args: string[]): Promise<string> {
  const binary = path.join(PG_BIN, tool);
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${tool} failed: ${String(stderr).trim() || error.message}`));
      else resolve(String(stdout));
    });
  });
}

async function postgresOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (error, stdout) => (error ? reject(error) : resolve(Number(stdout)))),
    );
  return { uid: await id('-u'), gid: await id('-g') };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Settings for a throw-away server: no fsync, its own socket directory, loopback only. */
const serverOptions = (port: number, socketDir: string, extra = '') =>
  `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c fsync=off -c hot_standby=on ${extra}`;

/** `base`: the primary's URL (any database on it), DATABASE_URL by default. */
export async function startStandby(label = 'replica', base = process.env.DATABASE_URL!): Promise<Standby> {
  const dir = await mkdtemp(path.join(tmpdir(), 'souk-standby-'));
  const owner = await postgresOwner();
  if (owner) await chown(dir, owner.uid, owner.gid);
  const started: string[] = []; // data directories of running servers, stopped at close
  const stopServer = async (dataDir: string) => {
    const i = started.indexOf(dataDir);
    if (i < 0) return;
    started.splice(i, 1);
    await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => {});
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  const close = async () => {
    for (const dataDir of [...started].reverse()) await stopServer(dataDir);
    await dropDatabase?.().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const standbyDir = path.join(dir, 'standby');
    // The database is created before the base backup, so the standby has it from the start.
    let primaryBase = base;
    let created = await createPostgresTestDatabase(base, label);
    let primaryKind = `the DATABASE_URL server (${new URL(base).host})`;
    const primary = new URL(base);
    const backup = (host: string, port: string) =>
      asPostgres('pg_basebackup', [
        '-h',
        host,
        '-p',
        port,
        '-U',
        'postgres',
        '-D',
        standbyDir,
        '-R',
        '-X',
        'stream',
        '--checkpoint=fast',
      ]);
    try {
      await backup(primary.hostname, primary.port || '5432');
      dropDatabase = created.drop;
    } catch (error) {
      await created.drop();
      if (!/pg_hba\.conf entry for replication/.test((error as Error).message)) throw error;
      // The system server refuses replication connections: a private primary, changing nothing of it.
      primaryKind = `a private primary (initdb), because ${primary.host} refuses replication connections from 127.0.0.1 (no "replication" entry in its pg_hba.conf)`;
      const primaryDir = path.join(dir, 'primary');
      const port = await freePort();
      await asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
      await asPostgres('pg_ctl', [
        '-D',
        primaryDir,
        '-l',
        path.join(dir, 'primary.log'),
        '-o',
        serverOptions(port, dir, '-c wal_level=replica'),
        '-w',
        'start',
      ]);
      started.push(primaryDir);
      primaryBase = `postgres://postgres@127.0.0.1:${port}/postgres`;
      created = await createPostgresTestDatabase(primaryBase, label);
      await backup('127.0.0.1', String(port));
    }
    // A Debian server keeps postgresql.conf and pg_hba.conf outside its data directory: the copy
    // gets its own (settings come from the command line).
    for (const [file, text] of [
      ['postgresql.conf', ''],
      ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'],
      ['pg_ident.conf', ''],
    ] as const) {
      const target = path.join(standbyDir, file);
      if (!existsSync(target) || file === 'pg_hba.conf') {
        await writeFile(target, text, { mode: 0o600 });
        if (owner) await chown(target, owner.uid, owner.gid);
      }
    }
    const standbyPort = await freePort();
    await asPostgres('pg_ctl', [
      '-D',
      standbyDir,
      '-l',
      path.join(dir, 'standby.log'),
      '-o',
      serverOptions(standbyPort, dir),
      '-w',
      'start',
    ]);
    started.push(standbyDir);
    const name = new URL(created.url).pathname.slice(1);
    const primaryUrl = withDatabase(primaryBase, name);
    const standbyUrl = `postgres://postgres@127.0.0.1:${standbyPort}/${name}`;
    const query = <T>(text: string) => withClient(standbyUrl, async (c) => (await c.query(text)).rows as T[]);
    const standby: Standby = {
      primaryUrl,
      standbyUrl,
      primaryKind,
      query,
      async caughtUp(timeoutMs = 30_000) {
        const target = await withClient(
          primaryUrl,
          async (c) => (await c.query('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn as string,
        );
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          const [row] = await query<{ done: boolean }>(
            `select coalesce(pg_last_wal_replay_lsn() >= '${target}'::pg_lsn, false) as done`,
          );
          if (row?.done) return;
          await sleep(50);
        }
        throw new Error(`the standby did not replay up to ${target} within ${timeoutMs} ms`);
      },
      async pauseReplay() {
        await query('select pg_wal_replay_pause()');
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const [row] = await query<{ state: string }>('select pg_get_wal_replay_pause_state() as state');
          if (row?.state === 'paused') return;
          await sleep(20);
        }
        throw new Error('replay did not pause');
      },
      async resumeReplay() {
        await query('select pg_wal_replay_resume()');
      },
      stop: () => stopServer(standbyDir),
      close,
    };
    dropDatabase = created.drop;
    return standby;
  } catch (error) {
    await close();
    throw error;
  }
}
