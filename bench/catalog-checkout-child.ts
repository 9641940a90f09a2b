// Checkout load for bench/catalog.ts, in its own process so the server keeps a core: each signed-in
// buyer loops "add 1–3 products from different stores, quote, place with the test card" and the
// result is one JSON line on stdout. Options arrive as JSON on stdin.
import { randomUUID } from 'node:crypto';
import { percentile } from './lib/stats.ts';

export type CheckoutChildOptions = {
  baseUrl: string;
  buyers: Array<{ cookie: string; country: string }>;
  /** Per country: products that ship there, with their store. */
  pools: Record<string, Array<{ productId: string; storeId: string }>>;
  seconds: number;
  warmupSeconds: number;
};

export type CheckoutChildResult = {
  checkouts: number;
  warmupCheckouts: number;
  lines: number;
  orders: number;
  requests: number;
  seconds: number;
  placeP50: number;
  placeP99: number;
  flowP99: number;
  failures: number;
  firstFailure: string | null;
};

const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' };

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const options = JSON.parse(input) as CheckoutChildOptions;
if (!new URL(options.baseUrl).hostname.startsWith('127.0.0.1'))
  throw new Error('benchmarks only send traffic to 127.0.0.1');

let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};

const result = {
  checkouts: 0,
  warmupCheckouts: 0,
  lines: 0,
  orders: 0,
  requests: 0,
  failures: 0,
  firstFailure: null as string | null,
};
const place: number[] = [];
const flow: number[] = [];
const warmupEnds = performance.now() + options.warmupSeconds * 1000;
const ends = warmupEnds + options.seconds * 1000;

async function call(cookie: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  result.requests++;
  const response = await fetch(`${options.baseUrl}${path}`, {
    method,
    headers: { cookie, origin: options.baseUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function buyer({ cookie, country }: { cookie: string; country: string }): Promise<void> {
  const pool = options.pools[country]!;
  while (performance.now() < ends && result.failures === 0) {
    const flowStarted = performance.now();
    try {
      // 1–3 products, each from a different store.
      const wanted = 1 + Math.floor(random() * 3);
      const stores = new Set<string>();
      while (stores.size < wanted) {
        const pick = pool[Math.floor(random() * pool.length)]!;
        if (stores.has(pick.storeId)) continue;
        stores.add(pick.storeId);
        await call(cookie, 'POST', '/api/cart/lines', {
          productId: pick.productId,
          quantity: 1 + Math.floor(random() * 2),
        });
      }
      const quote = (await call(cookie, 'GET', `/api/checkout?country=${country}`)) as {
        total: { amount: number; currency: string } | null;
        canPlace: boolean;
      };
      if (!quote.canPlace || !quote.total)
        throw new Error(`quote cannot be placed: ${JSON.stringify(quote).slice(0, 300)}`);
      const placeStarted = performance.now();
      const placed = (await call(cookie, 'POST', '/api/checkout', {
        idempotencyKey: randomUUID(),
        address: { fullName: 'Bench Buyer', line1: '1 Bench Street', city: 'Benchville', postalCode: '10001', country },
        card: CARD,
        expectedTotal: quote.total,
      })) as { payment: { status: string } | null; orders: unknown[] };
      const done = performance.now();
      if (placed.payment?.status !== 'succeeded') throw new Error(`payment ${JSON.stringify(placed.payment)}`);
      if (placeStarted < warmupEnds) {
        result.warmupCheckouts++;
        continue;
      }
      if (done > ends) break;
      result.checkouts++;
      result.lines += wanted;
      result.orders += placed.orders.length;
      place.push(done - placeStarted);
      flow.push(done - flowStarted);
    } catch (error) {
      result.failures++;
      result.firstFailure ??= (error as Error).message;
    }
  }
}

const started = performance.now();
await Promise.all(options.buyers.map(buyer));
const measuredSeconds = (Math.min(performance.now(), ends) - Math.max(started, warmupEnds)) / 1000;
place.sort((a, b) => a - b);
flow.sort((a, b) => a - b);
const out: CheckoutChildResult = {
  ...result,
  seconds: measuredSeconds,
  placeP50: percentile(place, 0.5),
  placeP99: percentile(place, 0.99),
  flowP99: percentile(flow, 0.99),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
