// Saved addresses and cards through the HTTP API: the default-address rules, what tokenizing a card
// keeps (and what it never keeps), limits, hostile input, and that one buyer never reaches
// another's wallet. Refused requests change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAddress } from '../src/modules/addresses/repository.ts';
import { Client, createTestApp, forgetRateLimits, signUpAndSignIn } from './helpers/app.ts';

type Address = {
  id: string;
  fullName: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
  phone: string | null;
  isDefault: boolean;
};
type Card = { id: string; brand: string; last4: string; expMonth: number; expYear: number; createdAt: string };
type ErrorBody = { error: { code: string; message: string; details?: Array<{ field: string; message: string }> } };

const HOME = {
  fullName: 'Amina Benali',
  line1: '12 Rue des Oliviers',
  city: 'Rabat',
  postalCode: '10000',
  country: 'MA',
  phone: '+212 600 000 000',
};
const WORK = {
  fullName: 'Amina Benali',
  line1: '4 Avenue Hassan II',
  line2: 'Floor 3',
  city: 'Casablanca',
  country: 'MA',
};
const VISA = { number: '4242424242424242', expMonth: 4, expYear: 2030, cvc: '123' };
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

function assertError(res: LightMyRequestResponse, status: number, code: string, field?: string): ErrorBody {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode}: ${res.body}`);
  const body = res.json() as ErrorBody;
  assert.equal(body.error.code, code, res.body);
  if (field !== undefined)
    assert.ok(
      body.error.details?.some((d) => d.field === field),
      `details should name ${field}: ${res.body}`,
    );
  return body;
}

const addresses = async (client: Client) =>
  ((await client.get('/api/addresses')).json() as { addresses: Address[] }).addresses;
const cards = async (client: Client) =>
  ((await client.get('/api/payment-methods')).json() as { paymentMethods: Card[] }).paymentMethods;

async function addAddress(client: Client, body: Record<string, unknown> = HOME): Promise<Address> {
  const res = await client.post('/api/addresses', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Address;
}

async function addCard(client: Client, body: Record<string, unknown> = VISA): Promise<Card> {
  const res = await client.post('/api/payment-methods', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Card;
}

/** Every address and saved card in the database, to prove a refused request changed nothing. */
async function walletRows(app: FastifyInstance) {
  return {
    addresses: await app.souk.db.selectFrom('addresses').selectAll().orderBy('id').execute(),
    cards: await app.souk.db.selectFrom('payment_methods').selectAll().orderBy('id').execute(),
  };
}

test('wallet', async (t) => {
  const testApp = await createTestApp();
  const { app } = testApp;
  t.after(testApp.close);
  t.beforeEach(() => forgetRateLimits(app));

  const changesNothing = async (run: () => Promise<void>) => {
    const before = await walletRows(app);
    await run();
    assert.deepEqual(await walletRows(app), before);
  };

  const owner = await signUpAndSignIn(app, 'wallet-owner@example.test');
  const intruder = await signUpAndSignIn(app, 'wallet-intruder@example.test');

  await t.test('the first address becomes the default; later ones do not unless asked', async () => {
    const buyer = await signUpAndSignIn(app, 'addr-default@example.test');
    assert.deepEqual(await addresses(buyer), []);
    const home = await addAddress(buyer, { ...HOME, fullName: '  Amina Benali  ', region: '  ' });
    assert.deepEqual(
      home,
      { id: home.id, ...HOME, line2: null, region: null, isDefault: true },
      'trimmed, blanks stored as null',
    );
    const work = await addAddress(buyer, WORK);
    assert.equal(work.isDefault, false);
    const third = await addAddress(buyer, { ...WORK, line1: '9 Rue de Fès', makeDefault: true });
    assert.equal(third.isDefault, true);

    const list = await addresses(buyer);
    assert.deepEqual(
      list.map((a) => a.id),
      [third.id, home.id, work.id],
      'the default first, then oldest first',
    );
    assert.deepEqual(
      list.map((a) => a.isDefault),
      [true, false, false],
    );
    assert.deepEqual((await buyer.get(`/api/addresses/${home.id}`)).json(), { ...home, isDefault: false });
  });

  await t.test('an address can be changed field by field, and made the default', async () => {
    const buyer = await signUpAndSignIn(app, 'addr-edit@example.test');
    const home = await addAddress(buyer);
    const work = await addAddress(buyer, WORK);

    const edited = await buyer.patch(`/api/addresses/${work.id}`, { city: 'Marrakesh', line2: null });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json(), { ...work, city: 'Marrakesh', line2: null });

    const kept = await buyer.patch(`/api/addresses/${home.id}`, { makeDefault: false });
    assert.equal(
      (kept.json() as Address).isDefault,
      true,
      'makeDefault false never leaves the account without a default',
    );

    const promoted = await buyer.patch(`/api/addresses/${work.id}`, { makeDefault: true, phone: '+212 611 111 111' });
    assert.equal(promoted.statusCode, 200);
    assert.deepEqual(
      (await addresses(buyer)).map((a) => [a.id, a.isDefault, a.phone]),
      [
        [work.id, true, '+212 611 111 111'],
        [home.id, false, HOME.phone],
      ],
    );
  });

  await t.test('deleting the default hands it to the oldest remaining address', async () => {
    const buyer = await signUpAndSignIn(app, 'addr-delete@example.test');
    const first = await addAddress(buyer, { ...HOME, line1: 'First street 1' });
    const second = await addAddress(buyer, { ...HOME, line1: 'Second street 2' });
    const third = await addAddress(buyer, { ...HOME, line1: 'Third street 3', makeDefault: true });

    assert.equal((await buyer.delete(`/api/addresses/${second.id}`)).statusCode, 204);
    assert.deepEqual(
      (await addresses(buyer)).map((a) => [a.id, a.isDefault]),
      [
        [third.id, true],
        [first.id, false],
      ],
      'deleting another leaves the default',
    );
    assert.equal((await buyer.delete(`/api/addresses/${third.id}`)).statusCode, 204);
    assert.deepEqual(
      (await addresses(buyer)).map((a) => [a.id, a.isDefault]),
      [[first.id, true]],
    );
    assert.equal((await buyer.delete(`/api/addresses/${first.id}`)).statusCode, 204);
    assert.deepEqual(await addresses(buyer), []);
    assertError(await buyer.delete(`/api/addresses/${first.id}`), 404, 'NOT_FOUND');
    assert.equal((await addAddress(buyer)).isDefault, true, 'the next first address is the default again');
  });

  await t.test('an account keeps at most 20 addresses', async () => {
    const buyer = await signUpAndSignIn(app, 'addr-limit@example.test');
    for (let i = 1; i <= 20; i++) await addAddress(buyer, { ...HOME, line1: `${i} Rue des Oliviers` });
    await changesNothing(async () => {
      assertError(await buyer.post('/api/addresses', HOME), 409, 'LIMIT_REACHED');
    });
    assert.equal((await addresses(buyer)).filter((a) => a.isDefault).length, 1);
  });

  await t.test('concurrent first addresses still leave exactly one default', async () => {
    const buyer = await signUpAndSignIn(app, 'addr-race@example.test');
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => buyer.post('/api/addresses', { ...HOME, line1: `${i} Race Road` })),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [201, 201, 201, 201],
    );
    assert.equal((await addresses(buyer)).filter((a) => a.isDefault).length, 1);
  });

  await t.test(
    'a second transaction adding a first address waits for the first one and is not the default',
    {
      skip: testApp.engine === 'pglite' ? 'PGlite runs one transaction at a time' : false,
    },
    async () => {
      const buyer = await signUpAndSignIn(app, 'addr-lock@example.test');
      const { id: userId } = (await buyer.get('/api/me')).json() as { id: string };
      let started!: () => void;
      let release!: () => void;
      const firstStarted = new Promise<void>((resolve) => (started = resolve));
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = app.souk.db.transaction().execute(async (trx) => {
        const address = await createAddress(trx, userId, HOME);
        started();
        await held;
        return address;
      });
      await firstStarted;
      const second = app.souk.db.transaction().execute((trx) => createAddress(trx, userId, WORK));
      await new Promise((resolve) => setTimeout(resolve, 150));
      release();
      const [a, b] = await Promise.all([first, second]);
      assert.deepEqual([a.is_default, b.is_default], [true, false]);
    },
  );

  await t.test('the provider tells the web app it is a test provider and which cards it accepts', async () => {
    const res = await new Client(app).get('/api/payments/provider');
    assert.equal(res.statusCode, 200);
    const provider = res.json() as {
      id: string;
      label: string;
      isTest: boolean;
      testCards: Array<{ number: string; brand: string; outcome: string }>;
    };
    assert.equal(provider.id, 'test');
    assert.equal(provider.isTest, true);
    assert.match(provider.label, /no money moves/);
    assert.deepEqual(
      provider.testCards.map((c) => [c.number, c.brand, c.outcome]),
      [
        ['4242424242424242', 'visa', 'succeeds'],
        ['5555555555554444', 'mastercard', 'succeeds'],
        ['378282246310005', 'amex', 'succeeds'],
        ['4000000000000002', 'visa', 'declined'],
        ['4000000000000119', 'visa', 'retry'],
        ['4000000000000259', 'visa', 'lost'],
        ['4000000000005076', 'visa', 'refund_retry'],
      ],
    );
  });

  await t.test(
    'a card is tokenized: Souk keeps brand, last four, expiry and the token, never the number or code',
    async () => {
      const buyer = await signUpAndSignIn(app, 'card-save@example.test');
      const res = await buyer.post('/api/payment-methods', { ...VISA, number: '4242 4242 4242 4242', cvc: '987' });
      assert.equal(res.statusCode, 201, res.body);
      const card = res.json() as Card;
      assert.deepEqual(
        { ...card, id: '', createdAt: '' },
        { id: '', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2030, createdAt: '' },
      );
      // The id and timestamp are random: '987' may occur in them, so look at everything else.
      const shown = JSON.stringify({ ...card, id: '', createdAt: '' });
      assert.ok(!shown.includes('424242') && !shown.includes('987') && !res.body.includes('test_'), res.body);

      const row = await app.souk.db
        .selectFrom('payment_methods')
        .selectAll()
        .where('id', '=', card.id)
        .executeTakeFirstOrThrow();
      assert.match(row.provider_token, /^test_succeeds_[0-9a-f]{32}$/);
      assert.equal(row.provider, 'test');
      const stored = JSON.stringify(row);
      assert.ok(!stored.includes('42424242') && !stored.includes('"987"'), stored);

      const listed = await buyer.get('/api/payment-methods');
      assert.deepEqual((listed.json() as { paymentMethods: Card[] }).paymentMethods, [card]);
      assert.ok(!listed.body.includes('test_'), 'the token never leaves the server');
      assert.deepEqual((await buyer.get(`/api/payment-methods/${card.id}`)).json(), card);
    },
  );

  await t.test('every documented test card can be saved; the outcome only shows at payment', async () => {
    const buyer = await signUpAndSignIn(app, 'card-all@example.test');
    const saved = [
      await addCard(buyer, { ...VISA, number: '5555555555554444' }),
      await addCard(buyer, { ...VISA, number: '378282246310005', cvc: '1234' }),
      await addCard(buyer, { ...VISA, number: '4000000000000002' }),
      await addCard(buyer, { ...VISA, number: '4000-0000-0000-0119', expYear: 31 }),
      await addCard(buyer, { ...VISA, number: '4000 0000 0000 0259' }),
    ];
    assert.deepEqual(
      saved.map((c) => [c.brand, c.last4, c.expYear]),
      [
        ['mastercard', '4444', 2030],
        ['amex', '0005', 2030],
        ['visa', '0002', 2030],
        ['visa', '0119', 2031],
        ['visa', '0259', 2030],
      ],
    );
    const tokens = await app.souk.db
      .selectFrom('payment_methods')
      .select('provider_token')
      .where(
        'id',
        'in',
        saved.map((c) => c.id),
      )
      .execute();
    assert.deepEqual(tokens.map((r) => r.provider_token.split('_')[1]).sort(), [
      'declined',
      'lost',
      'retry',
      'succeeds',
      'succeeds',
    ]);
  });

  await t.test(
    'cards the provider refuses are not saved, and the error names the field but never the number',
    async () => {
      const buyer = await signUpAndSignIn(app, 'card-refused@example.test');
      const lastYear = new Date().getUTCFullYear() - 1;
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ ...VISA, number: '4242424242424241' }, 'CARD_INVALID', 'number'],
        [{ ...VISA, number: '4111111111111111' }, 'CARD_INVALID', 'number'],
        [{ ...VISA, expYear: lastYear }, 'CARD_EXPIRED', 'expYear'],
        [{ ...VISA, number: '378282246310005', cvc: '123' }, 'CARD_INVALID', 'cvc'],
        [{ ...VISA, cvc: '1234' }, 'CARD_INVALID', 'cvc'],
        [{ ...VISA, expYear: 2099 }, 'CARD_INVALID', 'expYear'],
      ];
      await changesNothing(async () => {
        for (const [body, code, field] of cases) {
          const res = await buyer.post('/api/payment-methods', body);
          assertError(res, 400, code, field);
          assert.ok(
            !res.body.includes(String(body.number)) && !res.body.includes(String(body.number).slice(-4)),
            res.body,
          );
          assert.ok(!res.body.includes(`"${String(body.cvc)}"`), res.body);
        }
      });
      const refused = (
        await buyer.post('/api/payment-methods', { ...VISA, number: '4111111111111111' })
      ).json() as ErrorBody;
      assert.match(refused.error.message, /test payment provider/);
      assert.deepEqual(await cards(buyer), []);
    },
  );

  await t.test('an account keeps at most 10 cards', async () => {
    const buyer = await signUpAndSignIn(app, 'card-limit@example.test');
    for (let i = 0; i < 10; i++) await addCard(buyer);
    await forgetRateLimits(app);
    await changesNothing(async () => {
      const res = assertError(await buyer.post('/api/payment-methods', VISA), 409, 'LIMIT_REACHED');
      assert.match(res.error.message, /up to 10 cards/);
    });
    const [first] = await cards(buyer);
    assert.equal((await buyer.delete(`/api/payment-methods/${first!.id}`)).statusCode, 204);
    await addCard(buyer);
  });

  await t.test('adding cards is limited to 10 attempts an hour per account, refused attempts included', async () => {
    const buyer = await signUpAndSignIn(app, 'card-rate@example.test');
    for (let i = 0; i < 9; i++)
      assertError(
        await buyer.post('/api/payment-methods', { ...VISA, number: '4111111111111111' }),
        400,
        'CARD_INVALID',
      );
    await addCard(buyer);
    await changesNothing(async () => {
      const res = await buyer.post('/api/payment-methods', VISA);
      assertError(res, 429, 'RATE_LIMITED');
      assert.ok(Number(res.headers['retry-after']) > 0);
    });
    assert.equal((await cards(buyer)).length, 1);
    await addCard(intruder);
    assert.equal(
      (await intruder.delete(`/api/payment-methods/${(await cards(intruder))[0]!.id}`)).statusCode,
      204,
      'another account is not limited',
    );
  });

  await t.test('a card can be removed once', async () => {
    const buyer = await signUpAndSignIn(app, 'card-remove@example.test');
    const visa = await addCard(buyer);
    const master = await addCard(buyer, { ...VISA, number: '5555555555554444' });
    assert.equal((await buyer.delete(`/api/payment-methods/${visa.id}`)).statusCode, 204);
    assert.deepEqual(await cards(buyer), [master]);
    assertError(await buyer.delete(`/api/payment-methods/${visa.id}`), 404, 'NOT_FOUND');
    assertError(await buyer.get(`/api/payment-methods/${visa.id}`), 404, 'NOT_FOUND');
  });

  await t.test(
    "another buyer's address or card is a 404 for reading, changing and deleting, and stays as it was",
    async () => {
      const address = await addAddress(owner);
      const card = await addCard(owner);
      await changesNothing(async () => {
        assertError(await intruder.get(`/api/addresses/${address.id}`), 404, 'NOT_FOUND');
        assertError(await intruder.patch(`/api/addresses/${address.id}`, { city: 'Elsewhere' }), 404, 'NOT_FOUND');
        assertError(await intruder.patch(`/api/addresses/${address.id}`, { makeDefault: true }), 404, 'NOT_FOUND');
        assertError(await intruder.delete(`/api/addresses/${address.id}`), 404, 'NOT_FOUND');
        assertError(await intruder.get(`/api/payment-methods/${card.id}`), 404, 'NOT_FOUND');
        assertError(await intruder.delete(`/api/payment-methods/${card.id}`), 404, 'NOT_FOUND');
        for (const path of [`/api/addresses/${MISSING_ID}`, `/api/payment-methods/${MISSING_ID}`]) {
          assertError(await owner.get(path), 404, 'NOT_FOUND');
          assertError(await owner.delete(path), 404, 'NOT_FOUND');
        }
        assertError(await owner.patch(`/api/addresses/${MISSING_ID}`, { city: 'Nowhere' }), 404, 'NOT_FOUND');
      });
      assert.ok(!(await addresses(intruder)).some((a) => a.id === address.id));
      assert.ok(!(await cards(intruder)).some((c) => c.id === card.id));
      assert.deepEqual(await addresses(owner), [address]);
    },
  );

  await t.test('signed out, every wallet route answers 401 and reveals nothing', async () => {
    const address = (await addresses(owner))[0]!;
    const stranger = new Client(app);
    await changesNothing(async () => {
      const requests: Array<[Parameters<Client['request']>[0], string, unknown?]> = [
        ['GET', '/api/addresses'],
        ['POST', '/api/addresses', HOME],
        ['GET', `/api/addresses/${address.id}`],
        ['PATCH', `/api/addresses/${address.id}`, { city: 'X', nonsense: 1 }],
        ['DELETE', `/api/addresses/${address.id}`],
        ['GET', '/api/payment-methods'],
        ['POST', '/api/payment-methods', VISA],
        ['GET', `/api/payment-methods/${MISSING_ID}`],
        ['DELETE', `/api/payment-methods/${MISSING_ID}`],
      ];
      for (const [method, url, body] of requests) {
        const res = assertError(await stranger.request(method, url, body), 401, 'UNAUTHENTICATED');
        assert.equal(res.error.details, undefined, `${method} ${url}`);
      }
    });
  });

  await t.test('a wallet change from another site is refused', async () => {
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    await changesNothing(async () => {
      for (const [method, url] of [
        ['POST', '/api/payment-methods'],
        ['POST', '/api/addresses'],
      ] as const) {
        const res = await app.inject({
          method,
          url,
          payload: url.endsWith('addresses') ? HOME : VISA,
          headers: { cookie, origin: 'https://evil.example' },
        });
        assertError(res, 403, 'CSRF_REJECTED');
      }
      const address = (await addresses(owner))[0]!;
      assertError(
        await app.inject({
          method: 'DELETE',
          url: `/api/addresses/${address.id}`,
          headers: { cookie, origin: 'https://evil.example' },
        }),
        403,
        'CSRF_REJECTED',
      );
    });
  });

  await t.test('bad input is a 400 naming the field, with no coercion, and changes nothing', async () => {
    const address = (await addresses(owner))[0]!;
    const long = (n: number) => 'x'.repeat(n);
    await changesNothing(async () => {
      const addressCases: Array<[Record<string, unknown>, string]> = [
        [{ ...HOME, fullName: 42 }, 'fullName'],
        [{ ...HOME, country: 'ma' }, 'country'],
        [{ ...HOME, country: 'MAR' }, 'country'],
        [{ ...HOME, postalCode: 10000 }, 'postalCode'],
        [{ ...HOME, postalCode: '10000<script>' }, 'postalCode'],
        [{ ...HOME, makeDefault: 'yes' }, 'makeDefault'],
        [{ ...HOME, isDefault: true }, 'isDefault'],
        [{ ...HOME, userId: 'someone-else' }, 'userId'],
        [{ ...HOME, fullName: long(101) }, 'fullName'],
        [{ ...HOME, line1: long(121) }, 'line1'],
        [{ ...HOME, line2: long(121) }, 'line2'],
        [{ ...HOME, city: long(81) }, 'city'],
        [{ ...HOME, phone: `+${'1'.repeat(40)}` }, 'phone'],
        [{ ...HOME, phone: 'call me' }, 'phone'],
        [{ ...HOME, fullName: '   ' }, 'fullName'],
        [{ ...HOME, city: 'Ra\u0000bat' }, 'city'],
        [{ fullName: 'No Street', city: 'Rabat', country: 'MA' }, 'line1'],
      ];
      for (const [body, field] of addressCases)
        assertError(await owner.post('/api/addresses', body), 400, 'VALIDATION_FAILED', field);
      assertError(await owner.patch(`/api/addresses/${address.id}`, {}), 400, 'VALIDATION_FAILED');
      assertError(
        await owner.patch(`/api/addresses/${address.id}`, { fullName: null }),
        400,
        'VALIDATION_FAILED',
        'fullName',
      );
      assertError(
        await owner.patch(`/api/addresses/${address.id}`, { id: MISSING_ID }),
        400,
        'VALIDATION_FAILED',
        'id',
      );
      assertError(
        await owner.patch(`/api/addresses/${address.id}`, { city: long(81) }),
        400,
        'VALIDATION_FAILED',
        'city',
      );

      const cardCases: Array<[Record<string, unknown>, string]> = [
        [{ ...VISA, number: 4242424242424242 }, 'number'],
        [{ ...VISA, expMonth: '4' }, 'expMonth'],
        [{ ...VISA, expYear: 2030.5 }, 'expYear'],
        [{ ...VISA, expMonth: 0 }, 'expMonth'],
        [{ ...VISA, expMonth: 13 }, 'expMonth'],
        [{ ...VISA, cvc: 123 }, 'cvc'],
        [{ ...VISA, cvc: '12345' }, 'cvc'],
        [{ ...VISA, cvc: '12a' }, 'cvc'],
        [{ ...VISA, number: '4242 4242 4242 4242 4242 42' }, 'number'],
        [{ ...VISA, number: '4242424242424242'.repeat(100) }, 'number'],
        [{ ...VISA, number: '4242x42424242424' }, 'number'],
        [{ ...VISA, holder: 'Amina' }, 'holder'],
        [{ number: VISA.number, expMonth: 4, expYear: 2030 }, 'cvc'],
      ];
      for (const [body, field] of cardCases) {
        const res = await owner.post('/api/payment-methods', body);
        assertError(res, 400, 'VALIDATION_FAILED', field);
        assert.ok(!res.body.includes('4242424242'), res.body);
      }

      for (const id of ['not-a-uuid', '1', `${MISSING_ID}x`, "1' or '1'='1"]) {
        const encoded = encodeURIComponent(id);
        assertError(await owner.get(`/api/addresses/${encoded}`), 400, 'VALIDATION_FAILED', 'id');
        assertError(await owner.patch(`/api/addresses/${encoded}`, { city: 'X' }), 400, 'VALIDATION_FAILED', 'id');
        assertError(await owner.delete(`/api/addresses/${encoded}`), 400, 'VALIDATION_FAILED', 'id');
        assertError(await owner.get(`/api/payment-methods/${encoded}`), 400, 'VALIDATION_FAILED', 'id');
        assertError(await owner.delete(`/api/payment-methods/${encoded}`), 400, 'VALIDATION_FAILED', 'id');
      }
      assertError(
        await owner.request('POST', '/api/payment-methods', '{"number":"4242424242424242",', {
          'content-type': 'application/json',
        }),
        400,
        'MALFORMED_JSON',
      );
    });
  });

  await t.test('the OpenAPI document describes the wallet routes', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, methods] of Object.entries({
      '/api/addresses': ['get', 'post'],
      '/api/addresses/{id}': ['get', 'patch', 'delete'],
      '/api/payment-methods': ['get', 'post'],
      '/api/payment-methods/{id}': ['get', 'delete'],
      '/api/payments/provider': ['get'],
    })) {
      assert.deepEqual(Object.keys(doc.paths[path] ?? {}).sort(), [...methods].sort(), path);
    }
  });
});
