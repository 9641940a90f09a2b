// Staff keep the exchange rates in Chromium (issue 20, decision 058): /admin/exchange-rates shows
// that none are recorded, refuses a line it cannot read and a bad rate with the field named, records
// a set (then shown in use and in the overview), and flags old rates as stale; axe-clean at phone
// and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { signUpAndSignIn, STRONG_PASSWORD } from '../helpers/app.ts';
import { grantRole } from '../../src/modules/roles/index.ts';

test('staff record exchange rates in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await signUpAndSignIn(app, 'rates@souk.example', undefined, 'Staff', base);
  await grantRole(db, 'rates@souk.example', 'staff');
  const sets = async () =>
    Number(
      (
        await db
          .selectFrom('exchange_rate_sets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  for (const width of WIDTHS) {
    const page = await newPage(browser, width);
    await page.goto(`${base}/sign-in?next=${encodeURIComponent('/admin/exchange-rates')}`);
    await page.getByLabel('Email').fill('rates@souk.example');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Exchange rates', level: 1 }).waitFor();

    if (width.name === 'phone') {
      await page.getByText('No exchange rates yet').waitFor();
      await assertAccessible(page, `exchange rates, none (${width.name})`);
      // A line that is not "CODE rate": named, nothing sent.
      await page.getByLabel('Rates', { exact: true }).fill('USD 1.0834\ndollars');
      await page.getByRole('button', { name: 'Record these rates' }).click();
      await page.getByRole('alert').getByText('dollars').waitFor();
      // A rate the server refuses: the field is named.
      await page.getByLabel('Rates', { exact: true }).fill('USD 0');
      await page.getByRole('button', { name: 'Record these rates' }).click();
      await page
        .getByRole('alert')
        .getByText(/positive decimal/)
        .waitFor();
      assert.equal(await sets(), 0, 'nothing recorded from bad input');
      await assertAccessible(page, `exchange rates, errors (${width.name})`);
      // An old set: recorded, and flagged as stale.
      await page.getByLabel('Rates as of').fill('2026-01-05');
      await page.getByLabel('Rates', { exact: true }).fill('USD 1.0834\nJPY 180\nKWD 0.356');
      await page.getByRole('button', { name: 'Record these rates' }).click();
      await page.getByText('The new rates are in use.').waitFor();
      await page.getByText('These rates are stale:').waitFor();
      await page.getByRole('row', { name: /KWD 0\.356 3/ }).waitFor();
      assert.equal(await sets(), 1);
    } else {
      // Today's rates replace them; the overview says how old the rates in use are.
      await page.getByText('These rates are stale:').waitFor();
      await page.getByLabel('Rates', { exact: true }).fill('USD 1.09\nJPY 181');
      await page.getByRole('button', { name: 'Record these rates' }).click();
      await page.getByText('The new rates are in use.').waitFor();
      await page.getByRole('row', { name: /JPY 181 0/ }).waitFor();
      assert.equal(await page.getByText('These rates are stale:').count(), 0);
      await page.getByRole('table').last().waitFor();
      await assertAccessible(page, `exchange rates, recorded (${width.name})`);
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await page.getByText(/rates of \d{4}-\d{2}-\d{2} \(0 days ago\)/).waitFor();
      assert.equal(await sets(), 2);
    }
    await page.context().close();
  }
});
