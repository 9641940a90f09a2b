// A store's own products' variants (decision 051): one per combination of option values, each with
// its price, stock and picture. Every change runs in a transaction holding the product's row, so
// two edits of one product's options cannot interleave; the product's price range and stock follow
// by trigger (migration 040), and its running offer is recomputed against its new lowest price.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { AppError } from '../../../errors.ts';
import { money } from '../../../lib/money.ts';
import type { FromSchema } from '../../../schemas.ts';
import { refreshOfferPrices } from '../offers.ts';
import { VARIANT_LIMITS, type CreateVariantBody, type UpdateVariantBody } from './schemas.ts';

type CreateInput = FromSchema<typeof CreateVariantBody>;
type UpdateInput = FromSchema<typeof UpdateVariantBody>;
type OptionInput = CreateInput['options'];

type VariantRow = {
  id: string;
  option_values: string[];
  price_minor: number;
  stock: number;
  sku: string | null;
  image_index: number | null;
  active: boolean;
};

export const variantLabel = (names: readonly string[], values: readonly string[]) =>
  names.map((name, i) => `${name}: ${values[i]}`).join(' · ');

async function listRows(db: Kysely<DB>, productId: string): Promise<VariantRow[]> {
  return db
    .selectFrom('product_variants')
    .select(['id', 'option_values', 'price_minor', 'stock', 'sku', 'image_index', 'active'])
    .where('product_id', '=', productId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The product's options and variants as the seller center shows them. */
export async function listVariants(db: Kysely<DB>, storeId: string, productId: string) {
  const product = await db
    .selectFrom('products')
    .select(['option_names', 'currency'])
    .where('id', '=', productId)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!product) throw new AppError('NOT_FOUND');
  const rows = await listRows(db, productId);
  return {
    optionNames: product.option_names,
    variants: rows.map((v) => ({
      id: v.id,
      options: product.option_names.map((name, i) => ({ name, value: v.option_values[i] ?? '' })),
      label: variantLabel(product.option_names, v.option_values),
      price: money(v.price_minor, product.currency),
      stock: v.stock,
      sku: v.sku,
      imageIndex: v.image_index,
      active: v.active,
    })),
  };
}

/** The store's product, its row held until the transaction ends; 404 for another store's. */
async function lockOwnProduct(trx: Kysely<DB>, storeId: string, productId: string) {
  const product = await trx
    .selectFrom('products')
    .select(['id', 'option_names'])
    .where('id', '=', productId)
    .where('store_id', '=', storeId)
    .forUpdate()
    .executeTakeFirst();
  if (!product) throw new AppError('NOT_FOUND');
  return product;
}

/** The option names of `options` when they can be the product's: distinct, and the product's own unless `mayRename`. */
function optionNamesOf(options: OptionInput, current: string[], mayRename: boolean): string[] {
  const names = options.map((o) => o.name.trim());
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length)
    throw new AppError('VALIDATION_FAILED', { details: [{ field: 'options', message: 'each option name once' }] });
  if (!mayRename && (names.length !== current.length || names.some((n, i) => n !== current[i])))
    throw new AppError('VARIANT_OPTIONS_MISMATCH', {
      message: `Give one value for each of this product's options, in this order: ${current.join(', ')}.`,
    });
  return names;
}

/** Runs a change of the product's variants; a second variant with the same options is VARIANT_EXISTS. */
async function changeVariants<T>(db: Kysely<DB>, productId: string, change: (trx: Kysely<DB>) => Promise<T>) {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await change(trx);
      const left = await trx
        .selectFrom('product_variants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow();
      // Without variants the product has no options any more (its stock is the seller's to set again).
      if (Number(left.n) === 0)
        await trx.updateTable('products').set({ option_names: [] }).where('id', '=', productId).execute();
      await refreshOfferPrices(trx, [productId]);
      return result;
    });
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'product_variants_product_id_option_values_key')
      throw new AppError('VARIANT_EXISTS');
    throw error;
  }
}

export async function createVariant(db: Kysely<DB>, storeId: string, productId: string, input: CreateInput) {
  await changeVariants(db, productId, async (trx) => {
    const product = await lockOwnProduct(trx, storeId, productId);
    const count = await trx
      .selectFrom('product_variants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= VARIANT_LIMITS.variantsPerProduct)
      throw new AppError('LIMIT_REACHED', {
        message: `A product has up to ${VARIANT_LIMITS.variantsPerProduct} variants.`,
      });
    const names = optionNamesOf(input.options, product.option_names, Number(count.n) === 0);
    if (Number(count.n) === 0)
      await trx.updateTable('products').set({ option_names: names }).where('id', '=', productId).execute();
    await trx
      .insertInto('product_variants')
      .values({
        product_id: productId,
        option_values: input.options.map((o) => o.value.trim()),
        price_minor: input.price,
        stock: input.stock,
        sku: input.sku ?? null,
        image_index: input.imageIndex ?? null,
        active: input.active ?? true,
        position: sql<number>`(select coalesce(max(position) + 1, 0) from product_variants where product_id = ${productId})`,
      })
      .execute();
  });
  return listVariants(db, storeId, productId);
}

export async function updateVariant(
  db: Kysely<DB>,
  storeId: string,
  productId: string,
  variantId: string,
  input: UpdateInput,
) {
  await changeVariants(db, productId, async (trx) => {
    const product = await lockOwnProduct(trx, storeId, productId);
    let values: string[] | undefined;
    if (input.options !== undefined) {
      const others = await trx
        .selectFrom('product_variants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('product_id', '=', productId)
        .where('id', '<>', variantId)
        .executeTakeFirstOrThrow();
      // The only variant may rename the product's options; with others, they stay as they are.
      const names = optionNamesOf(input.options, product.option_names, Number(others.n) === 0);
      if (Number(others.n) === 0)
        await trx.updateTable('products').set({ option_names: names }).where('id', '=', productId).execute();
      values = input.options.map((o) => o.value.trim());
    }
    const updated = await trx
      .updateTable('product_variants')
      .set({
        ...(values !== undefined ? { option_values: values } : {}),
        ...(input.price !== undefined ? { price_minor: input.price } : {}),
        ...(input.stock !== undefined ? { stock: input.stock } : {}),
        ...(input.sku !== undefined ? { sku: input.sku } : {}),
        ...(input.imageIndex !== undefined ? { image_index: input.imageIndex } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      .where('id', '=', variantId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('VARIANT_NOT_FOUND');
  });
  return listVariants(db, storeId, productId);
}

/** Deletes a variant: carts holding it lose that line; orders keep their copy of its options and price. */
export async function deleteVariant(db: Kysely<DB>, storeId: string, productId: string, variantId: string) {
  await changeVariants(db, productId, async (trx) => {
    await lockOwnProduct(trx, storeId, productId);
    const deleted = await trx
      .deleteFrom('product_variants')
      .where('id', '=', variantId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new AppError('VARIANT_NOT_FOUND');
  });
  return listVariants(db, storeId, productId);
}
