// The seller center: images that sellers upload for their products. The bytes live in file
// storage (src/storage.ts) under storage_key; the row says where, what type and how large.
// Positions run 0..n-1 per product (products.image_count = n), so a product's public image
// URLs stay /api/products/<id>/images/<position>; deferrable so deleting one can renumber the rest.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table product_images (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products (id) on delete cascade,
      position integer not null check (position between 0 and 9),
      storage_key text not null unique,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      byte_size integer not null check (byte_size > 0),
      created_at timestamptz not null default now(),
      constraint product_images_position_key unique (product_id, position) deferrable initially deferred
    );
  `.execute(db);
}
