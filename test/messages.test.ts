// Messages between buyers and stores through the HTTP API: starting from a product or an order,
// reusing the conversation, lists with unread counts, threads that mark read, replies from the
// seller center; who may read what (404 for everyone else, with nothing changed); bad input;
// rate limits; the 15-minute mail throttle and the "Messages" switch; erasure of one person's
// messages leaving a placeholder on the other side and none of their text anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createTestApp, forgetRateLimits, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { messagesErasure } from '../src/modules/messages/erasure.ts';
import { eraseInBatches } from '../src/erasure/executor.ts';

type Message = {
  id: string;
  side: 'buyer' | 'store';
  fromMe: boolean;
  body: string | null;
  removed: boolean;
  createdAt: string;
};
type Conversation = {
  id: string;
  store: { id: string; name: string };
  buyer: { name: string | null };
  withName: string;
  product: { id: string; title: string } | null;
  order: { id: string; number: string } | null;
  unread: number;
  lastMessage: { body: string | null; removed: boolean; fromMe: boolean } | null;
  canReply: boolean;
};
type Thread = { conversation: Conversation; messages: Message[]; hasEarlier: boolean };
type List = { items: Conversation[]; total: number; unread: number; page: number; pageSize: number };

const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal((res.json() as { error: { code: string } }).error.code, code, res.body);
}

test('messages between buyers and stores', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });

  const buyer = await signUpAndSignIn(app, 'amina@example.com', undefined, 'Amina');
  const other = await signUpAndSignIn(app, 'omar@example.com', undefined, 'Omar');
  const seller = await signUpAndSignIn(app, 'idris@example.com', undefined, 'Idris');
  const rival = await signUpAndSignIn(app, 'bilal@example.com', undefined, 'Bilal');
  const idOf = async (email: string) =>
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const sellerId = await idOf('idris@example.com');

  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const rivalStore = await createFixtureStore(db, 'Berber Rugs', [
    { country: 'FR', cost_minor: 0, min_days: 2, max_days: 4 },
  ]);
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
  await db
    .updateTable('stores')
    .set({ owner_user_id: await idOf('bilal@example.com') })
    .where('id', '=', rivalStore.storeId)
    .execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });
  const delisted = await createFixtureProduct(db, store, { title: 'Old Lamp', price: 1000, status: 'delisted' });
  const rug = await createFixtureProduct(db, rivalStore, { title: 'Wool Rug', price: 9000 });

  // One paid order of the buyer from Atlas Lamps, and one of Omar's.
  const placeOrder = async (client: Client) => {
    await client.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const quote = (await client.get('/api/checkout?country=FR')).json() as { total: unknown };
    const res = await client.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card: CARD_OK,
      expectedTotal: quote.total,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { orders: Array<{ id: string; number: string }> }).orders[0]!;
  };
  const order = await placeOrder(buyer);
  const othersOrder = await placeOrder(other);

  const count = async (table: 'conversations' | 'messages') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const messageMails = async (to: string) =>
    Number(
      (
        await db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('to_address', '=', to)
          .where('kind', '=', 'messages')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    conversations: await count('conversations'),
    messages: await count('messages'),
    state: (
      await sql`select id, buyer_unread_count, store_unread_count, last_message_id from conversations order by id`.execute(
        db,
      )
    ).rows,
  });
  const unreadOf = async (client: Client) =>
    (await client.get('/api/conversations/unread-count')).json() as { buyer: number; store: number };

  await t.test('signed out, every messages route is 401', async () => {
    const anonymous = new Client(app);
    const id = randomUUID();
    for (const [method, url] of [
      ['GET', '/api/conversations/unread-count'],
      ['GET', '/api/conversations'],
      ['POST', '/api/conversations'],
      ['GET', `/api/conversations/${id}/messages`],
      ['POST', `/api/conversations/${id}/messages`],
      ['GET', '/api/seller/conversations'],
      ['GET', `/api/seller/conversations/${id}/messages`],
      ['POST', `/api/seller/conversations/${id}/messages`],
    ] as const) {
      expectError(
        await anonymous.request(method, url, method === 'POST' ? { productId: lamp, body: 'Hello' } : undefined),
        401,
        'UNAUTHENTICATED',
      );
    }
    assert.equal(await count('conversations'), 0);
  });

  let productThread: Thread;
  await t.test('a buyer messages the seller from a product; the seller is mailed without the text', async () => {
    const res = await buyer.post('/api/conversations', {
      productId: lamp,
      body: '  Is the brass lamp <b>dimmable</b>?  ',
    });
    assert.equal(res.statusCode, 201, res.body);
    productThread = res.json() as Thread;
    const c = productThread.conversation;
    assert.deepEqual(
      [c.withName, c.store.name, c.product, c.order, c.unread, c.canReply],
      ['Atlas Lamps', 'Atlas Lamps', { id: lamp, title: 'Brass Lamp' }, null, 0, true],
    );
    assert.deepEqual(
      productThread.messages.map((m) => [m.side, m.fromMe, m.body, m.removed]),
      [['buyer', true, 'Is the brass lamp <b>dimmable</b>?', false]],
    );
    const mail = await waitForMail(app, 'idris@example.com', /A buyer sent your store a message/);
    assert.match(mail.text, /Atlas Lamps/, 'the store is named in the body');
    assert.match(mail.text, /Brass Lamp/);
    assert.match(mail.text, new RegExp(`/seller/messages/${c.id}`));
    assert.doesNotMatch(mail.text + mail.html, /dimmable|Amina/);
    assert.deepEqual(await unreadOf(seller), { buyer: 0, store: 1 });
  });

  await t.test(
    'writing again about the same product continues the same conversation, without a second mail',
    async () => {
      const res = await buyer.post('/api/conversations', { productId: lamp, body: 'And does it ship to Lyon?' });
      assert.equal(res.statusCode, 201, res.body);
      const thread = res.json() as Thread;
      assert.equal(thread.conversation.id, productThread.conversation.id);
      assert.deepEqual(
        thread.messages.map((m) => m.body),
        ['Is the brass lamp <b>dimmable</b>?', 'And does it ship to Lyon?'],
      );
      assert.equal(await count('conversations'), 1);
      assert.equal(await messageMails('idris@example.com'), 1);
    },
  );

  await t.test('bad input is refused with a stable code and changes nothing', async () => {
    const before = await snapshot();
    const cases: Array<[string, () => Promise<LightMyRequestResponse>, number, string]> = [
      ['no body', () => buyer.post('/api/conversations', { productId: lamp }), 400, 'VALIDATION_FAILED'],
      [
        'blank body',
        () => buyer.post('/api/conversations', { productId: lamp, body: ' \n\t ' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'too long',
        () => buyer.post('/api/conversations', { productId: lamp, body: 'x'.repeat(2001) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'body not text',
        () => buyer.post('/api/conversations', { productId: lamp, body: 42 }),
        400,
        'VALIDATION_FAILED',
      ],
      ['no subject', () => buyer.post('/api/conversations', { body: 'Hello' }), 400, 'VALIDATION_FAILED'],
      [
        'two subjects',
        () => buyer.post('/api/conversations', { productId: lamp, orderId: order.id, body: 'Hello' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unknown field',
        () => buyer.post('/api/conversations', { productId: lamp, body: 'Hello', storeId: store.storeId }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'bad id',
        () => buyer.post('/api/conversations', { productId: 'lamp', body: 'Hello' }),
        400,
        'VALIDATION_FAILED',
      ],
      ['NUL', () => buyer.post('/api/conversations', { productId: lamp, body: 'a\u0000b' }), 400, 'VALIDATION_FAILED'],
      [
        'unknown product',
        () => buyer.post('/api/conversations', { productId: randomUUID(), body: 'Hello' }),
        404,
        'NOT_FOUND',
      ],
      [
        'delisted product',
        () => buyer.post('/api/conversations', { productId: delisted, body: 'Hello' }),
        404,
        'NOT_FOUND',
      ],
      [
        "someone else's order",
        () => buyer.post('/api/conversations', { orderId: othersOrder.id, body: 'Hello' }),
        404,
        'NOT_FOUND',
      ],
      ['own store', () => seller.post('/api/conversations', { productId: lamp, body: 'Hello me' }), 409, 'OWN_STORE'],
      [
        'reply too long',
        () => buyer.post(`/api/conversations/${productThread.conversation.id}/messages`, { body: 'y'.repeat(2001) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'reply blank',
        () => seller.post(`/api/seller/conversations/${productThread.conversation.id}/messages`, { body: '   ' }),
        400,
        'VALIDATION_FAILED',
      ],
      ['bad conversation id', () => buyer.get('/api/conversations/nope/messages'), 400, 'VALIDATION_FAILED'],
      [
        'bad cursor',
        () => buyer.get(`/api/conversations/${productThread.conversation.id}/messages?before=x`),
        400,
        'VALIDATION_FAILED',
      ],
      ['page size', () => buyer.get('/api/conversations?pageSize=500'), 400, 'VALIDATION_FAILED'],
      [
        'other origin',
        () => buyer.post('/api/conversations', { productId: lamp, body: 'Hello' }, { origin: 'https://evil.example' }),
        403,
        'CSRF_REJECTED',
      ],
    ];
    for (const [name, run, status, code] of cases) {
      const res = await run();
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.equal((res.json() as { error: { code: string } }).error.code, code, name);
    }
    assert.deepEqual(await snapshot(), before);
  });

  await t.test('no one reads or writes a conversation they are not part of', async () => {
    const id = productThread.conversation.id;
    const before = await snapshot();
    expectError(await other.get(`/api/conversations/${id}/messages`), 404, 'NOT_FOUND');
    expectError(await other.post(`/api/conversations/${id}/messages`, { body: 'Let me in' }), 404, 'NOT_FOUND');
    // The seller is not the buyer of their own store's conversation.
    expectError(await seller.get(`/api/conversations/${id}/messages`), 404, 'NOT_FOUND');
    expectError(await seller.post(`/api/conversations/${id}/messages`, { body: 'As a buyer?' }), 404, 'NOT_FOUND');
    // Another store's seller, and a buyer without a store, on the seller routes.
    expectError(await rival.get(`/api/seller/conversations/${id}/messages`), 404, 'NOT_FOUND');
    expectError(
      await rival.post(`/api/seller/conversations/${id}/messages`, { body: 'Buy my rugs instead' }),
      404,
      'NOT_FOUND',
    );
    expectError(await buyer.get(`/api/seller/conversations/${id}/messages`), 403, 'NO_STORE');
    expectError(await buyer.post(`/api/seller/conversations/${id}/messages`, { body: 'Hi' }), 403, 'NO_STORE');
    expectError(await buyer.get('/api/seller/conversations'), 403, 'NO_STORE');
    expectError(await buyer.get(`/api/conversations/${randomUUID()}/messages`), 404, 'NOT_FOUND');
    assert.deepEqual(((await other.get('/api/conversations')).json() as List).items, []);
    assert.deepEqual(((await rival.get('/api/seller/conversations')).json() as List).items, []);
    assert.deepEqual(await snapshot(), before);
  });

  await t.test('the seller sees the conversation unread, reads it, and answers; the buyer is mailed', async () => {
    const list = (await seller.get('/api/seller/conversations')).json() as List;
    assert.equal(list.total, 1);
    assert.equal(list.unread, 2);
    const c = list.items[0]!;
    assert.deepEqual(
      [c.withName, c.buyer.name, c.unread, c.lastMessage?.body, c.lastMessage?.fromMe],
      ['Amina', 'Amina', 2, 'And does it ship to Lyon?', false],
    );

    const thread = (await seller.get(`/api/seller/conversations/${c.id}/messages`)).json() as Thread;
    assert.deepEqual(
      thread.messages.map((m) => [m.side, m.fromMe]),
      [
        ['buyer', false],
        ['buyer', false],
      ],
    );
    assert.deepEqual(await unreadOf(seller), { buyer: 0, store: 0 });

    const res = await seller.post(`/api/seller/conversations/${c.id}/messages`, {
      body: 'Yes, dimmable, and we ship to Lyon in 3 days.',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([(res.json() as Message).side, (res.json() as Message).fromMe], ['store', true]);
    const mail = await waitForMail(app, 'amina@example.com', /A seller sent you a message/);
    assert.match(mail.text, new RegExp(`/account/messages/${c.id}`));
    assert.doesNotMatch(mail.text + mail.html, /Lyon in 3 days/);

    assert.deepEqual(await unreadOf(buyer), { buyer: 1, store: 0 });
    const buyerList = (await buyer.get('/api/conversations')).json() as List;
    assert.deepEqual(
      [buyerList.unread, buyerList.items[0]!.unread, buyerList.items[0]!.lastMessage?.fromMe],
      [1, 1, false],
    );
    const read = (await buyer.get(`/api/conversations/${c.id}/messages`)).json() as Thread;
    assert.deepEqual(
      read.messages.map((m) => [m.side, m.fromMe]),
      [
        ['buyer', true],
        ['buyer', true],
        ['store', false],
      ],
    );
    assert.equal(read.conversation.unread, 0);
    assert.deepEqual(await unreadOf(buyer), { buyer: 0, store: 0 });
  });

  await t.test('at most one mail per conversation and recipient every 15 minutes', async () => {
    const id = productThread.conversation.id;
    const sellerMails = await messageMails('idris@example.com');
    const buyerMails = await messageMails('amina@example.com');
    for (const body of ['One more thing', 'Sorry, and another'])
      assert.equal((await buyer.post(`/api/conversations/${id}/messages`, { body })).statusCode, 201);
    assert.equal(
      (await seller.post(`/api/seller/conversations/${id}/messages`, { body: 'No problem' })).statusCode,
      201,
    );
    assert.equal(await messageMails('idris@example.com'), sellerMails, 'the seller was mailed under 15 minutes ago');
    assert.equal(await messageMails('amina@example.com'), buyerMails, 'the buyer was mailed under 15 minutes ago');
    // 16 minutes later the next message mails again, once.
    await db
      .updateTable('conversations')
      .set({ store_notified_at: sql<Date>`now() - interval '16 minutes'` })
      .where('id', '=', id)
      .execute();
    assert.equal((await buyer.post(`/api/conversations/${id}/messages`, { body: 'Still there?' })).statusCode, 201);
    assert.equal((await buyer.post(`/api/conversations/${id}/messages`, { body: 'Hello?' })).statusCode, 201);
    assert.equal(await messageMails('idris@example.com'), sellerMails + 1);
    // A conversation of its own has its own allowance: the order conversation mails at once.
    const res = await buyer.post('/api/conversations', { orderId: order.id, body: `Where is order ${order.number}?` });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(await messageMails('idris@example.com'), sellerMails + 2);
  });

  await t.test('with "Messages" mails turned off, a new message sends no mail', async () => {
    const id = productThread.conversation.id;
    assert.equal((await buyer.put('/api/account/notifications', { preferences: { messages: false } })).statusCode, 200);
    await db.updateTable('conversations').set({ buyer_notified_at: null }).where('id', '=', id).execute();
    const before = await messageMails('amina@example.com');
    const unreadBefore = (await unreadOf(buyer)).buyer;
    assert.equal(
      (await seller.post(`/api/seller/conversations/${id}/messages`, { body: 'Your lamp ships tomorrow.' })).statusCode,
      201,
    );
    assert.equal(await messageMails('amina@example.com'), before);
    assert.equal((await unreadOf(buyer)).buyer, unreadBefore + 1, 'the message still counts as unread');
    assert.equal((await buyer.put('/api/account/notifications', { preferences: { messages: true } })).statusCode, 200);
  });

  await t.test('conversations list newest first, page by page; threads page backwards', async () => {
    const list = (await buyer.get('/api/conversations')).json() as List;
    assert.equal(list.total, 2);
    assert.deepEqual(
      list.items.map((c) => [c.product?.title ?? null, c.order?.number ?? null]),
      [
        ['Brass Lamp', null],
        [null, order.number],
      ],
    );
    const second = (await buyer.get('/api/conversations?page=2&pageSize=1')).json() as List;
    assert.deepEqual([second.items.map((c) => c.order?.number), second.total, second.page], [[order.number], 2, 2]);
    const past = (await buyer.get('/api/conversations?page=9')).json() as List;
    assert.deepEqual([past.items, past.total], [[], 2]);

    const id = productThread.conversation.id;
    const all = ((await buyer.get(`/api/conversations/${id}/messages`)).json() as Thread).messages;
    assert.equal(all.length, 9);
    const latest = (await buyer.get(`/api/conversations/${id}/messages?limit=4`)).json() as Thread;
    assert.deepEqual([latest.hasEarlier, latest.messages.map((m) => m.id)], [true, all.slice(5).map((m) => m.id)]);
    const earlier = (
      await buyer.get(`/api/conversations/${id}/messages?limit=4&before=${latest.messages[0]!.id}`)
    ).json() as Thread;
    assert.deepEqual([earlier.hasEarlier, earlier.messages.map((m) => m.id)], [true, all.slice(1, 5).map((m) => m.id)]);
    const first = (
      await buyer.get(`/api/conversations/${id}/messages?limit=4&before=${earlier.messages[0]!.id}`)
    ).json() as Thread;
    assert.deepEqual([first.hasEarlier, first.messages.map((m) => m.id)], [false, all.slice(0, 1).map((m) => m.id)]);
    // A cursor from another conversation finds nothing in this one.
    const stranger = (
      await buyer.get(`/api/conversations/${list.items[1]!.id}/messages?before=${all[3]!.id}`)
    ).json() as Thread;
    assert.deepEqual(stranger.messages, []);
  });

  await t.test('sending is rate limited per account', async () => {
    await forgetRateLimits(app);
    const id = productThread.conversation.id;
    for (let i = 0; i < 30; i++)
      assert.equal((await buyer.post(`/api/conversations/${id}/messages`, { body: `Message ${i}` })).statusCode, 201);
    const before = await count('messages');
    const res = await buyer.post(`/api/conversations/${id}/messages`, { body: 'One too many' });
    expectError(res, 429, 'RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(await count('messages'), before);
    await forgetRateLimits(app);
  });

  await t.test(
    "erasing a person's messages leaves a placeholder on the other side and none of their text anywhere",
    async () => {
      // Omar writes to Atlas Lamps twice and gets an answer; he also asks Berber Rugs something nobody answers.
      const omarThread = (
        await other.post('/api/conversations', { productId: lamp, body: 'OMAR-SECRET-1 my address is Rue 7' })
      ).json() as Thread;
      const id = omarThread.conversation.id;
      await seller.post(`/api/seller/conversations/${id}/messages`, { body: 'Thanks, noted.' });
      await other.post(`/api/conversations/${id}/messages`, { body: 'OMAR-SECRET-2 call me' });
      const unanswered = (
        await other.post('/api/conversations', { productId: rug, body: 'OMAR-SECRET-3 rug?' })
      ).json() as Thread;
      const omarId = await idOf('omar@example.com');
      const aminaBefore = (
        await buyer.get(`/api/conversations/${productThread.conversation.id}/messages?limit=100`)
      ).json() as Thread;

      const erase = async (userId: string, limit = 500) =>
        (
          await eraseInBatches(
            app.souk,
            { userId, email: 'unused@example.com' },
            { registry: messagesErasure, limit, targetMs: null },
          )
        ).rows;
      const conversationsBefore = (await db.selectFrom('conversations').select('id').execute()).length;
      const erased = await erase(omarId, 1);
      assert.deepEqual(erased, {
        messages: { action: 'anonymise', rows: 3 },
        conversations: { action: 'anonymise', rows: 1 },
      });
      assert.equal(
        (await db.selectFrom('conversations').select('id').execute()).length,
        conversationsBefore - 1,
        'the conversation only Omar wrote in is deleted',
      );

      const seen = (await seller.get(`/api/seller/conversations/${id}/messages`)).json() as Thread;
      assert.deepEqual(
        seen.messages.map((m) => [m.side, m.body, m.removed]),
        [
          ['buyer', null, true],
          ['store', 'Thanks, noted.', false],
          ['buyer', null, true],
        ],
      );
      assert.deepEqual(
        [seen.conversation.withName, seen.conversation.buyer.name, seen.conversation.canReply],
        ['Deleted account', null, false],
      );
      const listed = ((await seller.get('/api/seller/conversations')).json() as List).items.find((c) => c.id === id)!;
      assert.deepEqual(listed.lastMessage && [listed.lastMessage.body, listed.lastMessage.removed], [null, true]);
      expectError(
        await seller.post(`/api/seller/conversations/${id}/messages`, { body: 'Hello?' }),
        409,
        'CONVERSATION_CLOSED',
      );
      // The conversation only Omar wrote in is gone; Berber Rugs sees nothing.
      assert.equal(
        await db
          .selectFrom('conversations')
          .select('id')
          .where('id', '=', unanswered.conversation.id)
          .executeTakeFirst(),
        undefined,
      );
      assert.deepEqual(((await rival.get('/api/seller/conversations')).json() as List).items, []);

      // No text of Omar's anywhere in the database (every row of every table, as text), no link to him in messages.
      const tables = await sql<{
        name: string;
      }>`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
      where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`.execute(db);
      for (const { name } of tables.rows) {
        const hits = await sql<{
          n: string;
        }>`select count(*) as n from ${sql.raw(name)} t where t::text like '%OMAR-SECRET%'`.execute(db);
        assert.equal(Number(hits.rows[0]!.n), 0, `Omar's text found in ${name}`);
      }
      const linked = await sql<{
        n: string;
      }>`select (select count(*) from messages where sender_user_id = ${omarId}) + (select count(*) from conversations where buyer_user_id = ${omarId}) as n`.execute(
        db,
      );
      assert.equal(Number(linked.rows[0]!.n), 0);

      // Nothing of anyone else changed, and erasing again changes nothing.
      const aminaAfter = (
        await buyer.get(`/api/conversations/${productThread.conversation.id}/messages?limit=100`)
      ).json() as Thread;
      assert.deepEqual(aminaAfter.messages, aminaBefore.messages);
      assert.deepEqual(await erase(omarId), {
        messages: { action: 'anonymise', rows: 0 },
        conversations: { action: 'anonymise', rows: 0 },
      });
    },
  );

  await t.test("a seller's erased messages show as removed in the buyer's thread", async () => {
    const id = productThread.conversation.id;
    await eraseInBatches(app.souk, { userId: sellerId, email: 'unused@example.com' }, { registry: messagesErasure });
    const thread = (await buyer.get(`/api/conversations/${id}/messages?limit=100`)).json() as Thread;
    const store = thread.messages.filter((m) => m.side === 'store');
    assert.ok(store.length >= 3);
    assert.ok(store.every((m) => m.removed && m.body === null));
    assert.ok(thread.messages.filter((m) => m.side === 'buyer').every((m) => !m.removed && m.body !== null));
  });
});
