// Saved cards (Settings → Payment methods, and picked at checkout) and what the payment provider
// tells the web app about itself. A card's number and security code go to the provider's
// tokenize() and nowhere else: not the database, not a log line, not a response (docs/payments.md).
import { AppError } from '../../errors.ts';
import {
  NoBodySchema,
  UuidSchema,
  errorResponses,
  obj as object,
  noContentResponses,
  type RouteApp,
} from '../../schemas.ts';
import { requireUser } from '../auth/index.ts';
import { cardBrand, TEST_OUTCOMES } from './provider.ts';
import {
  CardInputSchema,
  CardViewSchema,
  MAX_SAVED_CARDS,
  cardView,
  countPaymentMethods,
  deletePaymentMethod,
  findPaymentMethod,
  listPaymentMethods,
  savePaymentMethod,
} from './repository.ts';

const IdParamsSchema = object({ id: UuidSchema });

/** Card additions per account and hour, failed ones included: it stops card testing (trying numbers until one passes). */
export const CARD_ADD_LIMIT = { max: 10, windowSeconds: 3600 } as const;

const ProviderSchema = object({
  id: { type: 'string' },
  label: { type: 'string' },
  isTest: { type: 'boolean' },
  testCards: {
    type: 'array',
    items: object({
      number: { type: 'string' },
      brand: { type: 'string' },
      outcome: { type: 'string', enum: TEST_OUTCOMES },
      description: { type: 'string' },
    }),
  },
});

export async function paymentRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const auth = { onRequest: requireUser };

  app.get(
    '/api/payments/provider',
    {
      schema: {
        tags: ['payments'],
        summary:
          'The payment provider: its label, whether it is a test provider, and the card numbers a test provider accepts.',
        response: { 200: ProviderSchema, ...errorResponses },
      },
    },
    async () => {
      const provider = ctx.payments;
      return {
        id: provider.id,
        label: provider.label,
        isTest: provider.isTest,
        testCards: (provider.isTest ? (provider.testCards ?? []) : []).map((c) => ({
          number: c.number,
          brand: cardBrand(c.number),
          outcome: c.outcome,
          description: c.description,
        })),
      };
    },
  );

  app.get(
    '/api/payment-methods',
    {
      ...auth,
      schema: {
        tags: ['payments'],
        summary: 'Saved cards: brand, last four digits and expiry.',
        response: { 200: object({ paymentMethods: { type: 'array', items: CardViewSchema } }), ...errorResponses },
      },
    },
    async (request) => ({ paymentMethods: (await listPaymentMethods(ctx.db, request.user.id)).map(cardView) }),
  );

  app.get(
    '/api/payment-methods/:id',
    {
      ...auth,
      schema: {
        tags: ['payments'],
        summary: 'One saved card.',
        params: IdParamsSchema,
        response: { 200: CardViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const card = await findPaymentMethod(ctx.db, request.user.id, request.params.id);
      if (!card) throw new AppError('NOT_FOUND');
      return cardView(card);
    },
  );

  app.post(
    '/api/payment-methods',
    {
      ...auth,
      schema: {
        tags: ['payments'],
        summary: `Save a card: the provider checks and tokenizes it; Souk keeps only brand, last four digits, expiry and the token. At most ${MAX_SAVED_CARDS} cards; ${CARD_ADD_LIMIT.max} attempts an hour.`,
        body: CardInputSchema,
        response: { 201: CardViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const userId = request.user.id;
      await ctx.rateLimiter.consume(`payment-method:user:${userId}`, CARD_ADD_LIMIT);
      // Refuse before the provider mints a token that could not be kept.
      if ((await countPaymentMethods(ctx.db, userId)) >= MAX_SAVED_CARDS) {
        throw new AppError('LIMIT_REACHED', {
          message: `You can save up to ${MAX_SAVED_CARDS} cards. Remove one first.`,
        });
      }
      // The provider call stays outside the transaction: a real one is a network round trip.
      const tokenized = await ctx.payments.tokenize(request.body);
      const saved = await ctx.db.transaction().execute((trx) => savePaymentMethod(trx, userId, tokenized));
      return reply.code(201).send(cardView(saved));
    },
  );

  app.delete(
    '/api/payment-methods/:id',
    {
      ...auth,
      schema: {
        tags: ['payments'],
        summary: 'Remove a saved card.',
        params: IdParamsSchema,
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      if (!(await deletePaymentMethod(ctx.db, request.user.id, request.params.id))) throw new AppError('NOT_FOUND');
      return reply.code(204).send();
    },
  );
}
