// The optional reference feed (decision 058): the European Central Bank's daily euro reference
// rates (https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml) or any feed in its format,
// fetched when the operator sets RATES_FEED_URL. Off by default: Souk makes no outgoing request
// the operator did not ask for.
import { isCurrencyCode } from '../../lib/iso4217.ts';
import type { RateSetInput } from './service.ts';

/** Feeds larger than this are refused (the ECB's daily file is about 2 KB). */
const MAX_FEED_BYTES = 256 * 1024;

/**
 * The rates of an eurofxref document: its day (<Cube time="2026-12-04">) and each
 * <Cube currency="USD" rate="1.0834"/>, against the euro. Currencies outside ISO 4217's current list
 * are left out; a document without a day or a rate is refused.
 */
export function parseEurofxref(xml: string): RateSetInput {
  const day = /<Cube\s+time=["'](\d{4}-\d{2}-\d{2})["']/.exec(xml)?.[1];
  if (day === undefined) throw new Error('the feed has no <Cube time="YYYY-MM-DD">');
  const rates: Record<string, string> = {};
  for (const match of xml.matchAll(/<Cube\s+currency=["']([A-Z]{3})["']\s+rate=["']([0-9.]+)["']\s*\/?>/g)) {
    const [, currency, rate] = match;
    if (isCurrencyCode(currency!)) rates[currency!] = rate!;
  }
  if (Object.keys(rates).length === 0) throw new Error('the feed has no <Cube currency="…" rate="…"/>');
  return { base: 'EUR', asOf: day, rates };
}

/** Fetches and reads the feed; throws on a network error, a non-2xx answer, a timeout or a bad document. */
export async function fetchEurofxref(url: string, timeoutMs = 10_000): Promise<RateSetInput> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!response.ok) throw new Error(`the rates feed answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_FEED_BYTES) throw new Error('the rates feed is too large');
  const text = await response.text();
  if (text.length > MAX_FEED_BYTES) throw new Error('the rates feed is too large');
  return parseEurofxref(text);
}
