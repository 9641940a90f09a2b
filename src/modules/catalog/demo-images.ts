// The demo catalog's product photos: each kind's drawing (demo-art.ts) rasterised to PNG by resvg
// (decision 048) once per kind and variant and kept in memory, so thousands of products need a few
// dozen renders. Each product gets its own copy under its own key, stored like a seller's upload
// (product_images + file storage), so deleting or erasing one product's images never touches
// another's, and the image route serves them as uploads.
import { randomUUID } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { FileStorage } from '../../storage.ts';
import { productArtSvg, type Art } from './demo-art.ts';

export const DEMO_IMAGE_SIZE = 400;
const rendered = new Map<string, Buffer>();

/** The PNG of a kind of product in a variant, rendered once per process. */
export function renderProductArt(kind: string, art: Art): Buffer {
  const key = `${kind}:${art.colour}:${art.style}`;
  let png = rendered.get(key);
  if (!png) {
    png = new Resvg(productArtSvg(kind, art, DEMO_IMAGE_SIZE), { font: { loadSystemFonts: false } }).render().asPng();
    rendered.set(key, png);
  }
  return png;
}

export type DemoImage = { productId: string; kind: string; arts: Art[] };

/** Stores the images of freshly seeded products (no uploads yet): files first, then the rows. */
export async function storeDemoImages(db: Kysely<DB>, storage: FileStorage, images: DemoImage[]): Promise<void> {
  const rows = images.flatMap(({ productId, kind, arts }) =>
    arts.map((art, position) => ({
      product_id: productId,
      position,
      storage_key: `products/${productId}/${randomUUID()}.png`,
      content_type: 'image/png' as const,
      data: renderProductArt(kind, art),
    })),
  );
  // A few writes at a time: the database driver stores each file in its own statement.
  for (let i = 0; i < rows.length; i += 16)
    await Promise.all(rows.slice(i, i + 16).map((r) => storage.put(r.storage_key, r.data)));
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db
      .insertInto('product_images')
      .values(batch.map(({ data, ...r }) => ({ ...r, byte_size: data.length })))
      .execute();
  }
}
