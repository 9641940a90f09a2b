// The test provider's charges kept in files, one per idempotency key, for the charge crash test: a
// real provider's record of a charge outlives the shop's process, so this one must outlive a worker
// killed with SIGKILL. A record is written whole (temporary file, fsync) and then linked into place,
// which fails if the key is already there: the first record of a key stands, as in memory.
import { createHash, randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ChargeLedger, ChargeRecord } from '../../src/modules/payments/provider.ts';

export class FileChargeLedger implements ChargeLedger {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  #file(idempotencyKey: string): string {
    return path.join(this.dir, `${createHash('sha256').update(idempotencyKey).digest('hex')}.json`);
  }

  async add(record: ChargeRecord): Promise<{ record: ChargeRecord; added: boolean }> {
    const tmp = path.join(this.dir, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(JSON.stringify(record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, this.#file(record.idempotencyKey));
      return { record, added: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return { record: (await this.find(record.idempotencyKey))!, added: false };
    } finally {
      await unlink(tmp);
    }
  }

  async find(idempotencyKey: string): Promise<ChargeRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.#file(idempotencyKey), 'utf8')) as ChargeRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Every charge request the provider answered. */
  async records(): Promise<ChargeRecord[]> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith('.json'));
    return Promise.all(
      names.map(async (name) => JSON.parse(await readFile(path.join(this.dir, name), 'utf8')) as ChargeRecord),
    );
  }
}
