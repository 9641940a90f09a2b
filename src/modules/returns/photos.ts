// Photos of a return, as the buyer took them (up to five). Like review photos (decision 011): the
// type is read from the bytes, the file is written to ctx.storage before its row and deleted if the
// row cannot be inserted. Served only to the buyer, the store's owner and staff; erased with the
// buyer's account (erasure.ts).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, ReturnStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { detectImageType, type ImageType } from '../../lib/image-type.ts';
import { asBuffer, type FileStorage } from '../../storage.ts';
import { ownerOfStore } from '../catalog/index.ts';
import { returnPhotoUrl } from './repository.ts';
import { RETURN_LIMITS } from './schemas.ts';

const EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
/** Photos can be added while the return is not settled. */
const OPEN: ReturnStatus[] = ['requested', 'partial_offered', 'refused', 'awaiting_return', 'escalated'];

export async function addReturnPhoto(
  db: Kysely<DB>,
  storage: FileStorage,
  buyerUserId: string,
  returnId: string,
  data: Buffer,
) {
  const type = detectImageType(data);
  if (type === null) throw new AppError('IMAGE_INVALID');
  const own = await db
    .selectFrom('return_requests')
    .select('id')
    .where('id', '=', returnId)
    .where('buyer_user_id', '=', buyerUserId)
    .executeTakeFirst();
  if (!own) throw new AppError('NOT_FOUND');
  const key = `returns/${returnId}/${randomUUID()}.${EXTENSIONS[type]}`;
  await storage.put(key, data);
  try {
    return await db.transaction().execute(async (trx) => {
      const ret = await trx
        .selectFrom('return_requests')
        .select([
          'status',
          (eb) =>
            eb
              .selectFrom('return_photos')
              .select(sql<number>`count(*)::int`.as('n'))
              .whereRef('return_id', '=', 'return_requests.id')
              .as('photo_count'),
        ])
        .where('id', '=', returnId)
        .where('buyer_user_id', '=', buyerUserId)
        .forUpdate()
        .executeTakeFirst();
      if (!ret) throw new AppError('NOT_FOUND');
      if (!OPEN.includes(ret.status)) {
        throw new AppError('RETURN_STATE', { message: `This return is ${ret.status.replaceAll('_', ' ')}.` });
      }
      const count = Number(ret.photo_count ?? 0);
      if (count >= RETURN_LIMITS.photos) {
        throw new AppError('LIMIT_REACHED', { message: `A return can have at most ${RETURN_LIMITS.photos} photos.` });
      }
      const photo = await trx
        .insertInto('return_photos')
        .values({ return_id: returnId, position: count, storage_key: key, content_type: type, byte_size: data.length })
        .returning(['id', 'content_type', 'byte_size'])
        .executeTakeFirstOrThrow();
      return {
        id: photo.id,
        url: returnPhotoUrl(returnId, photo.id),
        contentType: photo.content_type,
        size: photo.byte_size,
      };
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

/** A return's photo, for its buyer, the store's owner or staff; null for anyone else. */
export async function readReturnPhoto(
  db: Kysely<DB>,
  storage: FileStorage,
  returnId: string,
  photoId: string,
  viewer: { id: string; staff: boolean },
) {
  const row = await db
    .selectFrom('return_photos as ph')
    .innerJoin('return_requests as r', 'r.id', 'ph.return_id')
    .select(['ph.storage_key', 'ph.content_type'])
    .where('ph.id', '=', photoId)
    .where('ph.return_id', '=', returnId)
    .$if(!viewer.staff, (q) =>
      q.where((eb) =>
        eb.or([eb('r.buyer_user_id', '=', viewer.id), eb(ownerOfStore(eb.ref('r.store_id')), '=', viewer.id)]),
      ),
    )
    .$if(storage.bytesOf !== undefined, (q) => q.select(storage.bytesOf!(sql.ref('ph.storage_key')).as('data')))
    .executeTakeFirst();
  if (!row) return null;
  const data = storage.bytesOf ? (row.data ? asBuffer(row.data) : null) : await storage.get(row.storage_key);
  return data === null ? null : { contentType: row.content_type, data };
}
