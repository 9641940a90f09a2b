// What the seller dashboard (issue 19, decision 055) reads of reviews: the rating's trend, as a
// piece of its one statement. Hidden reviews count as they do in ratings: not at all.
import { sql, type RawBuilder } from 'kysely';

export type ReviewTrend = { recentSum: number; recentCount: number; earlierSum: number; earlierCount: number };

/**
 * Sum and count of the visible reviews of these products written in the `days` before `now`, and
 * in the `days` before those, as a JSON subquery. Reads reviews_product_newest_idx.
 */
export const reviewTrendOf = (productIds: RawBuilder<string>, now: Date, days: number): RawBuilder<ReviewTrend> => {
  const recentFrom = new Date(now.getTime() - days * 86_400_000);
  const earlierFrom = new Date(now.getTime() - 2 * days * 86_400_000);
  return sql<ReviewTrend>`(select json_build_object(
      'recentSum', coalesce(sum(rating) filter (where created_at >= ${recentFrom}), 0),
      'recentCount', count(*) filter (where created_at >= ${recentFrom}),
      'earlierSum', coalesce(sum(rating) filter (where created_at < ${recentFrom}), 0),
      'earlierCount', count(*) filter (where created_at < ${recentFrom}))
    from reviews
    where product_id in ${productIds} and hidden_at is null and created_at >= ${earlierFrom} and created_at < ${now})`;
};
