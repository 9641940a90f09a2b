// Customer support through the HTTP API: a person opens tickets (about their own orders only),
// reads and answers them; staff with the support role list, answer and resolve them; no one
// else reads or writes a ticket, and refused requests change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createTestApp, forgetRateLimits, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { assertBlockerWordedAsServer } from './helpers/blocker-wording.ts';
import { grantRole } from '../src/modules/roles/service.ts';
import { shipOrder } from '../src/modules/orders/fulfilment.ts';
import { blockingTicketsOf, MAX_UNRESOLVED_TICKETS } from '../src/modules/support/service.ts';

type Message = {
  id: string;
  from: 'customer' | 'support';
  body: string;
  createdAt: string;
  authorName?: string | null;
};
type Ticket = {
  id: string;
  reference: string;
  category: string;
  subject: string;
  status: string;
  order: { id: string; number: string } | null;
  lastMessageFrom: string;
  messages: Message[];
  requester?: { id: string; displayName: string; email: string } | null;
};
type TicketList = { items: Ticket[]; total: number; page: number; pageSize: number };

const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  phone: '+33 6 12 34 56 78',
};
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;

async function placeOrder(buyer: Client, productId: string): Promise<{ id: string; number: string }> {
  assert.equal((await buyer.post('/api/cart/lines', { productId, quantity: 1 })).statusCode, 200);
  const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: { amount: number; currency: string } };
  const res = await buyer.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: ADDRESS,
    card: CARD_OK,
    expectedTotal: quote.total,
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { orders: Array<{ id: string; number: string }> }).orders[0]!;
}

test('customer support', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  t.beforeEach(() => forgetRateLimits(app));
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });

  const buyer = await signUpAndSignIn(app, 'amina@example.test', undefined, 'Amina Berrada');
  const other = await signUpAndSignIn(app, 'omar@example.test', undefined, 'Omar Other');
  const agent = await signUpAndSignIn(app, 'ada@example.test', undefined, 'Ada Agent');
  await grantRole(db, 'ada@example.test', 'support');
  const order = await placeOrder(buyer, lamp);
  const othersOrder = await placeOrder(other, lamp);

  const count = async (table: 'support_tickets' | 'support_messages') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    tickets: await count('support_tickets'),
    messages: await count('support_messages'),
    rows: await db.selectFrom('support_tickets').select(['id', 'status', 'updated_at']).orderBy('id').execute(),
    outbox: (await db.selectFrom('mail_outbox').select('id').execute()).length,
  });
  const open = (client: Client, body: Record<string, unknown>) => client.post('/api/support/tickets', body);
  let ticket: Ticket;

  await t.test('a person opens a ticket about one of their orders and reads it back', async () => {
    const res = await open(buyer, {
      category: 'order_problem',
      orderId: order.id,
      subject: '  The lamp arrived broken ',
      body: 'The glass is cracked. <b>Photos</b> on request.',
    });
    assert.equal(res.statusCode, 201, res.body);
    ticket = res.json() as Ticket;
    assert.match(ticket.reference, /^SUP-[A-Z2-9]{8}$/);
    assert.equal(ticket.subject, 'The lamp arrived broken');
    assert.equal(ticket.status, 'open');
    assert.deepEqual(ticket.order, { id: order.id, number: order.number });
    assert.deepEqual(
      ticket.messages.map((m) => [m.from, m.body]),
      [['customer', 'The glass is cracked. <b>Photos</b> on request.']],
    );
    assert.equal('requester' in ticket, false, 'the requester view carries no staff fields');
    assert.deepEqual((await buyer.get(`/api/support/tickets/${ticket.id}`)).json(), ticket);

    const plain = await open(buyer, {
      category: 'account',
      subject: 'Change my display name?',
      body: 'How do I do that?',
      orderId: null,
    });
    assert.equal(plain.statusCode, 201);
    assert.equal((plain.json() as Ticket).order, null);
    const list = (await buyer.get('/api/support/tickets')).json() as TicketList;
    assert.deepEqual(
      list.items.map((i) => i.subject),
      ['Change my display name?', 'The lamp arrived broken'],
    );
    assert.equal(list.total, 2);
  });

  await t.test("a ticket about someone else's order is refused with 404 and nothing is created", async () => {
    const before = await snapshot();
    for (const orderId of [othersOrder.id, NO_SUCH_ID]) {
      const res = await open(buyer, { category: 'order_problem', orderId, subject: 'Where is it?', body: 'Hello' });
      assert.equal(res.statusCode, 404);
      assert.equal(errorCode(res), 'NOT_FOUND');
    }
    assert.deepEqual(await snapshot(), before);
  });

  await t.test('bad input is refused with 400 VALIDATION_FAILED naming the field, and nothing changes', async () => {
    const before = await snapshot();
    const good = { category: 'other', subject: 'Hello', body: 'A question' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, category: 'refund_now' }, 'category'],
      [{ ...good, subject: '   ' }, 'subject'],
      [{ ...good, subject: 'x'.repeat(121) }, 'subject'],
      [{ ...good, body: 'x'.repeat(5001) }, 'body'],
      [{ ...good, body: '' }, 'body'],
      [{ ...good, orderId: 'not-a-uuid' }, 'orderId'],
      [{ ...good, status: 'resolved' }, 'status'],
      [{ category: 'other', body: 'no subject' }, 'subject'],
      [{ ...good, subject: 42 }, 'subject'],
    ];
    for (const [body, field] of cases) {
      const res = await open(buyer, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body).slice(0, 80)}: ${res.body}`);
      assert.equal(errorCode(res), 'VALIDATION_FAILED');
      assert.ok(JSON.stringify(res.json()).includes(field), `names ${field}: ${res.body}`);
    }
    const replies: unknown[] = [{}, { body: '  ' }, { body: 'x'.repeat(5001) }, { body: 'ok', status: 'resolved' }];
    for (const body of replies)
      assert.equal((await buyer.post(`/api/support/tickets/${ticket.id}/messages`, body)).statusCode, 400);
    assert.equal((await buyer.get('/api/support/tickets/not-a-uuid')).statusCode, 400);
    assert.equal((await buyer.get('/api/support/tickets?status=closed')).statusCode, 400);
    assert.equal((await agent.patch(`/api/admin/tickets/${ticket.id}`, { status: 'closed' })).statusCode, 400);
    assert.equal(
      (await agent.post(`/api/admin/tickets/${ticket.id}/messages`, { body: 'x', status: 'open' })).statusCode,
      400,
    );
    assert.deepEqual(await snapshot(), before);
  });

  await t.test("no one reads or answers another person's ticket: 404, and nothing changes", async () => {
    const before = await snapshot();
    const read = await other.get(`/api/support/tickets/${ticket.id}`);
    assert.equal(read.statusCode, 404);
    assert.equal(errorCode(read), 'NOT_FOUND');
    assert.equal((await other.post(`/api/support/tickets/${ticket.id}/messages`, { body: 'Me too' })).statusCode, 404);
    assert.deepEqual((await other.get('/api/support/tickets')).json(), { items: [], total: 0, page: 1, pageSize: 20 });
    assert.equal(
      (await agent.get(`/api/support/tickets/${ticket.id}`)).statusCode,
      404,
      'staff read tickets through /api/admin only',
    );
    assert.deepEqual(await snapshot(), before);
  });

  await t.test('signed out: 401 on every support route', async () => {
    const guest = new Client(app);
    for (const [method, url, body] of [
      ['GET', '/api/support/tickets'],
      ['POST', '/api/support/tickets', { category: 'other', subject: 'Hi', body: 'Hi' }],
      ['GET', `/api/support/tickets/${ticket.id}`],
      ['POST', `/api/support/tickets/${ticket.id}/messages`, { body: 'Hi' }],
    ] as const) {
      const res = await guest.request(method, url, body);
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(errorCode(res), 'UNAUTHENTICATED');
    }
  });

  await t.test('staff list tickets by status, a page at a time, with the requester', async () => {
    const list = (await agent.get('/api/admin/tickets')).json() as TicketList;
    assert.equal(list.total, 2, 'open tickets by default');
    const listed = list.items.find((i) => i.id === ticket.id)!;
    assert.deepEqual(listed.requester, {
      id: listed.requester!.id,
      displayName: 'Amina Berrada',
      email: 'amina@example.test',
    });
    assert.deepEqual(listed.order, { id: order.id, number: order.number });
    const paged = (await agent.get('/api/admin/tickets?status=all&pageSize=1&page=2')).json() as TicketList;
    assert.equal(paged.total, 2);
    assert.equal(paged.items.length, 1);
    assert.equal(paged.items[0]!.subject, 'The lamp arrived broken');
    assert.equal(((await agent.get('/api/admin/tickets?status=resolved')).json() as TicketList).total, 0);
    assert.equal((await agent.get(`/api/admin/tickets/${NO_SUCH_ID}`)).statusCode, 404);
  });

  await t.test('a staff reply sets "waiting for customer" and mails the requester a link, not the answer', async () => {
    const res = await agent.post(`/api/admin/tickets/${ticket.id}/messages`, {
      body: 'Sorry! A replacement is on its way.',
    });
    assert.equal(res.statusCode, 201, res.body);
    const staffView = res.json() as Ticket;
    assert.equal(staffView.status, 'waiting_for_customer');
    assert.deepEqual(
      staffView.messages.map((m) => [m.from, m.authorName]),
      [
        ['customer', 'Amina Berrada'],
        ['support', 'Ada Agent'],
      ],
    );

    const mail = await waitForMail(app, 'amina@example.test', /Souk support answered your request/);
    assert.ok(mail.subject.includes(ticket.reference));
    assert.ok(mail.text.includes(`http://souk.test/account/support/${ticket.id}`));
    assert.equal(mail.text.includes('replacement'), false, 'the answer stays in the account');

    const mine = (await buyer.get(`/api/support/tickets/${ticket.id}`)).json() as Ticket;
    assert.equal(mine.status, 'waiting_for_customer');
    assert.equal(mine.lastMessageFrom, 'support');
    assert.deepEqual(
      mine.messages.map((m) => [m.from, m.body]),
      [
        ['customer', 'The glass is cracked. <b>Photos</b> on request.'],
        ['support', 'Sorry! A replacement is on its way.'],
      ],
    );
    assert.equal(JSON.stringify(mine).includes('Ada'), false, "the customer never sees the staff member's name");
  });

  await t.test('the requester answers: the ticket is open again, also after it was resolved', async () => {
    assert.equal(
      (await buyer.post(`/api/support/tickets/${ticket.id}/messages`, { body: 'Thank you!' })).json().status,
      'open',
    );
    const resolved = await agent.patch(`/api/admin/tickets/${ticket.id}`, { status: 'resolved' });
    assert.equal(resolved.statusCode, 200);
    assert.equal((resolved.json() as Ticket).status, 'resolved');
    assert.equal(((await agent.get('/api/admin/tickets?status=resolved')).json() as TicketList).total, 1);
    const reopened = await buyer.post(`/api/support/tickets/${ticket.id}/messages`, { body: 'It broke again.' });
    assert.equal(reopened.statusCode, 201);
    assert.equal((reopened.json() as Ticket).status, 'open');
    assert.equal((await agent.patch(`/api/admin/tickets/${NO_SUCH_ID}`, { status: 'resolved' })).statusCode, 404);
  });

  await t.test('staff may answer and resolve at once; with support mails turned off no mail is sent', async () => {
    await buyer.put('/api/account/notifications', { preferences: { support_replies: false } });
    const outboxBefore = (await snapshot()).outbox;
    const res = await agent.post(`/api/admin/tickets/${ticket.id}/messages`, {
      body: 'Refunded in full.',
      status: 'resolved',
    });
    assert.equal((res.json() as Ticket).status, 'resolved');
    assert.equal((await snapshot()).outbox, outboxBefore, 'no mail was queued');
    await buyer.put('/api/account/notifications', { preferences: { support_replies: true } });
  });

  await t.test('text is stored and returned as written, and mails escape it', async () => {
    const res = await open(other, {
      category: 'seller_problem',
      subject: '<img src=x onerror=alert(1)>',
      body: '<script>alert(1)</script>',
    });
    const hostile = res.json() as Ticket;
    assert.equal(hostile.subject, '<img src=x onerror=alert(1)>');
    assert.equal(hostile.messages[0]!.body, '<script>alert(1)</script>');
    await agent.post(`/api/admin/tickets/${hostile.id}/messages`, { body: 'Looking into it.' });
    const mail = await waitForMail(app, 'omar@example.test', /Souk support answered/);
    assert.equal(mail.html.includes('<img src=x'), false);
    assert.ok(mail.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  await t.test('unresolved tickets about money are what blocks account deletion', async () => {
    const blocking = await blockingTicketsOf(
      db,
      (await db.selectFrom('users').select('id').where('email', '=', 'omar@example.test').executeTakeFirstOrThrow()).id,
    );
    assert.deepEqual(
      blocking.map((b) => [b.category, b.status]),
      [['seller_problem', 'waiting_for_customer']],
    );
    const amina = (
      await db.selectFrom('users').select('id').where('email', '=', 'amina@example.test').executeTakeFirstOrThrow()
    ).id;
    assert.deepEqual(
      (await blockingTicketsOf(db, amina)).map((b) => b.category),
      [],
      'resolved and account tickets do not block',
    );
  });

  await t.test(
    "a customer closes their own ticket, which clears it from what blocks deleting their account; no one closes another person's",
    async () => {
      const closer = await signUpAndSignIn(app, 'closer@example.test', undefined, 'Cleo Closer');
      const placed = await placeOrder(closer, lamp);
      // Shipped: the order itself no longer holds the deletion up, only the ticket about it does.
      await shipOrder(app.souk, store.storeId, placed.id, 'DHL', 'TRK-CLOSER-1');
      const opened = await open(closer, {
        category: 'order_problem',
        orderId: placed.id,
        subject: 'Late parcel',
        body: 'Where is it?',
      });
      assert.equal(opened.statusCode, 201, opened.body);
      const mine = opened.json() as Ticket;

      const preview = (await closer.get('/api/account/deletion')).json() as {
        blockers: Array<{
          kind: string;
          code: string;
          params: Record<string, string>;
          label: string;
          howToClear: string;
          url: string;
        }>;
      };
      assert.deepEqual(
        preview.blockers.map((b) => [b.kind, b.url]),
        [['ticket', `/account/support/${mine.id}`]],
      );
      assert.match(preview.blockers[0]!.howToClear, /Close this request/);
      assert.equal(preview.blockers[0]!.code, 'ticket_order');
      assert.deepEqual(preview.blockers[0]!.params, { reference: mine.reference, subject: 'Late parcel' });
      assertBlockerWordedAsServer(preview.blockers[0]!);
      const refused = await closer.post('/api/account/deletion', { confirmEmail: 'closer@example.test' });
      assert.equal(refused.statusCode, 409);
      assert.match(
        refused.json().error.details[0].message,
        /Close this request/,
        'the refusal says how to clear it too',
      );

      // Nobody else closes it, and an unknown id is the same 404; bad ids are 400.
      const before = await snapshot();
      for (const [client, id] of [
        [other, mine.id],
        [agent, mine.id],
        [closer, NO_SUCH_ID],
      ] as const) {
        const res = await client.post(`/api/support/tickets/${id}/close`);
        assert.equal(res.statusCode, 404, res.body);
        assert.equal(errorCode(res), 'NOT_FOUND');
      }
      assert.equal((await closer.post('/api/support/tickets/not-an-id/close')).statusCode, 400);
      assert.equal((await closer.post(`/api/support/tickets/${mine.id}/close`, { status: 'open' })).statusCode, 400);
      assert.equal((await new Client(app).post(`/api/support/tickets/${mine.id}/close`)).statusCode, 401);
      assert.deepEqual(await snapshot(), before, 'refused closes change nothing');

      const closed = await closer.post(`/api/support/tickets/${mine.id}/close`);
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal((closed.json() as Ticket).status, 'resolved');
      const again = await closer.post(`/api/support/tickets/${mine.id}/close`);
      assert.equal(again.statusCode, 200, 'closing a closed request is harmless');
      assert.deepEqual(((await closer.get('/api/account/deletion')).json() as { blockers: unknown[] }).blockers, []);
      // Replying opens it again, as a staff-resolved one.
      assert.equal(
        (await closer.post(`/api/support/tickets/${mine.id}/messages`, { body: 'It came back to me.' })).statusCode,
        201,
      );
      assert.equal(((await closer.get(`/api/support/tickets/${mine.id}`)).json() as Ticket).status, 'open');
      assert.equal((await closer.post(`/api/support/tickets/${mine.id}/close`)).statusCode, 200);
      assert.equal(
        (await closer.post('/api/account/deletion', { confirmEmail: 'closer@example.test' })).statusCode,
        202,
      );
    },
  );

  await t.test('opening tickets is rate limited per person (5 an hour)', async () => {
    const limited = await signUpAndSignIn(app, 'lots@example.test');
    for (let i = 0; i < 5; i++)
      assert.equal((await open(limited, { category: 'other', subject: `Q${i}`, body: 'Hi' })).statusCode, 201);
    const before = await snapshot();
    const res = await open(limited, { category: 'other', subject: 'Q6', body: 'Hi' });
    assert.equal(res.statusCode, 429);
    assert.equal(errorCode(res), 'RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.deepEqual(await snapshot(), before);
    assert.equal(
      (await open(buyer, { category: 'other', subject: 'Mine', body: 'Hi' })).statusCode,
      201,
      'others are not limited',
    );
  });

  await t.test(`at most ${MAX_UNRESOLVED_TICKETS} unresolved tickets per person: then 409 LIMIT_REACHED`, async () => {
    const busy = await signUpAndSignIn(app, 'busy@example.test');
    for (let i = 0; i < MAX_UNRESOLVED_TICKETS; i++) {
      if (i % 5 === 0) await forgetRateLimits(app);
      assert.equal((await open(busy, { category: 'other', subject: `Q${i}`, body: 'Hi' })).statusCode, 201);
    }
    await forgetRateLimits(app);
    const res = await open(busy, { category: 'other', subject: 'One more', body: 'Hi' });
    assert.equal(res.statusCode, 409);
    assert.equal(errorCode(res), 'LIMIT_REACHED');
  });
});
