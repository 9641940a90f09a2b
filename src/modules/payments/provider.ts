// Payments go through a PaymentProvider. Souk stores only what a provider returns for a card
// (brand, last four digits, expiry, an opaque token): never the number, never the CVC.
// The only built-in provider is TestPaymentProvider: it charges nobody (docs/payments.md).
import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { FromSchema } from '../../schemas.ts';
import type { CardInputSchema } from './repository.ts';

/** A card as a form sends it (the body of POST /api/payment-methods). */
export type CardInput = FromSchema<typeof CardInputSchema>;

export type TokenizedCard = {
  provider: string;
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
};

export type ChargeRequest = {
  token: string;
  amountMinor: number;
  currency: string;
  /** The same key never charges twice. */
  idempotencyKey: string;
  /** 1 for the first attempt of a checkout, 2 for the next… */
  attempt: number;
};

export type ChargeResult =
  | { status: 'succeeded'; reference: string }
  /** The card cannot pay: another card is needed. */
  | { status: 'declined'; code: string }
  /** A passing problem: the same card may work if the buyer tries again. */
  | { status: 'retry'; code: string };

/** What the provider knows of a charge request: its result, or that it never charged it. */
export type ChargeLookup = ChargeResult | { status: 'not_found' };

export type TestCard = { number: string; outcome: TestOutcome; description: string };

export interface PaymentProvider {
  readonly id: string;
  /** Shown to people wherever a card is asked for. */
  readonly label: string;
  /** True for a provider that moves no money. */
  readonly isTest: boolean;
  /** The card numbers a test provider accepts, shown next to every card form (GET /api/payments/provider). */
  readonly testCards?: ReadonlyArray<TestCard>;
  /** Validates a card and returns the provider's token for it; throws CARD_INVALID / CARD_EXPIRED. */
  tokenize(card: CardInput): Promise<TokenizedCard>;
  /**
   * Charges once per `idempotencyKey`: the same key sent again answers the first outcome and charges
   * nothing more. Throws when no answer came (a network failure, a timeout): the charge may or may
   * not have happened, and Souk settles it later with findCharge.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /**
   * What became of a charge request whose answer Souk never received (decision 033), asked with the
   * very request that was sent and when it was sent. A provider that can look a charge up by its
   * idempotency key answers from that; one that cannot may send the same request again with the same
   * key, which its idempotency guarantees charges at most once, but only while it still remembers the
   * key (`sentAt` says how old it is). Throws when it cannot tell yet: Souk asks again later.
   */
  findCharge(request: ChargeRequest, sent: { sentAt: Date }): Promise<ChargeLookup>;
  /**
   * Refunds part or all of a charge, once per `idempotencyKey`: the same key again answers the first
   * outcome and refunds nothing more. Throws when no answer came: Souk sends the same request again
   * later, which the key makes safe. A `failed` answer is final for that key; a new attempt takes a
   * new key.
   */
  refund(request: RefundRequest): Promise<RefundResult>;
}

export type RefundRequest = {
  /** The provider's reference of the charge being refunded. */
  chargeReference: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  /** 1 for a refund's first attempt, 2 for the next… */
  attempt: number;
};

export type RefundResult = { status: 'succeeded'; reference: string } | { status: 'failed'; code: string };

/**
 * A refund that must happen now (a cancellation, a stray charge): up to three attempts, each under
 * its own key derived from `key`, so a passing failure is retried at once. Throws REFUND_FAILED when
 * every attempt failed, and whatever the provider threw when it did not answer.
 */
export async function refundNow(
  provider: PaymentProvider,
  request: Omit<RefundRequest, 'idempotencyKey' | 'attempt'>,
  key: string,
): Promise<{ reference: string }> {
  let last: RefundResult | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    last = await provider.refund({ ...request, idempotencyKey: `${key}:${attempt}`, attempt });
    if (last.status === 'succeeded') return { reference: last.reference };
  }
  throw new AppError('REFUND_FAILED');
}

/** Luhn checksum of a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6][0-9]|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  return 'card';
}

export const TEST_OUTCOMES = ['succeeds', 'declined', 'retry', 'lost', 'refund_retry'] as const;
export type TestOutcome = (typeof TEST_OUTCOMES)[number];

/** The documented test cards (README and docs/payments.md). Any other number is refused. */
export const TEST_CARDS: ReadonlyArray<TestCard> = [
  { number: '4242424242424242', outcome: 'succeeds', description: 'Visa: every payment succeeds.' },
  { number: '5555555555554444', outcome: 'succeeds', description: 'Mastercard: every payment succeeds.' },
  {
    number: '378282246310005',
    outcome: 'succeeds',
    description: 'American Express (4-digit security code): every payment succeeds.',
  },
  {
    number: '4000000000000002',
    outcome: 'declined',
    description: 'Visa: every payment is declined (use another card).',
  },
  {
    number: '4000000000000119',
    outcome: 'retry',
    description: 'Visa: the first payment of a checkout fails with a passing error; trying again succeeds.',
  },
  {
    number: '4000000000000259',
    outcome: 'lost',
    description:
      'Visa: the payment goes through but its answer is lost on the way back; Souk confirms it with the provider a few minutes later.',
  },
  {
    number: '4000000000005076',
    outcome: 'refund_retry',
    description:
      'Visa: every payment succeeds; the first attempt of each refund fails with a passing error and Souk retries it a minute later.',
  },
];

const TOKEN = /^test_(succeeds|declined|retry|lost|refund_retry)_[0-9a-f]{32}$/;

/** What the test provider remembers of a charge request, by its idempotency key. */
export type ChargeRecord = {
  idempotencyKey: string;
  token: string;
  amountMinor: number;
  currency: string;
  result: ChargeResult;
};

/** Where the test provider keeps its charges: memory by default; a test may keep them where a killed process cannot lose them. */
export interface ChargeLedger {
  /** Keeps `record` unless its key is already known; answers the record that stands, and whether it is this one. */
  add(record: ChargeRecord): Promise<{ record: ChargeRecord; added: boolean }>;
  find(idempotencyKey: string): Promise<ChargeRecord | undefined>;
}

export class MemoryChargeLedger implements ChargeLedger {
  readonly #records = new Map<string, ChargeRecord>();
  readonly #limit: number;

  /** Keeps the last `limit` keys, as a real provider forgets old keys (a long-running demo shop must not grow without end). */
  constructor(limit = 100_000) {
    this.#limit = limit;
  }

  async add(record: ChargeRecord) {
    const known = this.#records.get(record.idempotencyKey);
    if (known) return { record: known, added: false };
    this.#records.set(record.idempotencyKey, record);
    if (this.#records.size > this.#limit) this.#records.delete(this.#records.keys().next().value!);
    return { record, added: true };
  }

  async find(idempotencyKey: string) {
    return this.#records.get(idempotencyKey);
  }

  /** Every charge request the provider answered, in order. */
  get records(): ChargeRecord[] {
    return [...this.#records.values()];
  }
}

/** The test provider's "answer lost" card: the charge happened, the caller never hears of it. */
export class ChargeAnswerLostError extends Error {
  constructor() {
    super('the payment provider did not answer');
    this.name = 'ChargeAnswerLostError';
  }
}

export class TestPaymentProvider implements PaymentProvider {
  readonly id = 'test';
  readonly label = 'Test payments: no money moves';
  readonly isTest = true;
  readonly testCards = TEST_CARDS;
  readonly #now: () => Date;
  readonly #ledger: ChargeLedger;

  constructor(options: { now?: () => Date; ledger?: ChargeLedger } = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#ledger = options.ledger ?? new MemoryChargeLedger();
  }

  async tokenize(card: CardInput): Promise<TokenizedCard> {
    // Errors name the field they concern (so forms can show them there), never the value.
    const invalid = (field: keyof CardInput, message: string, overall?: string) =>
      new AppError('CARD_INVALID', { ...(overall ? { message: overall } : {}), details: [{ field, message }] });
    const digits = card.number.replace(/[ -]/g, '');
    const brand = cardBrand(digits);
    if (!luhnValid(digits)) throw invalid('number', 'This card number is not valid.');
    const cvcLength = brand === 'amex' ? 4 : 3;
    if (!/^[0-9]+$/.test(card.cvc) || card.cvc.length !== cvcLength)
      throw invalid('cvc', `Enter the ${cvcLength}-digit security code.`);
    const now = this.#now();
    if (card.expYear >= 100 && card.expYear < 2000) throw invalid('expYear', 'Enter the year with 4 digits.');
    const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
    if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12)
      throw invalid('expMonth', 'Choose a month from 1 to 12.');
    if (year > now.getUTCFullYear() + 25) throw invalid('expYear', 'This expiry year is too far away.');
    if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && card.expMonth < now.getUTCMonth() + 1)) {
      throw new AppError('CARD_EXPIRED', { details: [{ field: 'expYear', message: 'This card has expired.' }] });
    }
    const known = TEST_CARDS.find((c) => c.number === digits);
    if (!known) {
      throw invalid(
        'number',
        'Use one of the test card numbers.',
        'This shop uses a test payment provider that charges no one: use one of the test card numbers.',
      );
    }
    return {
      provider: this.id,
      token: `test_${known.outcome}_${randomBytes(16).toString('hex')}`,
      brand,
      last4: digits.slice(-4),
      expMonth: card.expMonth,
      expYear: year,
    };
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    // Like a real provider, the first request with a key decides its outcome; the same key again
    // answers that outcome without charging, and the key reused for another request is refused.
    const outcome = TOKEN.exec(request.token)?.[1] as TestOutcome | undefined;
    const { record, added } = await this.#ledger.add({
      idempotencyKey: request.idempotencyKey,
      token: request.token,
      amountMinor: request.amountMinor,
      currency: request.currency,
      result: this.#decide(outcome, request),
    });
    if (!added) {
      const same =
        record.token === request.token &&
        record.amountMinor === request.amountMinor &&
        record.currency === request.currency;
      return same ? record.result : { status: 'declined', code: 'idempotency_key_reused' };
    }
    if (outcome === 'lost') throw new ChargeAnswerLostError();
    return record.result;
  }

  async findCharge(request: ChargeRequest, _sent?: { sentAt: Date }): Promise<ChargeLookup> {
    return (await this.#ledger.find(request.idempotencyKey))?.result ?? { status: 'not_found' };
  }

  #decide(outcome: TestOutcome | undefined, request: ChargeRequest): ChargeResult {
    if (!outcome || !Number.isInteger(request.amountMinor) || request.amountMinor < 0)
      return { status: 'declined', code: 'invalid_request' };
    if (outcome === 'declined') return { status: 'declined', code: 'card_declined' };
    if (outcome === 'retry' && request.attempt <= 1) return { status: 'retry', code: 'processing_error' };
    // The charge's reference remembers the card's refund behaviour, as a real charge knows its card.
    const prefix = outcome === 'refund_retry' ? 'test_ch_rr_' : 'test_ch_';
    return { status: 'succeeded', reference: `${prefix}${randomBytes(12).toString('hex')}` };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    // Kept in the same ledger as charges, by the refund's own key: the same key refunds once.
    const failsFirst = request.chargeReference.startsWith('test_ch_rr_') && request.attempt <= 1;
    const valid =
      /^test_ch_/.test(request.chargeReference) && Number.isInteger(request.amountMinor) && request.amountMinor > 0;
    const result: ChargeResult = !valid
      ? { status: 'declined', code: 'invalid_request' }
      : failsFirst
        ? { status: 'retry', code: 'processing_error' }
        : { status: 'succeeded', reference: `test_re_${randomBytes(12).toString('hex')}` };
    const { record, added } = await this.#ledger.add({
      idempotencyKey: `refund:${request.idempotencyKey}`,
      token: request.chargeReference,
      amountMinor: request.amountMinor,
      currency: request.currency,
      result,
    });
    const same =
      added ||
      (record.token === request.chargeReference &&
        record.amountMinor === request.amountMinor &&
        record.currency === request.currency);
    if (!same) return { status: 'failed', code: 'idempotency_key_reused' };
    return record.result.status === 'succeeded'
      ? { status: 'succeeded', reference: record.result.reference }
      : { status: 'failed', code: record.result.code };
  }
}
