// Random Souk populations for the erasure property test (test/erasure-property.test.ts): a plan
// drawn by fast-check, then built through the HTTP API as people would (sign up, open stores,
// buy, ship, review, ask, answer, write, open tickets), so every row has the shape real use gives
// it. Two shortcuts: the support role is granted through the service the admin CLI uses, and the
// sign-up link is read from the outbox instead of waiting for the job queue to deliver it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { OrderStatus } from '../../src/db/types.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';
import { Client, ORIGIN, signIn, STRONG_PASSWORD, tokenFrom } from './app.ts';
import { addressOf, buyerOf, COUNTRIES, FIRST_NAMES, LAST_NAMES, nameOf, type Plan } from './population-plan.ts';
import { PNG } from './posts.ts';

export { blockedPeople, planArbitrary, type Plan } from './population-plan.ts';

const CARDS = [
  { number: '4242424242424242', expMonth: 11, expYear: 2034, cvc: '321' },
  { number: '5555555555554444', expMonth: 3, expYear: 2035, cvc: '654' },
];
const DECLINED = { number: '4000000000000002', expMonth: 12, expYear: 2035, cvc: '123' };

export type Person = {
  index: number;
  client: Client;
  userId: string;
  email: string;
  displayName: string;
  storeId: string | null;
  productIds: string[];
};

export type Population = {
  people: Person[];
  orders: Array<{
    id: string;
    number: string;
    buyer: number;
    store: number;
    status: OrderStatus;
    trackingNumber: string | null;
  }>;
};

/** Bytes that sniff as PNG and differ per upload, so a file swapped for another would show. */
const uniquePng = (label: string) => Buffer.concat([PNG, Buffer.from(label)]);

async function upload(app: FastifyInstance, client: Client, url: string, data: Buffer): Promise<void> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { origin: ORIGIN, 'content-type': 'image/png', cookie },
    payload: data,
  });
  assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
}

const expect = async (response: Promise<{ statusCode: number; body: string }>, status: number, what: string) => {
  const res = await response;
  assert.equal(res.statusCode, status, `${what}: ${res.body}`);
  return JSON.parse(res.body || 'null');
};

/**
 * signUpAndSignIn without waiting for the job queue to deliver the verification mail: the link
 * is read from the outbox row, which holds the text the mailbox gets.
 */
async function signUp(app: FastifyInstance, email: string, displayName: string): Promise<Client> {
  const client = new Client(app);
  await expect(client.post('/api/auth/sign-up', { email, password: STRONG_PASSWORD, displayName }), 202, 'sign-up');
  const { db } = app.souk;
  const queued = await db
    .selectFrom('mail_outbox')
    .select('text')
    .where('to_address', '=', email)
    .where('subject', 'like', 'Verify%')
    .executeTakeFirstOrThrow();
  // Delivered meanwhile: the outbox kept no body, the mailbox has it.
  const mail =
    queued.text ||
    (
      await db
        .selectFrom('dev_mailbox')
        .select('text')
        .where('to_address', '=', email)
        .where('subject', 'like', 'Verify%')
        .executeTakeFirstOrThrow()
    ).text;
  await expect(
    client.post('/api/auth/verify-email', { token: tokenFrom({ text: mail }, '/verify-email') }),
    200,
    'verify',
  );
  await expect(client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD }), 200, 'sign-in');
  return client;
}

/** Builds the plan's population in a fresh app (its catalog still empty). */
export async function buildPopulation(app: FastifyInstance, plan: Plan): Promise<Population> {
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const people: Person[] = [];
  for (const [i, p] of plan.people.entries()) {
    const displayName = nameOf(p);
    // Addresses are unique, as accounts make them; the mailbox's name part is shared like the name.
    const email = `${FIRST_NAMES[p.firstName]!.toLowerCase()}.${LAST_NAMES[p.lastName]!.toLowerCase()}.${i}@example.test`;
    const client = await signUp(app, email, displayName);
    const userId = (await expect(client.get('/api/me'), 200, 'me')).id as string;
    people.push({ index: i, client, userId, email, displayName, storeId: null, productIds: [] });
    // Everything below names the person in a way the verification scan must no longer find.
    if (p.phone)
      await expect(
        client.patch('/api/account/profile', { phone: `+212 6${i}0 11 22 3${i}`, country: COUNTRIES[p.country] }),
        200,
        'profile',
      );
    if (p.notifications)
      await expect(client.put('/api/account/notifications', { preferences: { offers: true } }), 200, 'notifications');
    for (let a = 0; a < p.addresses; a++) {
      await expect(client.post('/api/addresses', addressOf(i, p, a)), 201, 'address');
    }
    for (let c = 0; c < p.cards; c++) await expect(client.post('/api/payment-methods', CARDS[c]), 201, 'card');
    for (let s = 0; s < p.extraSessions; s++)
      await signIn(app, email, STRONG_PASSWORD, `Mozilla/5.0 (Device ${s} of ${displayName})`);
  }
  await grantRole(db, people[plan.agent]!.email, 'support');

  for (const [s, store] of plan.stores.entries()) {
    const owner = people[s]!;
    const opened = await expect(
      owner.client.post('/api/stores', {
        name: `Atelier ${owner.displayName}`,
        country: 'MA',
        description: `Hand-made by ${owner.displayName}.`,
      }),
      201,
      'store',
    );
    owner.storeId = opened.id as string;
    const profile = await expect(
      owner.client.post('/api/seller/shipping-profiles', {
        label: 'Standard',
        rates: COUNTRIES.map((country, c) => ({ country, cost: 300 + 100 * c, minDays: 2, maxDays: 5 + c })),
      }),
      201,
      'shipping profile',
    );
    for (let n = 0; n < store.products; n++) {
      const product = await expect(
        owner.client.post('/api/seller/products', {
          title: `Ceramic bowl no. ${s}${n}`,
          description: 'Glazed by hand.',
          category: 'home-kitchen',
          price: { amount: 1000 + 500 * n, currency: 'USD' },
          stock: 50,
          shippingProfileId: profile.id,
        }),
        201,
        'product',
      );
      owner.productIds.push(product.id);
      for (let m = 0; m < store.images; m++)
        await upload(
          app,
          owner.client,
          `/api/seller/products/${product.id}/images`,
          uniquePng(`product ${s}.${n}.${m}`),
        );
    }
  }

  const orders: Population['orders'] = [];
  const reviewed = new Set<string>();
  const delivered = new Set<string>();
  const reviews: Array<{ id: string; author: number }> = [];
  for (const [o, order] of plan.orders.entries()) {
    const b = buyerOf(plan, order);
    const buyer = people[b]!;
    const seller = people[order.store]!;
    const productId = seller.productIds[order.product % seller.productIds.length]!;
    await expect(buyer.client.post('/api/cart/lines', { productId, quantity: order.quantity }), 200, 'cart line');
    const saved = (await expect(buyer.client.get('/api/addresses'), 200, 'addresses')).addresses as Array<{
      id: string;
      country: string;
    }>;
    const address =
      order.savedAddress && saved.length > 0
        ? { addressId: saved[0]!.id }
        : { address: addressOf(b, plan.people[b]!, 9) };
    const country = 'addressId' in address ? saved[0]!.country : address.address.country;
    const quote = await expect(buyer.client.get(`/api/checkout?country=${country}`), 200, 'quote');
    const cards = (await expect(buyer.client.get('/api/payment-methods'), 200, 'cards')).paymentMethods as Array<{
      id: string;
    }>;
    const payment =
      order.status === 'awaiting_payment'
        ? { card: DECLINED }
        : order.savedCard && cards.length > 0
          ? { paymentMethodId: cards[0]!.id }
          : { card: CARDS[o % 2] };
    const placed = await expect(
      buyer.client.post('/api/checkout', {
        idempotencyKey: randomUUID(),
        ...address,
        ...payment,
        expectedTotal: quote.total,
      }),
      201,
      'checkout',
    );
    const { id, number } = placed.orders[0] as { id: string; number: string };
    let trackingNumber: string | null = null;
    if (order.status === 'shipped' || order.status === 'delivered') {
      trackingNumber = `TRK${o}X${b}${order.store}`;
      await expect(
        seller.client.post(`/api/seller/orders/${id}/ship`, { carrier: 'Amana', trackingNumber }),
        200,
        'ship',
      );
      await expect(
        seller.client.post(`/api/seller/orders/${id}/tracking`, { status: 'in_transit' }),
        200,
        'in transit',
      );
    }
    if (order.status === 'delivered') delivered.add(`${b}:${productId}`);
    if (order.status === 'delivered')
      await expect(seller.client.post(`/api/seller/orders/${id}/tracking`, { status: 'delivered' }), 200, 'delivered');
    if (order.status === 'cancelled') {
      const by =
        order.cancelledBy === 'buyer'
          ? buyer.client.post(`/api/orders/${id}/cancel`)
          : seller.client.post(`/api/seller/orders/${id}/cancel`);
      await expect(by, 200, 'cancel');
    }
    orders.push({ id, number, buyer: b, store: order.store, status: order.status, trackingNumber });
    if (order.status === 'delivered' && order.review && !reviewed.has(`${b}:${productId}`)) {
      reviewed.add(`${b}:${productId}`);
      const review = await expect(
        buyer.client.post(`/api/products/${productId}/reviews`, {
          rating: order.review.rating,
          body: `${buyer.displayName} here: it arrived at ${addressOf(b, plan.people[b]!, 9).line1}.`,
        }),
        201,
        'review',
      );
      reviews.push({ id: review.id, author: b });
      for (let ph = 0; ph < order.review.photos; ph++)
        await upload(app, buyer.client, `/api/reviews/${review.id}/photos`, uniquePng(`review ${o}.${ph}`));
    }
  }

  const products = people.flatMap((p) => p.productIds.map((id) => ({ id, owner: p.index })));
  const questions: Array<{ id: string; author: number }> = [];
  const answers: Array<{ id: string; author: number }> = [];
  const received = (person: number, productId: string) => delivered.has(`${person}:${productId}`);
  for (const q of plan.questions) {
    const product = products[q.product % products.length]!;
    const author = people[q.author]!;
    const asked = await expect(
      author.client.post(`/api/products/${product.id}/questions`, {
        body: `${author.displayName} asks: does it ship to ${addressOf(q.author, plan.people[q.author]!, 9).city}?`,
      }),
      201,
      'question',
    );
    questions.push({ id: asked.id, author: q.author });
    const answerers = new Set(
      q.answerers.map((c) => (c === product.owner || received(c, product.id) ? c : product.owner)),
    );
    for (const a of answerers) {
      const body = `${people[a]!.displayName} answers: yes.`;
      const answered = await expect(
        people[a]!.client.post(`/api/questions/${asked.id}/answers`, { body }),
        201,
        'answer',
      );
      const answer = (answered.answers as Array<{ id: string; body: string }>).find((x) => x.body === body);
      assert.ok(answer, 'the answer is listed under its question');
      answers.push({ id: answer.id, author: a });
    }
  }
  // Other people's words quoting someone's exact address: redacted when that someone is erased.
  for (const q of plan.quotes) {
    if (q.author === q.about) continue;
    const product = products[q.product % products.length]!;
    await expect(
      people[q.author]!.client.post(`/api/products/${product.id}/questions`, {
        body: `Is this the one ${people[q.about]!.email} recommended? Write to ${people[q.about]!.email.toUpperCase()}.`,
      }),
      201,
      'quoting question',
    );
  }
  const voted = new Set<string>();
  for (const v of plan.votes) {
    const review = reviews[v.review % Math.max(1, reviews.length)];
    if (!review || review.author === v.voter || voted.has(`${v.voter}:${review.id}`)) continue;
    voted.add(`${v.voter}:${review.id}`);
    await expect(people[v.voter]!.client.put(`/api/reviews/${review.id}/helpful`), 200, 'helpful');
  }
  const reported = new Set<string>();
  for (const r of plan.reports) {
    const pool = r.post.kind === 'review' ? reviews : r.post.kind === 'question' ? questions : answers;
    const post = pool[r.post.pick % Math.max(1, pool.length)];
    if (!post || post.author === r.reporter || reported.has(`${r.reporter}:${post.id}`)) continue;
    reported.add(`${r.reporter}:${post.id}`);
    await expect(
      people[r.reporter]!.client.post('/api/reports', {
        kind: r.post.kind,
        id: post.id,
        reason: 'off_topic',
        note: `Reported by ${people[r.reporter]!.displayName}.`,
      }),
      204,
      'report',
    );
  }

  // Messages: buyer → store first, then turns either way; pairs with no turns never wrote.
  for (const [c, turns] of plan.conversations.entries()) {
    const b = Math.floor(c / plan.stores.length);
    const seller = people[c % plan.stores.length]!;
    const buyer = people[b]!;
    if (turns === null || seller.index === b) continue;
    const started = await expect(
      buyer.client.post('/api/conversations', {
        productId: seller.productIds[0],
        body: `Hello, ${buyer.displayName} writing, phone me?`,
      }),
      201,
      'conversation',
    );
    const conversation = started.conversation.id as string;
    for (const [t, side] of turns.entries()) {
      if (side === 'buyer')
        await expect(
          buyer.client.post(`/api/conversations/${conversation}/messages`, {
            body: `${buyer.displayName} again (${t}).`,
          }),
          201,
          'buyer message',
        );
      else
        await expect(
          seller.client.post(`/api/seller/conversations/${conversation}/messages`, {
            body: `${seller.displayName} from the store answers (${t}).`,
          }),
          201,
          'store message',
        );
    }
  }

  const agent = people[plan.agent]!;
  for (const [t, ticket] of plan.tickets.entries()) {
    const requester = people[ticket.requester]!;
    const own = orders.find((o) => o.buyer === ticket.requester);
    const opened = await expect(
      requester.client.post('/api/support/tickets', {
        category: ticket.category,
        orderId: ticket.aboutOrder && own ? own.id : null,
        subject: `Question ${t} from ${requester.displayName}`,
        body: `Please call ${requester.displayName}.`,
      }),
      201,
      'ticket',
    );
    if (ticket.staffReply || ticket.resolved) {
      await expect(
        agent.client.post(`/api/admin/tickets/${opened.id}/messages`, {
          body: 'Souk support here: we are on it.',
          ...(ticket.resolved ? { status: 'resolved' } : {}),
        }),
        201,
        'staff reply',
      );
    }
    if (ticket.followUp && !ticket.resolved)
      await expect(
        requester.client.post(`/api/support/tickets/${opened.id}/messages`, {
          body: `Thanks, ${requester.displayName}.`,
        }),
        201,
        'follow-up',
      );
  }

  for (const [i, p] of plan.people.entries()) {
    const person = people[i]!;
    const others = products.filter((product) => product.owner !== i);
    for (let l = 0; l < Math.min(p.cartLines, others.length); l++)
      await expect(person.client.post('/api/cart/lines', { productId: others[l]!.id, quantity: 1 }), 200, 'cart line');
    if (p.emailChange)
      await expect(
        person.client.post('/api/account/email', { newEmail: `new.${person.email}`, currentPassword: STRONG_PASSWORD }),
        202,
        'email change',
      );
    if (p.resetRequest) {
      await expect(new Client(app).post('/api/auth/forgot-password', { email: person.email }), 202, 'forgot password');
      // The reset link is made just after the answer (docs/security.md): wait until its mail is queued.
      for (const deadline = Date.now() + 10_000; ; ) {
        const queued = await app.souk.db
          .selectFrom('mail_outbox')
          .select('id')
          .where('to_address', '=', person.email)
          .where('subject', '=', 'Reset your Souk password')
          .executeTakeFirst();
        if (queued) break;
        assert.ok(Date.now() < deadline, `no reset mail queued for ${person.email}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }
  return { people, orders };
}
