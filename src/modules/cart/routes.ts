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
import {
  clearLines,
  lineCount,
  lineQuantity,
  MAX_LINES,
  MAX_QUANTITY,
  removeLine,
  setLine,
  type LineKey,
} from './repository.ts';
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
      variantId: { type: ['string', 'null'], description: 'The variant chosen; null for a product without options.' },
      variantLabel: { type: ['string', 'null'], description: 'The variant\'s options, as "Colour: Red · Size: M".' },
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
        description:
          'not_shippable: the product does not ship to the `country` asked for. choose_option: the line was added before ' +
          'the product gained options; the shopper chooses them on the product page (`chooseOptions`).',
      },
      chooseOptions: {
        type: 'array',
        items: { type: 'string' },
        description: 'With the problem choose_option, the options to choose ("Size"); empty otherwise.',
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
/** A line of a product with options names its variant too. */
const LineQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...CartQuery.properties,
    variantId: { ...ProductId, description: 'The line of this variant of the product (products with options).' },
  },
} as const;

export async function cartRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;

  /** Checks a wanted quantity against the product and variant; throws the matching error. */
  async function checkProduct({ productId, variantId }: LineKey, quantity: number): Promise<void> {
    const product = await productForCart(db, productId, variantId);
    if (!product) throw new AppError('NOT_FOUND');
    if (product.variant_found === false) throw new AppError('VARIANT_NOT_FOUND');
    if (product.has_variants && variantId === null) throw new AppError('VARIANT_REQUIRED');
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
        body: obj(
          {
            productId: ProductId,
            variantId: { ...ProductId, description: 'Required for a product with options: the variant chosen.' },
            quantity: Quantity,
          },
          ['productId'],
        ),
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const { productId, variantId = null, quantity = 1 } = request.body;
      const key = { productId, variantId };
      const cartId = await existingCartId(request, reply);
      const current = (cartId && (await lineQuantity(db, cartId, key))) || 0;
      const wanted = current + quantity;
      if (wanted > MAX_QUANTITY) {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'quantity', message: `at most ${MAX_QUANTITY} of one product per order` }],
        });
      }
      if (cartId && current === 0 && (await lineCount(db, cartId)) >= MAX_LINES) {
        throw new AppError('LIMIT_REACHED', { message: `A cart holds up to ${MAX_LINES} different products.` });
      }
      await checkProduct(key, wanted);
      await setLine(db, cartId ?? (await createCart(request, reply)), key, wanted);
      return readCart(request, reply, request.query.country);
    },
  );

  app.put(
    '/api/cart/lines/:productId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Set the quantity of a product (or of one variant of it) in the cart (adds the line when missing).',
        params: obj({ productId: ProductId }),
        querystring: LineQuery,
        body: obj({ quantity: Quantity }),
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const key = { productId: request.params.productId, variantId: request.query.variantId ?? null };
      const cartId = await existingCartId(request, reply);
      const current = cartId ? await lineQuantity(db, cartId, key) : undefined;
      if (cartId && current === undefined && (await lineCount(db, cartId)) >= MAX_LINES) {
        throw new AppError('LIMIT_REACHED', { message: `A cart holds up to ${MAX_LINES} different products.` });
      }
      await checkProduct(key, request.body.quantity);
      await setLine(db, cartId ?? (await createCart(request, reply)), key, request.body.quantity);
      return readCart(request, reply, request.query.country);
    },
  );

  app.delete(
    '/api/cart/lines/:productId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Remove a product (or one variant of it) from the cart.',
        params: obj({ productId: ProductId }),
        querystring: LineQuery,
        body: NoBodySchema,
        response: cartResponse,
      },
    },
    async (request, reply) => {
      const cartId = await existingCartId(request, reply);
      if (cartId)
        await removeLine(db, cartId, {
          productId: request.params.productId,
          variantId: request.query.variantId ?? null,
        });
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
