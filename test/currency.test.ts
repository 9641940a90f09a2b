// Issue 20, currencies (decision 058): exact conversion between minor units (property tests against
// the definition of rounding, in integers), ISO 4217 minor units, and exchange-rate sets recorded by
// staff, from the operator's rates file and from an eurofxref feed; bad input changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createTestApp, signIn, signUpAndSignIn, Client } from './helpers/app.ts';
import { grantRole } from '../src/modules/roles/index.ts';
import {
  convertMinor,
  formatRate,
  parseEurofxref,
  parseRate,
  refreshRates,
  validateRateSet,
} from '../src/modules/currency/index.ts';
import { CURRENCY_CODES, minorUnitExponent } from '../src/lib/iso4217.ts';
import { formatMoney } from '../src/lib/money.ts';
import { currencyDigits as webDigits } from '../web/src/lib/format.ts';
import { convertMinor as webConvert, parseRate as webParseRate } from '../web/src/lib/convert.ts';

const rateArb = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999_999_999 }))
  .filter(([whole, fraction]) => whole > 0 || fraction > 0)
  .map(([whole, fraction]) => formatRate(BigInt(whole) * 10n ** 12n + BigInt(fraction)));
const codeArb = fc.constantFrom(...CURRENCY_CODES);

test('ISO 4217 minor units: yen 0, dollar 2, dinar 3; funds and unknown codes refused', () => {
  assert.equal(minorUnitExponent('JPY'), 0);
  assert.equal(minorUnitExponent('USD'), 2);
  assert.equal(minorUnitExponent('KWD'), 3);
  assert.equal(minorUnitExponent('ISK'), 0);
  assert.equal(minorUnitExponent('IQD'), 3); // Intl shows it without decimals; ISO counts thousandths
  assert.throws(() => minorUnitExponent('XAU'));
  // The web app's copy of the table agrees on every code; mails count minor units the same way.
  for (const code of CURRENCY_CODES) assert.equal(webDigits(code), minorUnitExponent(code), code);
  assert.equal(formatMoney(1250, 'KWD').replace('\u00a0', ' '), 'KWD 1.250');
  assert.equal(formatMoney(1250, 'IQD').replace('\u00a0', ' '), 'IQD 1.250');
  assert.equal(formatMoney(4500, 'JPY'), '¥4,500');
  assert.equal(formatMoney(4500, 'USD'), '$45.00');
  assert.throws(() => minorUnitExponent('ABC'));
});

test('rates are exact decimals: parse and format round-trip; floats, exponents, zero and 13 places refused', () => {
  fc.assert(fc.property(rateArb, (text) => formatRate(parseRate(text)!) === text));
  for (const bad of ['0', '0.000', '-1', '1e5', '1.0000000000001', 'abc', '', '1.', '.5', '1234567890123'])
    assert.equal(parseRate(bad), null, bad);
  assert.equal(parseRate('1.0834'), 1_083_400_000_000n);
});

test('conversion is never off by a minor unit: it is the nearest integer to the exact rational value (ties away from zero)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      codeArb,
      rateArb,
      codeArb,
      rateArb,
      (amount, fromCode, fromText, toCode, toText) => {
        const from = { currency: fromCode, rate: parseRate(fromText)! };
        const to = { currency: toCode, rate: parseRate(toText)! };
        let result: number;
        try {
          result = convertMinor(amount, from, to);
        } catch (error) {
          // Only an answer beyond a safe integer may be refused.
          assert.ok(error instanceof RangeError);
          return;
        }
        if (fromCode === toCode) return assert.equal(result, amount);
        // The exact value is N / D, in minor units of `to`.
        const shift = minorUnitExponent(toCode) - minorUnitExponent(fromCode);
        const n = BigInt(amount) * to.rate * 10n ** BigInt(Math.max(shift, 0));
        const d = from.rate * 10n ** BigInt(Math.max(-shift, 0));
        const r = BigInt(result);
        const gap = r * d - n; // (result − exact) × D
        const abs = gap < 0n ? -gap : gap;
        assert.ok(
          2n * abs <= d,
          `off by more than half a minor unit: ${amount} ${fromCode}@${fromText} → ${result} ${toCode}@${toText}`,
        );
        // A tie (exactly half) goes away from zero.
        if (2n * abs === d) assert.ok(amount >= 0 ? gap > 0n : gap < 0n, 'a tie rounds away from zero');
      },
    ),
    { numRuns: 5000 },
  );
});

test('the web app converts exactly as the server does (its own copy of the arithmetic)', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), codeArb, rateArb, codeArb, rateArb, (amount, f, fr, t, tr) => {
      assert.equal(webParseRate(fr), parseRate(fr));
      const from = { currency: f, rate: parseRate(fr)! };
      const to = { currency: t, rate: parseRate(tr)! };
      let server: number | null;
      try {
        server = convertMinor(amount, from, to);
      } catch {
        server = null;
      }
      assert.equal(webConvert(amount, from, to), server);
    }),
    { numRuns: 3000 },
  );
  for (const bad of ['0', '1e5', '-1', '1.0000000000001']) assert.equal(webParseRate(bad), null);
});

test('conversion keeps order (a dearer price never converts cheaper) and the same currency is unchanged', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e9 }),
      fc.integer({ min: 0, max: 1e9 }),
      codeArb,
      rateArb,
      codeArb,
      rateArb,
      (a, b, fc1, r1, fc2, r2) => {
        const from = { currency: fc1, rate: parseRate(r1)! };
        const to = { currency: fc2, rate: parseRate(r2)! };
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        try {
          assert.ok(convertMinor(lo, from, to) <= convertMinor(hi, from, to));
        } catch (error) {
          assert.ok(error instanceof RangeError);
        }
      },
    ),
  );
  // Worked examples: 10.00 EUR at 1.0834 USD/EUR is 10.83 USD; 1,000 JPY at 180 JPY/EUR is 5.56 EUR; 1 USD → KWD.
  const eur = { currency: 'EUR', rate: parseRate('1')! };
  assert.equal(convertMinor(1000, eur, { currency: 'USD', rate: parseRate('1.0834')! }), 1083);
  assert.equal(convertMinor(1000, { currency: 'JPY', rate: parseRate('180')! }, eur), 556);
  assert.equal(
    convertMinor(100, { currency: 'USD', rate: parseRate('1.16')! }, { currency: 'KWD', rate: parseRate('0.356')! }),
    307,
  );
  assert.equal(
    convertMinor(5, { currency: 'EUR', rate: parseRate('1')! }, { currency: 'JPY', rate: parseRate('100')! }),
    5,
  );
  assert.equal(convertMinor(-1000, eur, { currency: 'USD', rate: parseRate('1.0835')! }), -1084); // −1083.5 → −1084
});

test('a rate set is checked as a whole: every wrong field is named', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  assert.deepEqual(
    [
      ...validateRateSet({ base: 'EUR', asOf: '2026-12-04', rates: { USD: '1.0834', JPY: '180' } }, now).rates.keys(),
    ].sort(),
    ['EUR', 'JPY', 'USD'],
  );
  const fields = (input: Parameters<typeof validateRateSet>[0]) => {
    try {
      validateRateSet(input, now);
      return [];
    } catch (error) {
      return ((error as { details?: Array<{ field: string }> }).details ?? []).map((d) => d.field);
    }
  };
  assert.deepEqual(fields({ base: 'EUR', asOf: '2026-12-04', rates: { USD: '0', ABC: '1', EUR: '2' } }), [
    'rates.USD',
    'rates.ABC',
    'rates.EUR',
  ]);
  assert.deepEqual(fields({ base: 'EUX', asOf: '2026-02-30', rates: { USD: '1' } }), ['base', 'asOf']);
  assert.deepEqual(fields({ base: 'EUR', asOf: '2026-12-10', rates: { USD: '1' } }), ['asOf']);
  assert.deepEqual(fields({ base: 'EUR', asOf: '2026-12-04', rates: { EUR: '1' } }), ['rates']);
});

const ECB = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <Cube><Cube time='2026-12-04'>
    <Cube currency='USD' rate='1.0834'/><Cube currency='JPY' rate='180.12'/><Cube currency='GBP' rate='0.8652'/>
    <Cube currency='XAU' rate='0.0005'/>
  </Cube></Cube>
</gesmes:Envelope>`;

test('the eurofxref feed is read: its day and its ISO currencies against the euro', () => {
  assert.deepEqual(parseEurofxref(ECB), {
    base: 'EUR',
    asOf: '2026-12-04',
    rates: { USD: '1.0834', JPY: '180.12', GBP: '0.8652' },
  });
  assert.throws(() => parseEurofxref('<html>not a feed</html>'));
});

test('exchange rates over HTTP: public currencies, staff record sets (audited), bad input changes nothing', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'souk-rates-'));
  const file = path.join(dir, 'rates.json');
  const feed = http.createServer((req, res) => {
    if (req.url === '/eurofxref-daily.xml') res.writeHead(200, { 'content-type': 'text/xml' }).end(ECB);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(feed.address() as { port: number }).port}/eurofxref-daily.xml`;
  const { app, close } = await createTestApp({ RATES_FILE: file, RATES_FEED_URL: feedUrl, RUN_JOBS: 'false' });
  t.after(async () => {
    await close();
    feed.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
  const db = app.souk.db;
  await signUpAndSignIn(app, 'rates-staff@souk.example', undefined, 'Staff');
  await grantRole(db, 'rates-staff@souk.example', 'staff');
  const staff = await signIn(app, 'rates-staff@souk.example');
  const shopper = await signUpAndSignIn(app, 'rates-shopper@souk.example');
  const sets = async () =>
    Number(
      (
        await db
          .selectFrom('exchange_rate_sets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  await t.test('before any rates: no currency to convert to', async () => {
    const res = await new Client(app).get('/api/currencies');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { setId: null, base: null, asOf: null, currencies: [] });
    assert.equal((await staff.get('/api/admin/exchange-rates')).json().current, null);
  });

  await t.test('staff only', async () => {
    const body = { base: 'EUR', asOf: '2026-12-01', rates: { USD: '1.08' } };
    assert.equal((await new Client(app).post('/api/admin/exchange-rates', body)).statusCode, 401);
    assert.equal((await shopper.post('/api/admin/exchange-rates', body)).statusCode, 403);
    assert.equal((await shopper.get('/api/admin/exchange-rates')).statusCode, 403);
    assert.equal(await sets(), 0);
  });

  await t.test('bad sets are 400 VALIDATION_FAILED and record nothing', async () => {
    for (const body of [
      { base: 'EUR', asOf: '2026-12-01', rates: { USD: '1e3' } },
      { base: 'EUR', asOf: '2026-12-01', rates: { USD: '-1' } },
      { base: 'EUR', asOf: '2026-12-01', rates: { USD: '0.0000000000001' } },
      { base: 'EUR', asOf: '2026-12-01', rates: { usd: '1.08' } },
      { base: 'EUR', asOf: '2026-12-01', rates: { ABC: '1.08' } },
      { base: 'EUR', asOf: '2026-12-01', rates: {} },
      { base: 'EUR', asOf: '2026-12-01', rates: { EUR: '1' } },
      { base: 'EUR', asOf: '2026-12-01', rates: { EUR: '2', USD: '1' } },
      { base: 'XYZ', asOf: '2026-12-01', rates: { USD: '1.08' } },
      { base: 'EUR', asOf: '2026-02-30', rates: { USD: '1.08' } },
      { base: 'EUR', asOf: '2999-01-01', rates: { USD: '1.08' } },
      { base: 'EUR', asOf: '01/12/2026', rates: { USD: '1.08' } },
      { base: 'EUR', rates: { USD: '1.08' } },
      { base: 'EUR', asOf: '2026-12-01', rates: { USD: 1.08 } },
    ]) {
      const res = await staff.post('/api/admin/exchange-rates', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
    assert.equal(await sets(), 0);
  });

  await t.test(
    'a set recorded by staff is used at once, audited, and listed with its currencies’ minor units',
    async () => {
      const today = new Date().toISOString().slice(0, 10);
      const res = await staff.post('/api/admin/exchange-rates', {
        base: 'EUR',
        asOf: today,
        rates: { USD: '1.0834', JPY: '180', KWD: '0.356' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().recorded, true);
      assert.equal(res.json().current.stale, false);
      assert.deepEqual(
        res
          .json()
          .current.rates.map((r: { currency: string; rate: string; digits: number }) => [r.currency, r.rate, r.digits]),
        [
          ['EUR', '1', 2],
          ['JPY', '180', 0],
          ['KWD', '0.356', 3],
          ['USD', '1.0834', 2],
        ],
      );
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('action', '=', 'exchange_rates.recorded')
        .execute();
      assert.deepEqual(audit, [{ action: 'exchange_rates.recorded', subject: `exchange rates EUR ${today}` }]);
      const pub = (await new Client(app).get('/api/currencies')).json();
      assert.equal(pub.base, 'EUR');
      assert.deepEqual(pub.currencies, [
        { code: 'EUR', digits: 2, rate: '1' },
        { code: 'JPY', digits: 0, rate: '180' },
        { code: 'KWD', digits: 3, rate: '0.356' },
        { code: 'USD', digits: 2, rate: '1.0834' },
      ]);
      assert.equal(pub.setId, res.json().current.id);
      // The same set again records nothing.
      const again = await staff.post('/api/admin/exchange-rates', {
        base: 'EUR',
        asOf: today,
        rates: { USD: '1.08340', JPY: '180.0', KWD: '0.356' },
      });
      assert.equal(again.json().recorded, false);
      assert.equal(await sets(), 1);
    },
  );

  await t.test('old rates are flagged to staff as stale', async () => {
    const res = await staff.post('/api/admin/exchange-rates', {
      base: 'USD',
      asOf: '2026-01-02',
      rates: { EUR: '0.92' },
    });
    assert.equal(res.json().current.stale, true);
    assert.ok(res.json().current.ageDays > 4);
    const view = (await staff.get('/api/admin/exchange-rates')).json();
    assert.equal(view.current.base, 'USD');
    assert.equal(view.history.length, 2);
    assert.equal(view.fileConfigured, true);
    assert.equal(view.feedConfigured, true);
  });

  await t.test(
    'the rates file and the feed are read; the same content twice records nothing; a broken file records nothing',
    async () => {
      await fs.writeFile(
        file,
        JSON.stringify({ base: 'EUR', asOf: '2026-12-03', rates: { USD: '1.0801', MAD: '10.71' } }),
      );
      // The file is read first, then the feed: both are recorded, the feed's set is in use.
      assert.deepEqual(await refreshRates(app.souk), { file: 'recorded', feed: 'recorded' });
      const view = (await staff.get('/api/admin/exchange-rates')).json();
      assert.equal(view.current.source, 'feed');
      assert.equal(view.current.asOf, '2026-12-04');
      assert.deepEqual(
        await refreshRates(app.souk),
        { file: 'recorded', feed: 'recorded' },
        'they alternate: each differs from the other',
      );
      const before = await sets();
      await fs.writeFile(file, '{"base": "EUR", "asOf": "2026-12-03", "rates": {"USD": "one"}}');
      assert.deepEqual(await refreshRates(app.souk), { file: 'failed', feed: 'unchanged' });
      await fs.writeFile(file, 'not json');
      assert.deepEqual(await refreshRates(app.souk), { file: 'failed', feed: 'unchanged' });
      assert.equal(await sets(), before, 'a broken file records nothing, and the feed’s day is already in use');
      assert.equal((await staff.get('/api/admin/exchange-rates')).json().current.source, 'feed');
    },
  );
});

test('a signed-in shopper’s display currency is saved for the account, exported, and refused when not ISO 4217', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const shopper = await signUpAndSignIn(app, 'prefers-eur@souk.example');
  assert.deepEqual((await shopper.get('/api/account/preferences')).json(), { displayCurrency: null, language: null });
  assert.equal((await new Client(app).get('/api/account/preferences')).statusCode, 401);
  for (const displayCurrency of ['ABC', 'eur', 'EURO', 12, '']) {
    const res = await shopper.put('/api/account/preferences', { displayCurrency });
    assert.equal(res.statusCode, 400, `${displayCurrency}: ${res.body}`);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
  }
  assert.deepEqual((await shopper.get('/api/account/preferences')).json(), { displayCurrency: null, language: null });
  const saved = await shopper.put('/api/account/preferences', { displayCurrency: 'JPY' });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json(), { displayCurrency: 'JPY', language: null });
  assert.deepEqual((await shopper.get('/api/account/preferences')).json(), { displayCurrency: 'JPY', language: null });
  const exported = (await shopper.get('/api/account/export')).json();
  assert.equal(exported.preferences.display_currency, 'JPY');
  assert.deepEqual((await shopper.put('/api/account/preferences', { displayCurrency: null })).json(), {
    displayCurrency: null,
    language: null,
  });
});
