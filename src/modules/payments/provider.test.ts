// The card checks every provider relies on (Luhn, brand) and the built-in test provider's
// documented behaviour: which numbers it tokenizes, and how each test card's charges end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../errors.ts';
import {
  ChargeAnswerLostError,
  MemoryChargeLedger,
  TEST_CARDS,
  TestPaymentProvider,
  cardBrand,
  luhnValid,
  type CardInput,
} from './provider.ts';

/** The digit that makes `body` + digit pass Luhn. */
function checkDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return String(d);
  throw new Error('no check digit');
}

const luhnNumber = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 })
  .map((digits) => `${digits.join('')}${checkDigit(digits.join(''))}`);

test('luhnValid accepts the documented test cards and well-known valid numbers', () => {
  for (const card of TEST_CARDS) assert.ok(luhnValid(card.number), card.number);
  for (const number of ['4111111111111111', '5105105105105100', '371449635398431', '6011111111111117'])
    assert.ok(luhnValid(number), number);
});

test('luhnValid refuses wrong checksums, non-digits and lengths outside 12–19', () => {
  for (const number of [
    '4242424242424241',
    '4242 4242 4242 4242',
    '4242-4242-4242-4242',
    '42424242424242a2',
    '',
    '42424242426',
    '4'.repeat(20),
    '0'.repeat(20),
  ]) {
    assert.equal(luhnValid(number), false, number);
  }
});

test('property: every generated Luhn-valid number passes, and changing any one digit makes it fail', () => {
  fc.assert(
    fc.property(luhnNumber, fc.nat(), fc.integer({ min: 1, max: 9 }), (number, at, delta) => {
      assert.ok(luhnValid(number));
      const i = at % number.length;
      const changed = `${number.slice(0, i)}${(Number(number[i]) + delta) % 10}${number.slice(i + 1)}`;
      assert.notEqual(changed, number);
      assert.equal(luhnValid(changed), false, `${number} → ${changed}`);
    }),
    { numRuns: 500 },
  );
});

test('property: swapping two different adjacent digits (other than 0/9) makes a valid number fail', () => {
  fc.assert(
    fc.property(luhnNumber, fc.nat(), (number, at) => {
      const i = at % (number.length - 1);
      const [a, b] = [number[i]!, number[i + 1]!];
      fc.pre(a !== b && !(new Set([a, b]).has('0') && new Set([a, b]).has('9')));
      const swapped = `${number.slice(0, i)}${b}${a}${number.slice(i + 2)}`;
      assert.equal(luhnValid(swapped), false, `${number} → ${swapped}`);
    }),
  );
});

test('cardBrand names Visa, Mastercard (51–55 and 2221–2720) and American Express; anything else is "card"', () => {
  assert.equal(cardBrand('4242424242424242'), 'visa');
  assert.equal(cardBrand('5555555555554444'), 'mastercard');
  assert.equal(cardBrand('5105105105105100'), 'mastercard');
  assert.equal(cardBrand('2221000000000009'), 'mastercard');
  assert.equal(cardBrand('2720990000000007'), 'mastercard');
  assert.equal(cardBrand('2721000000000000'), 'card');
  assert.equal(cardBrand('378282246310005'), 'amex');
  assert.equal(cardBrand('341111111111111'), 'amex');
  assert.equal(cardBrand('6011111111111117'), 'card');
  assert.equal(cardBrand('5655555555554444'), 'card');
});

const NOW = new Date('2026-05-15T12:00:00Z');
const provider = new TestPaymentProvider({ now: () => NOW });
const card = (overrides: Partial<CardInput> = {}): CardInput => ({
  number: '4242424242424242',
  expMonth: 4,
  expYear: 2030,
  cvc: '123',
  ...overrides,
});

async function refusal(input: CardInput): Promise<{ code: string; field: string | undefined; message: string }> {
  try {
    await provider.tokenize(input);
  } catch (error) {
    assert.ok(error instanceof AppError);
    return {
      code: error.code,
      field: error.details?.[0]?.field,
      message: `${error.message} ${error.details?.map((d) => d.message).join(' ') ?? ''}`,
    };
  }
  throw new Error('tokenize accepted the card');
}

test('tokenize returns brand, last four, expiry and an opaque token for each test card, never the number', async () => {
  for (const testCard of TEST_CARDS) {
    const cvc = cardBrand(testCard.number) === 'amex' ? '1234' : '123';
    const result = await provider.tokenize(card({ number: testCard.number, cvc }));
    assert.equal(result.provider, 'test');
    assert.equal(result.last4, testCard.number.slice(-4));
    assert.equal(result.brand, cardBrand(testCard.number));
    assert.deepEqual([result.expMonth, result.expYear], [4, 2030]);
    assert.match(result.token, new RegExp(`^test_${testCard.outcome}_[0-9a-f]{32}$`));
    assert.ok(!JSON.stringify(result).includes(testCard.number));
  }
  const spaced = await provider.tokenize(card({ number: '4242 4242 4242 4242', expYear: 30 }));
  assert.deepEqual(
    [spaced.last4, spaced.expYear],
    ['4242', 2030],
    'spaces are ignored and a two-digit year means 20xx',
  );
  const thisMonth = await provider.tokenize(card({ expMonth: 5, expYear: 2026 }));
  assert.equal(thisMonth.expMonth, 5, 'a card is valid through its expiry month');
});

test('tokenize refuses bad cards naming the field, and never echoes the number or code', async () => {
  const cases: Array<[Partial<CardInput>, string, string]> = [
    [{ number: '4242424242424241' }, 'CARD_INVALID', 'number'],
    [{ number: '4111111111111111' }, 'CARD_INVALID', 'number'],
    [{ cvc: '12' }, 'CARD_INVALID', 'cvc'],
    [{ cvc: '1234' }, 'CARD_INVALID', 'cvc'],
    [{ number: '378282246310005', cvc: '123' }, 'CARD_INVALID', 'cvc'],
    [{ expMonth: 13 }, 'CARD_INVALID', 'expMonth'],
    [{ expYear: 2060 }, 'CARD_INVALID', 'expYear'],
    [{ expYear: 999 }, 'CARD_INVALID', 'expYear'],
    [{ expMonth: 4, expYear: 2026 }, 'CARD_EXPIRED', 'expYear'],
    [{ expYear: 2025 }, 'CARD_EXPIRED', 'expYear'],
    [{ expYear: 25 }, 'CARD_EXPIRED', 'expYear'],
  ];
  for (const [overrides, code, field] of cases) {
    const input = card(overrides);
    const got = await refusal(input);
    assert.deepEqual([got.code, got.field], [code, field], JSON.stringify(overrides));
    assert.ok(!got.message.includes(input.number) && !got.message.includes(input.number.slice(-4)), got.message);
    assert.ok(!got.message.includes(input.cvc), got.message);
  }
  assert.match((await refusal(card({ number: '4111111111111111' }))).message, /test card numbers/);
});

test('charge: the succeeding cards succeed, the declined card is declined on every attempt', async () => {
  const request = { amountMinor: 1999, currency: 'EUR', idempotencyKey: 'k1', attempt: 1 };
  const ok = await provider.tokenize(card());
  const result = await provider.charge({ ...request, token: ok.token });
  assert.equal(result.status, 'succeeded');
  assert.match(result.status === 'succeeded' ? result.reference : '', /^test_ch_[0-9a-f]{24}$/);

  const declined = await provider.tokenize(card({ number: '4000000000000002' }));
  for (const attempt of [1, 2, 3]) {
    assert.deepEqual(
      await provider.charge({ ...request, idempotencyKey: `k1:${attempt}`, attempt, token: declined.token }),
      { status: 'declined', code: 'card_declined' },
    );
  }
});

test('charge: the retry card fails with a passing error on attempt 1 and succeeds on attempt 2', async () => {
  const retry = await provider.tokenize(card({ number: '4000000000000119' }));
  const request = { amountMinor: 500, currency: 'EUR', token: retry.token };
  assert.deepEqual(await provider.charge({ ...request, idempotencyKey: 'k2:1', attempt: 1 }), {
    status: 'retry',
    code: 'processing_error',
  });
  assert.equal((await provider.charge({ ...request, idempotencyKey: 'k2:2', attempt: 2 })).status, 'succeeded');
});

test('charge: an unknown token or a bad amount is declined, not charged', async () => {
  const ok = await provider.tokenize(card());
  const request = { currency: 'EUR', attempt: 1 };
  assert.deepEqual(
    await provider.charge({ ...request, idempotencyKey: 'k3:1', amountMinor: 100, token: 'tok_forged' }),
    { status: 'declined', code: 'invalid_request' },
  );
  assert.deepEqual(await provider.charge({ ...request, idempotencyKey: 'k3:2', amountMinor: -1, token: ok.token }), {
    status: 'declined',
    code: 'invalid_request',
  });
  assert.deepEqual(await provider.charge({ ...request, idempotencyKey: 'k3:3', amountMinor: 1.5, token: ok.token }), {
    status: 'declined',
    code: 'invalid_request',
  });
});

test('charge: the same idempotency key charges once and answers the first outcome again; reused for another request it is refused', async () => {
  const ledger = new MemoryChargeLedger();
  const once = new TestPaymentProvider({ now: () => NOW, ledger });
  const ok = await once.tokenize(card());
  const request = { token: ok.token, amountMinor: 2500, currency: 'EUR', idempotencyKey: 'checkout-1:1', attempt: 1 };
  const first = await once.charge(request);
  assert.equal(first.status, 'succeeded');
  assert.deepEqual(await once.charge(request), first, 'the same reference: no second charge');
  assert.equal(ledger.records.length, 1);
  assert.deepEqual(await once.charge({ ...request, amountMinor: 9999 }), {
    status: 'declined',
    code: 'idempotency_key_reused',
  });
  const other = await once.tokenize(card({ number: '5555555555554444' }));
  assert.deepEqual(await once.charge({ ...request, token: other.token }), {
    status: 'declined',
    code: 'idempotency_key_reused',
  });
  assert.equal(ledger.records.length, 1);
  // A declined key stays declined: trying again takes a new key.
  const declined = await once.tokenize(card({ number: '4000000000000002' }));
  const refused = { ...request, token: declined.token, idempotencyKey: 'checkout-2:1' };
  assert.deepEqual(await once.charge(refused), { status: 'declined', code: 'card_declined' });
  assert.deepEqual(await once.findCharge(refused), { status: 'declined', code: 'card_declined' });
});

test('charge: the "answer lost" card charges, then throws; the same key again and findCharge tell the charge', async () => {
  const ledger = new MemoryChargeLedger();
  const lossy = new TestPaymentProvider({ now: () => NOW, ledger });
  const lost = await lossy.tokenize(card({ number: '4000 0000 0000 0259' }));
  assert.match(lost.token, /^test_lost_/);
  const request = { token: lost.token, amountMinor: 700, currency: 'EUR', idempotencyKey: 'checkout-3:1', attempt: 1 };
  await assert.rejects(lossy.charge(request), ChargeAnswerLostError);
  assert.deepEqual(
    ledger.records.map((r) => [r.idempotencyKey, r.result.status]),
    [['checkout-3:1', 'succeeded']],
    'charged before the answer was lost',
  );
  const found = await lossy.findCharge(request);
  assert.equal(found.status, 'succeeded');
  assert.deepEqual(await lossy.charge(request), found, 'sent again, the answer comes and nothing more is charged');
  assert.equal(ledger.records.length, 1);
});

test('findCharge: a key the provider never received is not found, and asking charges nothing', async () => {
  const ledger = new MemoryChargeLedger();
  const quiet = new TestPaymentProvider({ now: () => NOW, ledger });
  const ok = await quiet.tokenize(card());
  assert.deepEqual(
    await quiet.findCharge({
      token: ok.token,
      amountMinor: 100,
      currency: 'EUR',
      idempotencyKey: 'checkout-4:1',
      attempt: 1,
    }),
    { status: 'not_found' },
  );
  assert.equal(ledger.records.length, 0);
});

test('the memory ledger forgets the oldest keys past its limit, as a provider forgets old keys', async () => {
  const ledger = new MemoryChargeLedger(2);
  const record = (key: string) => ({
    idempotencyKey: key,
    token: 't',
    amountMinor: 1,
    currency: 'EUR',
    result: { status: 'declined', code: 'x' } as const,
  });
  for (const key of ['a', 'b', 'c']) assert.equal((await ledger.add(record(key))).added, true);
  assert.deepEqual(
    ledger.records.map((r) => r.idempotencyKey),
    ['b', 'c'],
  );
  assert.equal(await ledger.find('a'), undefined);
  assert.equal((await ledger.add(record('b'))).added, false);
});
