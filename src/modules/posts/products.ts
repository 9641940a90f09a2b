// What posts need to know about a product: that it is listed (posts are read and written on
// its public page) and who sells it, from the catalog; whether the writer received it, from orders.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { listedProductOf, type ListedProduct } from '../catalog/index.ts';

export { hasReceived } from '../orders/index.ts';

export type PostedProduct = ListedProduct;

/** A listed product (active, in an active store), or 404 NOT_FOUND. */
export async function requireListedProduct(db: Kysely<DB>, productId: string): Promise<PostedProduct> {
  const product = await listedProductOf(db, productId);
  if (!product) throw new AppError('NOT_FOUND');
  return product;
}
