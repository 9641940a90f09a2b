// A card's number and security code never reach a log line: not when a card is saved, not when it
// is refused (by the schema, the provider or the rate limit), not when something breaks, and not
// when a careless provider puts the number in its own error message or a log call is handed the card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { TestPaymentProvider, type CardInput, type TokenizedCard } from '../src/modules/payments/provider.ts';
import { createTestApp, forgetRateLimits, signUpAndSignIn } from './helpers/app.ts';

const NUMBERS = [
  '4242424242424242',
  '5555555555554444',
  '378282246310005',
  '4111111111111111',
  '4242424242424241',
  '6011111111111117',
];
const CVCS = ['739', '7391'];
const LEAKY_NUMBER = '6011111111111117';

/** A provider that fails the way a careless integration does: with the card number in its error. */
class LeakyProvider extends TestPaymentProvider {
  override async tokenize(card: CardInput): Promise<TokenizedCard> {
    if (card.number.replace(/\D/g, '') === LEAKY_NUMBER)
      throw new Error(
        `upstream refused card ${card.number} (${card.number.replace(/\D/g, '').match(/.{4}/g)!.join(' ')})`,
      );
    return super.tokenize(card);
  }
}

/** Every string (keys and values) in the parsed log lines. */
function logStrings(lines: unknown[]): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        out.push(key);
        walk(item);
      }
    }
  };
  lines.forEach(walk);
  return out;
}

test('no card number or security code in the logs', async (t) => {
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const testApp = await createTestApp({ LOG_LEVEL: 'trace' }, { logStream, payments: new LeakyProvider() });
  const { app } = testApp;
  t.after(testApp.close);
  const buyer = await signUpAndSignIn(app, 'card-logs@example.test');
  const card = (overrides: Record<string, unknown> = {}) => ({
    number: NUMBERS[0],
    expMonth: 4,
    expYear: 2030,
    cvc: CVCS[0],
    ...overrides,
  });
  const statuses: number[] = [];
  const post = async (body: unknown, url = '/api/payment-methods') =>
    statuses.push((await buyer.post(url, body)).statusCode);

  // Saved, in every spelling.
  await post(card());
  await post(card({ number: '5555 5555 5555 4444' }));
  await post(card({ number: '3782-822463-10005', cvc: CVCS[1] }));
  // Refused by the schema, before the provider sees them.
  await post(card({ holder: 'x' }));
  await post(card({ expMonth: '4' }));
  await post(card({ cvc: `${CVCS[0]}x` }));
  await post(card({ number: `${NUMBERS[0]}${NUMBERS[0]}` }));
  await post(`{"number":"${NUMBERS[0]}","cvc":"${CVCS[0]}",`);
  await post(card(), `/api/payment-methods?number=${NUMBERS[0]}&cvc=${CVCS[0]}`);
  await forgetRateLimits(app);
  // Refused by the provider.
  await post(card({ number: NUMBERS[3] }));
  await post(card({ number: NUMBERS[4] }));
  await post(card({ expYear: 2001 }));
  await post(card({ number: NUMBERS[2], cvc: CVCS[0] }));
  // The provider fails with the number in its message.
  await post(card({ number: LEAKY_NUMBER }));
  await post(card({ number: '6011 1111 1111 1117' }));
  // Rate limited.
  for (let i = 0; i < 6; i++) await post(card({ number: NUMBERS[3] }));
  await forgetRateLimits(app);
  // The database breaks under the route.
  await sql`alter table payment_methods rename to payment_methods_away`.execute(app.souk.db);
  try {
    await post(card());
  } finally {
    await sql`alter table payment_methods_away rename to payment_methods`.execute(app.souk.db);
  }

  // Careless log lines that hand the logger the card as an object.
  app.log.info(card(), 'card as the log object');
  app.log.info({ body: card() }, 'card as a field');
  app.log.info({ request: { body: card({ number: NUMBERS[1] }) } }, 'card nested two deep');

  assert.deepEqual(
    statuses,
    [201, 201, 201, 400, 400, 400, 400, 400, 201, 400, 400, 400, 400, 500, 500, 400, 400, 400, 400, 429, 429, 500],
  );

  const text = chunks.join('');
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.ok(
    lines.some((l) => l.msg === 'request failed'),
    'the failures were logged',
  );
  assert.ok(text.includes('[card]'), "the leaky provider's message was logged, masked");
  const strings = logStrings(lines);
  for (const number of NUMBERS) {
    const groups = [number.match(/.{1,4}/g)!.join(' '), number.match(/.{1,4}/g)!.join('-'), number];
    for (const spelling of groups) assert.equal(text.includes(spelling), false, `the log contains ${spelling}`);
    assert.equal(
      strings.some((s) => s.replace(/[ -]/g, '').includes(number)),
      false,
      `a log value contains ${number}`,
    );
  }
  for (const cvc of CVCS) {
    const standalone = new RegExp(`(?<!\\d)${cvc}(?!\\d)`);
    assert.deepEqual(
      strings.filter((s) => standalone.test(s)),
      [],
      `the log contains the security code ${cvc}`,
    );
  }
});
