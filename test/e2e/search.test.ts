// Search that understands, in Chromium: a corrected search says what it shows and offers the words
// as typed; following that link searches them exactly, and an empty result offers what to do next;
// the header's search box suggests while typing. Axe at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, startBrowserRun } from '../helpers/browser.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';

test('a corrected search offers the words as typed', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  await db
    .insertInto('categories')
    .values([{ slug: 'home-kitchen', name: 'Home & Kitchen' }])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const store = await createFixtureStore(db, 'Frames and Phones', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  await createFixtureProduct(db, store, { title: 'Walnut Photo Frame', price: 2500 });
  await createFixtureProduct(db, store, { title: 'Android Phone', price: 19900 });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    const context = await browser.newContext({ locale: 'en-US', viewport });
    // The fixture store ships to France: search shows what ships to the header's country.
    await context.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Search products').fill('walnut phto');
    await page.getByLabel('Search products').press('Enter');
    const status = page.getByRole('status').filter({ hasText: 'Showing results for' });
    await status.waitFor();
    assert.match(
      (await status.locator('.corrected-query').textContent()) ?? '',
      /^Showing results for walnut photo · Search instead for walnut phto$/,
    );
    await page.getByRole('link', { name: 'Walnut Photo Frame' }).first().waitFor();
    await assertAccessible(page, `corrected search at ${viewport.width}px`);

    // The words as typed, by keyboard: nothing matches them, and nothing is corrected.
    await page.getByRole('link', { name: 'Search instead for walnut phto' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/exact=true/);
    await page.getByText('No products match your search.').waitFor();
    // An empty result offers another spelling, the categories and the best sellers.
    await page.getByText('Did you mean walnut photo?').waitFor();
    await page
      .getByRole('navigation', { name: 'Browse a category' })
      .getByRole('link', { name: 'Home & Kitchen' })
      .waitFor();
    await page
      .getByRole('region', { name: 'Popular right now' })
      .getByRole('link', { name: 'Android Phone' })
      .waitFor();
    assert.equal(await page.getByText('Showing results for').count(), 0);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'walnut phto');
    await assertAccessible(page, `exact search at ${viewport.width}px`);

    // "phone" is a word of the catalog: it finds the phone and is never read as "photo".
    await page.goto(`${server.url}/search?q=phone`);
    await page.getByRole('link', { name: 'Android Phone' }).first().waitFor();
    assert.equal(await page.getByText('Showing results for').count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Walnut Photo Frame' }).count(), 0);

    // Suggestions while typing, by keyboard: a combobox whose listbox the arrows walk.
    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.fill('');
    await box.pressSequentially('pho', { delay: 30 });
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    await list.waitFor();
    assert.deepEqual(await list.getByRole('option').allTextContents(), ['phone', 'photo']);
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await assertAccessible(page, `suggestions at ${viewport.width}px`);
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    assert.equal(await list.getByRole('option', { name: 'photo' }).getAttribute('aria-selected'), 'true');
    assert.equal(
      await box.getAttribute('aria-activedescendant'),
      await list.getByRole('option', { name: 'photo' }).getAttribute('id'),
    );
    await box.press('Escape');
    await list.waitFor({ state: 'hidden' });
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.inputValue(), 'pho', 'Escape closes the list and keeps the words');
    await box.press('ArrowDown');
    await list.waitFor();
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=phone$/);
    await page.getByRole('link', { name: 'Android Phone' }).first().waitFor();
    // A category suggestion opens the category.
    await box.fill('');
    await box.pressSequentially('kitch', { delay: 30 });
    await list.getByRole('option', { name: /Home & Kitchen/ }).click();
    await page.waitForURL(/\/c\/home-kitchen$/);
    await context.close();
  }
});
