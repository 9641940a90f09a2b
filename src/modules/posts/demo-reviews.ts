// Reviews of the demo catalog (src/demo.ts, development only): a handful of demo buyers rate some
// of the seeded products, mostly well, with words that fit the stars. The ratings shown on
// products and stores are then recomputed from the reviews by the same code as every review
// change (ratings.ts). Deterministic for a given seed.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { refreshRatings } from './ratings.ts';

const WORDS: Record<number, readonly string[]> = {
  5: [
    'Exactly as pictured and beautifully made. Arrived well packed and earlier than expected.',
    'Love it. The colour is even nicer in person, and the seller answered my question within an hour.',
    'Second time I order this one: same quality, same care. Highly recommended.',
    'Great value for the price. I bought another as a gift.',
  ],
  4: [
    'Very good overall. Took a few days longer to arrive than estimated, but worth the wait.',
    'Nice quality and well finished; the colour is a touch darker than on screen.',
    'Does what it should and looks good doing it. Packaging could use less plastic.',
  ],
  3: [
    'Fine for the price. Not as sturdy as I hoped, but it does the job.',
    'Decent, though the size runs a little small. Check the measurements before ordering.',
  ],
  2: ['Arrived with a small scratch. The seller offered a partial refund, which I appreciated.'],
  1: ['Not what I expected from the photos, and returning it took a while.'],
};

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly 4 and 5 stars, as on real shops; a product's own quality shifts its stars a little. */
const starsFor = (roll: number, quality: number) => {
  const r = Math.min(0.999, Math.max(0, roll + quality));
  return r < 0.04 ? 1 : r < 0.1 ? 2 : r < 0.25 ? 3 : r < 0.6 ? 4 : 5;
};

/**
 * Reviews about 45% of `productIds`, each by 1 to 6 of `authorIds` (one review per author and
 * product), written within the 90 days before `now`. Returns how many reviews it wrote.
 */
export async function addDemoReviews(
  db: Kysely<DB>,
  options: { productIds: readonly string[]; authorIds: readonly string[]; now: Date; seed?: number },
): Promise<number> {
  const random = prng(options.seed ?? 7);
  const rows = options.productIds.flatMap((productId) => {
    if (random() > 0.45 || options.authorIds.length === 0) return [];
    const quality = (random() - 0.5) * 0.3;
    const authors = [...options.authorIds].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 6));
    return authors.map((author) => {
      const rating = starsFor(random(), quality);
      const words = WORDS[rating]!;
      return {
        product_id: productId,
        author_user_id: author,
        rating,
        body: words[Math.floor(random() * words.length)]!,
        hidden_at: null,
        created_at: new Date(options.now.getTime() - Math.floor(random() * 90 * 86_400_000)),
        updated_at: options.now,
      };
    });
  });
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('reviews').values(batch).execute();
      await refreshRatings(
        trx,
        batch.map((r) => r.product_id),
      );
    });
  }
  return rows.length;
}
