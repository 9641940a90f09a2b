// PGlite runs initdb (≈ 4–5 s in WASM) for every new database. Souk does it once per machine
// and PGlite version, keeps the result as a tarball, and starts new databases from it (≈ 1–2 s).
// `npm ci` prepares it (postinstall); if it is missing, the first start makes it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(
  readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
) as { version: string };
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/souk');
export const INITDB_TEMPLATE = path.join(CACHE_DIR, `pglite-${version}-initdb.tar.gz`);

export async function readTemplate(file: string = INITDB_TEMPLATE): Promise<Blob | undefined> {
  try {
    return new Blob([await fs.readFile(file)]);
  } catch {
    return undefined;
  }
}

export async function writeTemplate(client: PGlite, file: string = INITDB_TEMPLATE): Promise<void> {
  const dump = await client.dumpDataDir('gzip');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await fs.rename(tmp, file);
}

/** Makes the initdb template if it is not there yet. */
export async function prepareInitdbTemplate(): Promise<boolean> {
  if (await readTemplate()) return false;
  const client = await PGlite.create();
  await writeTemplate(client);
  await client.close();
  return true;
}
