// PGlite is one process's database: a second process opening the same directory (an admin command
// while the server runs, a second server) corrupts it or aborts deep inside WASM with no hint. The
// first process to open DATA_DIR holds `DATA_DIR/pglite.lock` (its pid and host) until it closes;
// any other is refused with a message that says what to do. A lock left by a process that died
// (killed, crashed) is taken over: its pid no longer runs on this host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: { pid: number; startedAt?: string }) {
    super(
      `The data directory ${dataDir} is in use by another Souk process (pid ${holder.pid}${holder.startedAt ? `, since ${holder.startedAt}` : ''}). ` +
        'The embedded database (PGlite) can be opened by one process at a time. Stop that process first (the server: Ctrl+C, or kill ' +
        `${holder.pid}), then run this again; or set DATABASE_URL to a PostgreSQL database, which many processes may share.`,
    );
    this.name = 'DataDirInUseError';
  }
}

type Holder = { pid: number; host: string; startedAt?: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as Holder) : null;
  } catch {
    return null;
  }
}

/** Takes the directory for this process; returns the release (idempotent). Throws DataDirInUseError. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'pglite.lock');
  const me: Holder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const holder = readHolder(file);
      // Held by a live process of this host (another machine sharing the directory counts as live).
      if (holder && holder.pid !== process.pid && (holder.host !== me.host || alive(holder.pid))) {
        throw new DataDirInUseError(dataDir, holder);
      }
      // Stale (its process is gone), unreadable (a crash while writing it), or ours: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}
