// Saved cards: what the provider returned, nothing more.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { lockAccountForChanges } from '../accounts/index.ts';
import { obj } from '../../schemas.ts';
import type { TokenizedCard } from './provider.ts';

export const MAX_SAVED_CARDS = 10;

export type SavedCard = {
  id: string;
  provider: string;
  provider_token: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  created_at: Date;
};

const COLUMNS = ['id', 'provider', 'provider_token', 'brand', 'last4', 'exp_month', 'exp_year', 'created_at'] as const;

export function listPaymentMethods(db: Kysely<DB>, userId: string): Promise<SavedCard[]> {
  return db
    .selectFrom('payment_methods')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findPaymentMethod(db: Kysely<DB>, userId: string, id: string): Promise<SavedCard | undefined> {
  return db
    .selectFrom('payment_methods')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Saves a tokenized card; LIMIT_REACHED beyond MAX_SAVED_CARDS. Call inside a transaction (the caller's, or a new one). */
export async function savePaymentMethod(db: Kysely<DB>, userId: string, card: TokenizedCard): Promise<SavedCard> {
  // Inside a transaction, this row lock makes the count and the insert one step per account.
  await lockAccountForChanges(db, userId);
  if ((await countPaymentMethods(db, userId)) >= MAX_SAVED_CARDS)
    throw new AppError('LIMIT_REACHED', { message: `You can save up to ${MAX_SAVED_CARDS} cards. Remove one first.` });
  return db
    .insertInto('payment_methods')
    .values({
      user_id: userId,
      provider: card.provider,
      provider_token: card.token,
      brand: card.brand,
      last4: card.last4,
      exp_month: card.expMonth,
      exp_year: card.expYear,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function countPaymentMethods(db: Kysely<DB>, userId: string): Promise<number> {
  const { count } = await db
    .selectFrom('payment_methods')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** True when a card was removed. */
export async function deletePaymentMethod(db: Kysely<DB>, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('payment_methods')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The public shape of a saved card (never the token). */
export function cardView(card: SavedCard) {
  return {
    id: card.id,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.exp_month,
    expYear: card.exp_year,
    createdAt: card.created_at.toISOString(),
  };
}

export const CardViewSchema = obj({
  id: { type: 'string' },
  brand: { type: 'string' },
  last4: { type: 'string' },
  expMonth: { type: 'integer' },
  expYear: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
});

/** The body that carries a card number: used at checkout and in Settings → Payment methods. */
export const CardInputSchema = obj({
  number: { type: 'string', minLength: 12, maxLength: 23, pattern: '^[0-9 -]+$' },
  expMonth: { type: 'integer', minimum: 1, maximum: 12 },
  expYear: { type: 'integer', minimum: 0, maximum: 2100 },
  cvc: { type: 'string', minLength: 3, maxLength: 4, pattern: '^[0-9]+$' },
});
