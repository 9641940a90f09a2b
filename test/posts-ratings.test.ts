// Ratings are kept on product and store rows. Property: after any sequence of review operations
// (write, edit, delete, hide, unhide, by several people on products of two stores) the stored sums and counts
// equal those computed from the visible reviews.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { createOrderOf } from './helpers/posts.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { createReview, deleteReview, updateReview } from '../src/modules/posts/reviews.ts';
import { setPostHidden } from '../src/modules/posts/moderation.ts';
import { AppError } from '../src/errors.ts';

const PEOPLE = 4;

type Op =
  | { op: 'write' | 'edit'; person: number; product: number; rating: number }
  | { op: 'delete' | 'hide' | 'unhide'; person: number; product: number };

test('stored ratings always equal those of the visible reviews', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const rates = [{ country: 'FR', cost_minor: 0, min_days: 1, max_days: 2 }];
  const storeA = await createFixtureStore(db, 'A', rates);
  const storeB = await createFixtureStore(db, 'B', rates);
  const products = [
    await createFixtureProduct(db, storeA, { title: 'A1', price: 100 }),
    await createFixtureProduct(db, storeA, { title: 'A2', price: 100 }),
    await createFixtureProduct(db, storeB, { title: 'B1', price: 100 }),
  ];
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const id = `rating-person-${i}`;
    await db
      .insertInto('users')
      .values({ id, email: `p${i}@example.com`, display_name: `P${i}`, updated_at: new Date() })
      .execute();
    await createOrderOf(db, id, storeA.storeId, products.slice(0, 2));
    await createOrderOf(db, id, storeB.storeId, products.slice(2));
    people.push(id);
  }

  const reviewOf = async (person: number, product: number) =>
    db
      .selectFrom('reviews')
      .select('id')
      .where('author_user_id', '=', people[person]!)
      .where('product_id', '=', products[product]!)
      .executeTakeFirst();

  async function apply(o: Op): Promise<void> {
    const userId = people[o.person]!;
    const review = await reviewOf(o.person, o.product);
    try {
      if (o.op === 'write') await createReview(db, userId, products[o.product]!, { rating: o.rating, body: 'x' });
      else if (!review) return;
      else if (o.op === 'edit') await updateReview(db, userId, review.id, { rating: o.rating });
      else if (o.op === 'delete') await deleteReview(db, app.souk.storage, userId, review.id);
      else await setPostHidden(db, 'review', review.id, o.op === 'hide');
    } catch (error) {
      // Writing a second review of the same product is refused; nothing else may fail.
      if (!(error instanceof AppError && error.code === 'ALREADY_REVIEWED')) throw error;
    }
  }

  async function assertRatingsMatch(): Promise<void> {
    const stored = await db
      .selectFrom('products')
      .select(['id', 'store_id', 'rating_sum', 'rating_count'])
      .where('id', 'in', products)
      .orderBy('id')
      .execute();
    const visible = await db
      .selectFrom('reviews')
      .select(['product_id', 'rating'])
      .where('hidden_at', 'is', null)
      .execute();
    for (const p of stored) {
      const mine = visible.filter((r) => r.product_id === p.id);
      assert.deepEqual(
        [p.rating_sum, p.rating_count],
        [mine.reduce((s, r) => s + r.rating, 0), mine.length],
        `product ${p.id}`,
      );
    }
    const stores = await db
      .selectFrom('stores')
      .select(['id', 'rating_sum', 'rating_count'])
      .where('id', 'in', [storeA.storeId, storeB.storeId])
      .execute();
    for (const s of stores) {
      const ofStore = new Set(stored.filter((p) => p.store_id === s.id).map((p) => p.id));
      const mine = visible.filter((r) => ofStore.has(r.product_id));
      assert.deepEqual(
        [s.rating_sum, s.rating_count],
        [mine.reduce((sum, r) => sum + r.rating, 0), mine.length],
        `store ${s.id}`,
      );
    }
  }

  const person = fc.integer({ min: 0, max: PEOPLE - 1 });
  const product = fc.integer({ min: 0, max: products.length - 1 });
  const rating = fc.integer({ min: 1, max: 5 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constantFrom('write' as const, 'edit' as const), person, product, rating }),
    fc.record({ op: fc.constantFrom('delete' as const, 'hide' as const, 'unhide' as const), person, product }),
  );

  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
      await db.deleteFrom('reviews').execute();
      await sql`update products set rating_sum = 0, rating_count = 0; update stores set rating_sum = 0, rating_count = 0`.execute(
        db,
      );
      for (const o of ops) {
        await apply(o);
        await assertRatingsMatch();
      }
    }),
    { numRuns: 40 },
  );
});
