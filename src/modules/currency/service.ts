// Exchange rates: recording a set (from the operator's rates file, staff, the reference feed or the
// demo's sample), the set in use, and whether it is stale (decision 058).
import fs from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB, RateSource } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { isCurrencyCode } from '../../lib/iso4217.ts';
import { formatRate, parseRate, type ScaledRate } from './convert.ts';
import { findNewestRateSet, findNewestRateSetId, findRateSet, insertRateSet, type RateSetRow } from './repository.ts';

/** A set of rates in use: units of each currency one unit of `base` buys (the base itself: 1). */
export type RateSet = {
  id: string;
  base: string;
  /** The day these are the rates of (YYYY-MM-DD). */
  asOf: string;
  source: RateSource;
  recordedAt: Date;
  rates: ReadonlyMap<string, ScaledRate>;
};

export type RateSetInput = {
  base: string;
  asOf: string;
  /** Currency → rate as a decimal ("1.0834"); the base may be left out (it is 1). */
  rates: Record<string, string>;
};

/** Rate sets hold at most this many currencies (ISO 4217 has fewer). */
export const MAX_RATES = 200;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(text: string): boolean {
  if (!DAY_RE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The set as it will be recorded, or a 400 naming every wrong field: an ISO 4217 base and
 * currencies, positive decimal rates of at most 12 places, a real day not after tomorrow (UTC: a
 * feed east of Greenwich may already be on it), the base's own rate 1 if it is given.
 */
export function validateRateSet(
  input: RateSetInput,
  now = new Date(),
): { base: string; asOf: string; rates: Map<string, ScaledRate> } {
  const details: Array<{ field: string; message: string }> = [];
  if (!isCurrencyCode(input.base)) details.push({ field: 'base', message: 'must be an ISO 4217 currency code' });
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (!isCalendarDay(input.asOf)) details.push({ field: 'asOf', message: 'must be a day as YYYY-MM-DD' });
  else if (input.asOf > tomorrow) details.push({ field: 'asOf', message: 'must not be in the future' });
  const rates = new Map<string, ScaledRate>();
  const entries = Object.entries(input.rates);
  if (entries.length > MAX_RATES) details.push({ field: 'rates', message: `at most ${MAX_RATES} currencies` });
  for (const [currency, text] of entries) {
    const field = `rates.${currency}`;
    if (!isCurrencyCode(currency)) {
      details.push({ field, message: 'not an ISO 4217 currency code' });
      continue;
    }
    const rate = parseRate(String(text));
    if (rate === null) details.push({ field, message: 'must be a positive decimal with at most 12 places' });
    else if (currency === input.base && rate !== parseRate('1'))
      details.push({ field, message: 'the base currency’s rate is 1' });
    else rates.set(currency, rate);
  }
  if (details.length === 0 && [...rates.keys()].every((c) => c === input.base))
    details.push({ field: 'rates', message: 'name at least one currency besides the base' });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
  rates.set(input.base, parseRate('1')!);
  return { base: input.base, asOf: input.asOf, rates };
}

function toRateSet(row: RateSetRow): RateSet {
  return {
    id: row.id,
    base: row.base,
    asOf: row.as_of,
    source: row.source,
    recordedAt: row.recorded_at,
    // numeric(24,12) prints 12 places, which parseRate reads exactly; the check (rate > 0) keeps it valid.
    rates: new Map(row.rates.map((r) => [r.currency, parseRate(r.rate)!])),
  };
}

/** Whether two sets say the same: same base, day and rates (where they come from aside). */
function sameRates(a: RateSet, b: { base: string; asOf: string; rates: ReadonlyMap<string, ScaledRate> }): boolean {
  if (a.base !== b.base || a.asOf !== b.asOf || a.rates.size !== b.rates.size) return false;
  for (const [currency, rate] of b.rates) if (a.rates.get(currency) !== rate) return false;
  return true;
}

/**
 * The set in use, per database: read again when another set was recorded (one indexed one-row read
 * at most every `checkSeconds`), so every process follows a change within that time.
 */
export class RateBook {
  #current: RateSet | null | undefined;
  #checkedAt = 0;
  readonly #db: Kysely<DB>;
  readonly #checkMillis: number;

  constructor(db: Kysely<DB>, checkSeconds = 30) {
    this.#db = db;
    this.#checkMillis = checkSeconds * 1000;
  }

  /** The set in use, or null before any was recorded. */
  async current(): Promise<RateSet | null> {
    const now = Date.now();
    if (this.#current !== undefined && now - this.#checkedAt < this.#checkMillis) return this.#current;
    const newestId = await findNewestRateSetId(this.#db);
    if (newestId === undefined) this.#current = null;
    else if (this.#current?.id !== newestId) {
      const row = await findNewestRateSet(this.#db);
      this.#current = row ? toRateSet(row) : null;
    }
    this.#checkedAt = now;
    return this.#current;
  }

  /**
   * Records a set and makes it the one in use, unless it says exactly what the set in use says
   * (the same file read again, the feed's same day fetched twice): then nothing is recorded.
   */
  async record(input: RateSetInput, source: RateSource): Promise<{ set: RateSet; recorded: boolean }> {
    const valid = validateRateSet(input);
    this.#checkedAt = 0;
    const current = await this.current();
    if (current && sameRates(current, valid)) return { set: current, recorded: false };
    const rates = [...valid.rates].map(([currency, rate]) => ({ currency, rate: formatRate(rate) }));
    const id = await insertRateSet(this.#db, { base: valid.base, asOf: valid.asOf, source, rates });
    this.#current = { id, base: valid.base, asOf: valid.asOf, source, recordedAt: new Date(), rates: valid.rates };
    this.#checkedAt = Date.now();
    return { set: this.#current, recorded: true };
  }
}

/** Days between the set's day and today (UTC); stale beyond `staleDays`. */
export function rateAge(set: RateSet, now = new Date()): { days: number; stale: (staleDays: number) => boolean } {
  const days = Math.floor((Date.parse(now.toISOString().slice(0, 10)) - Date.parse(set.asOf)) / 86_400_000);
  return { days, stale: (staleDays) => days > staleDays };
}

/** The rates file: JSON {"base": "EUR", "asOf": "2026-12-04", "rates": {"USD": "1.0834", …}}. */
export async function readRatesFile(path: string): Promise<RateSetInput> {
  const parsed: unknown = JSON.parse(await fs.readFile(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('the rates file must hold a JSON object');
  const { base, asOf, rates } = parsed as Record<string, unknown>;
  if (
    typeof base !== 'string' ||
    typeof asOf !== 'string' ||
    typeof rates !== 'object' ||
    rates === null ||
    Array.isArray(rates)
  )
    throw new Error('the rates file needs "base", "asOf" and "rates" ({"USD": "1.0834", …})');
  const texts: Record<string, string> = {};
  // A number is read as JavaScript writes it (1.0834); one it writes with an exponent is refused.
  for (const [currency, rate] of Object.entries(rates)) texts[currency] = String(rate);
  return { base, asOf, rates: texts };
}

/**
 * The demo shop's sample rates against the euro (decision 058): round figures of late 2026, recorded
 * with source "sample" so staff see they are not real rates. Only when no rates were ever recorded.
 */
export const SAMPLE_RATES: Record<string, string> = {
  USD: '1.16',
  GBP: '0.87',
  JPY: '180',
  MAD: '10.7',
  CAD: '1.62',
  AUD: '1.77',
  CHF: '0.93',
  CNY: '8.25',
  INR: '103',
  BRL: '6.2',
  MXN: '21.3',
  SEK: '10.9',
  NOK: '11.7',
  DKK: '7.46',
  PLN: '4.22',
  TRY: '49',
  AED: '4.26',
  SAR: '4.35',
  KWD: '0.356',
  TND: '3.41',
  KRW: '1700',
  ZAR: '20.1',
  EGP: '55',
  SGD: '1.5',
  HKD: '9.03',
  NZD: '2.03',
};

const books = new WeakMap<Kysely<DB>, RateBook>();

/** The rates in use for this database: one book per database, shared by every caller in the process. */
export function rateBookOf(db: Kysely<DB>): RateBook {
  let book = books.get(db);
  if (!book) {
    book = new RateBook(db);
    books.set(db, book);
  }
  return book;
}

/** The demo's sample rates, recorded when no rates were ever recorded (a demo shop's first start). */
export async function recordSampleRatesIfNone(db: Kysely<DB>, now = new Date()): Promise<boolean> {
  const book = rateBookOf(db);
  if ((await book.current()) !== null) return false;
  await book.record({ base: 'EUR', asOf: now.toISOString().slice(0, 10), rates: SAMPLE_RATES }, 'sample');
  return true;
}

/** The rates a conversion used, as an order records them (decision 060): the set, its day, both rates. */
export type RecordedRates = {
  setId: string;
  asOf: string;
  from: { currency: string; rate: ScaledRate };
  to: { currency: string; rate: ScaledRate };
};

/**
 * The rates a shopper who saw prices with set `setId` in `displayCurrency` had amounts of `currency`
 * converted with: 400 RATE_SET_UNKNOWN for a set that was never recorded, 409 RATES_STALE for one
 * replaced by a newer set and more than `staleDays` old (the set in use is always accepted: a stale
 * rate beats no price, decision 058), 400 VALIDATION_FAILED when the set does not quote a currency.
 * Null when the display currency is the charged one (nothing to convert). Reads only, so a caller
 * checks this before it writes anything.
 */
export async function ratesOfSet(
  db: Kysely<DB>,
  input: { setId: string; displayCurrency: string; currency: string; staleDays: number },
  now = new Date(),
): Promise<RecordedRates | null> {
  const row = await findRateSet(db, input.setId);
  if (!row) throw new AppError('RATE_SET_UNKNOWN');
  const set = toRateSet(row);
  if (rateAge(set, now).stale(input.staleDays) && (await findNewestRateSetId(db)) !== set.id)
    throw new AppError('RATES_STALE');
  if (input.displayCurrency === input.currency) return null;
  const fromRate = set.rates.get(input.currency);
  const toRate = set.rates.get(input.displayCurrency);
  if (fromRate === undefined || toRate === undefined)
    throw new AppError('VALIDATION_FAILED', {
      details: [
        {
          field: 'display.currency',
          message: `these rates do not convert ${input.currency} to ${input.displayCurrency}`,
        },
      ],
    });
  return {
    setId: set.id,
    asOf: set.asOf,
    from: { currency: input.currency, rate: fromRate },
    to: { currency: input.displayCurrency, rate: toRate },
  };
}
