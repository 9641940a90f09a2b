// Where uploaded files (product images) live. Modules store and read bytes by key through this
// interface, never by path, so erasure can delete a person's files wherever they are kept and
// another backend (an object store) can replace the local disk without touching the modules.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Expression, RawBuilder } from 'kysely';

export type FileStorage = {
  /** Stores bytes under a key, replacing any file already there. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes stored under a key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Deletes the file under a key; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Set when the bytes live in Souk's own database (STORAGE=database): an SQL expression giving the
   * bytes stored under the key `key` evaluates to (null when there are none), so a read that looks the
   * key up fetches the file in the same statement, one round trip.
   */
  bytesOf?(key: Expression<string>): RawBuilder<Uint8Array | null>;
};

/** A Buffer over the same bytes: bytea arrives as a Buffer from pg, as a Uint8Array from PGlite. */
export const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// Keys are made by Souk (`products/<uuid>/<uuid>.jpg`), never from user input; checked anyway so
// a bug can never reach outside the storage directory.
export const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.[a-z0-9]+$/;

export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
  return key;
}

/** Files on the local disk under `root` (DATA_DIR/uploads by default). Writes are atomic (temp file, then rename). */
export function createDiskStorage(root: string): FileStorage {
  const resolve = (key: string) => path.join(root, ...checkKey(key).split('/'));
  return {
    async put(key, data) {
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(temp, data, { mode: 0o640 });
      await fs.rename(temp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(resolve(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(resolve(key), { force: true });
    },
  };
}

/** Files in memory: for DATA_DIR=memory:// (tests, throwaway instances); gone when the process ends. */
export function createMemoryStorage(): FileStorage & { keys(): string[] } {
  const files = new Map<string, Buffer>();
  return {
    async put(key, data) {
      files.set(checkKey(key), Buffer.from(data));
    },
    async get(key) {
      return files.get(checkKey(key)) ?? null;
    },
    async delete(key) {
      files.delete(checkKey(key));
    },
    keys: () => [...files.keys()].sort(),
  };
}

/** The storage for a data directory: DATA_DIR/uploads on disk, or memory for memory://. */
export function createFileStorage(dataDir: string): FileStorage {
  return dataDir === 'memory://' ? createMemoryStorage() : createDiskStorage(path.join(dataDir, 'uploads'));
}
