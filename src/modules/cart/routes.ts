// The cart: no account needed. Every answer is the whole cart, so a page updates from one request.
import { AppError } from '../../errors.ts';
import {
  CountryCodeSchema,
  NoBodySchema,
  errorResponses,
  nullable,
  obj,
  UuidSchema as ProductId,
  type RouteApp,
} from '../../schemas.ts';
import { MoneySchema } from '../../lib/money.ts';
import { productForCart } from '../catalog/index.ts';
import { clearLines, lineCount, lineQuantity, MAX_LINES, MAX_QUANTITY, removeLine, setLine } from './repository.ts';
import { CART_PROBLEMS, createCart, existingCartId, readCart } from './service.ts';

const Quantity = { type: 'integer', minimum: 1, maximum: MAX_QUANTITY } as const;

export const CartSchema = obj({
  country: {
    ...nullable(CountryCodeSchema),
    description: 'The country the lines were checked against (the `country` parameter), or null.',
  },
  lines: {
    type: 'array',
    items: obj({
      productId: { type: 'string' },
      title: { type: 'string' },
      imageUrl: { type: 'string' },
      store: obj({ id: { type: 'string' }, name: { type: 'string' } }),
      quantity: { type: 'integer' },
      unitPrice: MoneySchema,
      listPrice: nullable(MoneySchema),
      lineTotal: MoneySchema,
      stock: { type: 'integer' },
      problem: {
        type: ['string', 'null'],
        enum: [...CART_PROBLEMS, null],
        description: 'not_shippable: the product does not ship to the `country` asked for.',
      },
    }),
  },
  itemCount: { type: 'integer' },
  subtotals: { type: 'array', items: MoneySchema, description: 'Per currency, of the lines that can be bought.' },
});

const cartResponse = { 200: CartSchema, ...errorResponses };
/** Every cart answer can be checked against a country: the shopper's ship-to country or chosen address's. */
const CartQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    country: { ...CountryCodeSchema, description: 'Flag the lines whose product does not ship to this country.' },
  },
} as const;

export async function cartRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;

  /** Checks a wanted quantity against the product; throws the matching error. */
  async function checkProduct(productId: string, quantity: number): Promise<void> {
    const product = await productForCart(db, productId);
    if (!product) throw new AppError('NOT_FOUND');
    if (!product.listed) throw new AppError('PRODUCT_UNAVAILABLE');
    if (product.stock < quantity) {
      throw new AppError('OUT_OF_STOCK', {
        message: product.stock === 0 ? 'This product is out of stock.' : `Only ${product.stock} left in stock.`,
      });
    }
  }

  app.get(
    '/api/cart',
    {
      schema: {
        tags: ['cart'],
        summary: "This browser's cart, or the signed-in account's.",
        querystring: CartQuery,
        response: cartResponse,
      },
    },
    (request, reply) => readCart(request, reply, request.query.country),
  );

  app.post(
    '/api/cart/lines',
    {
      schema: {
        tags: ['cart'],
        summary: 'Add a product (adds to the quantity already in the cart).',
        querystring: CartQuery,
        body: obj({ productId: ProductId, quantity: Quantity }, ['productId']),
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const { productId, quantity = 1 } = request.body;
      const cartId = await existingCartId(request, reply);
      const current = (cartId && (await lineQuantity(db, cartId, productId))) || 0;
      const wanted = current + quantity;
      if (wanted > MAX_QUANTITY) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'quantity', message: `at most ${MAX_QUANTITY} of one product per order` }],
        });
      }
      if (cartId && current === 0 && (await lineCount(db, cartId)) >= MAX_LINES) {
        throw new AppError('LIMIT_REACHED', { message: `A cart holds up to ${MAX_LINES} different products.` });
      }
      await checkProduct(productId, wanted);
      await setLine(db, cartId ?? (await createCart(request, reply)), productId, wanted);
      return readCart(request, reply, request.query.country);
    },
  );

  app.put(
    '/api/cart/lines/:productId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Set the quantity of a product in the cart (adds the line when missing).',
        params: obj({ productId: ProductId }),
        querystring: CartQuery,
        body: obj({ quantity: Quantity }),
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const { productId } = request.params;
      const cartId = await existingCartId(request, reply);
      const current = cartId ? await lineQuantity(db, cartId, productId) : undefined;
      if (cartId && current === undefined && (await lineCount(db, cartId)) >= MAX_LINES) {
        throw new AppError('LIMIT_REACHED', { message: `A cart holds up to ${MAX_LINES} different products.` });
      }
      await checkProduct(productId, request.body.quantity);
      await setLine(db, cartId ?? (await createCart(request, reply)), productId, request.body.quantity);
      return readCart(request, reply, request.query.country);
    },
  );

  app.delete(
    '/api/cart/lines/:productId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Remove a product from the cart.',
        params: obj({ productId: ProductId }),
        querystring: CartQuery,
        body: NoBodySchema,
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const cartId = await existingCartId(request, reply);
      if (cartId) await removeLine(db, cartId, request.params.productId);
      return readCart(request, reply, request.query.country);
    },
  );

  app.delete(
    '/api/cart',
    {
      schema: {
        tags: ['cart'],
        summary: 'Empty the cart.',
        querystring: CartQuery,
        body: NoBodySchema,
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const cartId = await existingCartId(request, reply);
      if (cartId) await clearLines(db, cartId);
      return readCart(request, reply, request.query.country);
    },
  );
}
