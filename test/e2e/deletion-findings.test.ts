// Management resolves, in Chromium, what an erasure's verification found and could not settle
// itself: another seller's product description quotes the person's exact email address. The
// request is parked in "Needs attention" with the finding (its excerpt masked); a blank reason for
// "Not this person's data" is refused and changes nothing; "Erase this value" then processing
// completes it with a certificate, which also counts the quote of the address in a shopper's
// question (redacted automatically). A second person's finding is marked as not theirs with a
// reason, which their certificate keeps. Neither email address is ever on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { signUpAndSignIn, type Client } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';

const FIRST = 'karim.elfassi@example.com';
const SECOND = 'yasmine.tazi@example.com';
const EMAILS = [FIRST, SECOND];
const DISMISS_REASON = 'The seller checked: this is their own shop address, not the customer who left.';

type Finding = { table: string; column: string; status: string; excerpt: string; reason: string | null };
type AdminRequest = { id: string; reference: string; status: string; findings: Finding[] };

/** Neither person's email address is anywhere in the page, shown or not. */
async function assertNoEmail(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const html = await page.content();
  for (const email of EMAILS) {
    assert.ok(!text.toLowerCase().includes(email), `${where}: the page shows ${email}`);
    assert.ok(!html.toLowerCase().includes(email), `${where}: the page holds ${email}`);
  }
}

test('staff resolve what an erasure found, in the browser', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const base = server.url;
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Tangier Textiles', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  await signUpAndSignIn(server.app, 'tangier@example.com', undefined, 'Tangier Seller', base);
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'tangier@example.com').executeTakeFirstOrThrow()
  ).id;
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();

  // A shopper whose question quotes the first person's address: other people's words are redacted
  // automatically and counted on the certificate, not left to staff.
  const bystander = await signUpAndSignIn(server.app, 'omar.bystander@example.com', undefined, 'Omar', base);
  const staff = await signUpAndSignIn(server.app, 'manager@souk.example', undefined, 'Meryem Chraibi', base);
  await grantRole(db, 'manager@souk.example', 'staff');
  const admin = await signInPage(browser, base, 'manager@souk.example', '/admin/deletions');
  await admin.getByRole('heading', { name: 'Deletion requests', level: 1 }).waitFor();

  // Someone whose address another seller quoted in a listing, then asked to be deleted.
  async function personQuotedInListing(
    email: string,
    name: string,
    title: string,
    question?: string,
  ): Promise<{ reference: string; productId: string }> {
    const person = await signUpAndSignIn(server.app, email, undefined, name, base);
    const productId = await createFixtureProduct(db, store, {
      title,
      price: 3500,
      description: `Custom sizes on request, ask ${email} who ordered one last spring.`,
    });
    if (question !== undefined)
      assert.equal((await bystander.post(`/api/products/${productId}/questions`, { body: question })).statusCode, 201);
    const requested = await person.post('/api/account/deletion', { confirmEmail: email });
    assert.equal(requested.statusCode, 202, requested.body);
    return { reference: requested.json().reference as string, productId };
  }
  const requestOf = async (client: Client, reference: string): Promise<AdminRequest> => {
    const res = await client.get('/api/admin/deletions?status=all');
    assert.equal(res.statusCode, 200, res.body);
    const found = (res.json().items as AdminRequest[]).find((r) => r.reference === reference);
    assert.ok(found, `${reference} is in the queue`);
    return found;
  };
  const description = async (productId: string) =>
    (await db.selectFrom('products').select('description').where('id', '=', productId).executeTakeFirstOrThrow())
      .description;

  // Processing parks the request: the card says so, and lists the finding with a masked excerpt.
  async function processUntilParked(email: string, reference: string, productId: string) {
    await admin.goto(`${base}/admin/deletions`);
    const card = admin.getByRole('listitem', { name: reference });
    await card.waitFor();
    await card.getByRole('button', { name: 'Process now' }).click();
    await card.getByRole('button', { name: 'Erase now' }).click();
    await card.getByText('Still needs attention: 1 open finding.').waitFor();
    await card.locator('.badge', { hasText: 'Needs attention' }).waitFor();
    const finding = card.getByRole('listitem', { name: 'products · description' });
    await finding.waitFor();
    const text = await finding.innerText();
    assert.match(text, /Table\s+products/);
    assert.match(text, /Column\s+description/);
    assert.match(text, /Found\s+Their email address/);
    assert.match(text, /Status\s+Open/);
    assert.ok(text.includes(productId), 'the finding names the row');
    assert.equal(
      await finding.getByRole('link', { name: productId }).getAttribute('href'),
      `/p/${productId}`,
      'and links to it',
    );
    const excerpt = (await finding.locator('.finding-excerpt').innerText()).trim();
    assert.notEqual(excerpt, '');
    assert.ok(!excerpt.toLowerCase().includes(email), 'the excerpt masks the address');
    assert.match(excerpt, /who ordered/, 'the excerpt shows the text around it');
    await assertNoEmail(admin, 'the parked request');
    return { card, finding };
  }

  // The first person: a blank reason is refused; erasing the value lets the erasure complete.
  const first = await personQuotedInListing(
    FIRST,
    'Karim',
    'Linen Tablecloth',
    `Did ${FIRST} get the large one in time?`,
  );
  const { card, finding } = await processUntilParked(FIRST, first.reference, first.productId);
  await assertAccessible(admin, 'a parked request with its finding');

  await finding.getByRole('button', { name: "Not this person's data" }).click();
  const reason = finding.getByLabel("Why is this not the person's data?");
  assert.equal(await reason.evaluate((el) => el === document.activeElement), true, 'the reason field takes focus');
  assert.equal(await reason.getAttribute('maxlength'), '500');
  await reason.fill('   ');
  await finding.getByRole('button', { name: 'Mark as not their data' }).click();
  await finding.locator('.field-error', { hasText: "Write why this is not the person's data." }).waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  await assertAccessible(admin, 'a refused reason');
  const unchanged = await requestOf(staff, first.reference);
  assert.equal(unchanged.status, 'needs_attention');
  assert.deepEqual(
    unchanged.findings.map((f) => [f.table, f.column, f.status]),
    [['products', 'description', 'open']],
    'nothing changed',
  );
  assert.ok((await description(first.productId)).includes(FIRST), 'the value is still there');
  await finding.getByRole('button', { name: 'Cancel' }).click();

  await finding.getByRole('button', { name: 'Erase this value' }).click();
  await finding.getByText('Erase this value from products.description? This cannot be undone.').waitFor();
  await finding.getByRole('button', { name: 'Erase value' }).click();
  await card.getByRole('status').getByText('Value erased. Process the request again to finish.').waitFor();
  await finding.locator('.finding-status', { hasText: 'Erased' }).waitFor();
  assert.ok(!(await description(first.productId)).includes(FIRST), 'the quoted address is gone from the listing');
  await assertNoEmail(admin, 'after erasing the value');

  await card.getByRole('button', { name: 'Process now' }).click();
  await card.getByRole('button', { name: 'Erase now' }).click();
  await admin.getByRole('status').getByText('Erasure completed; certificate issued.').first().waitFor();
  await admin.getByRole('listitem', { name: first.reference }).waitFor({ state: 'detached' });
  assert.equal((await requestOf(staff, first.reference)).status, 'completed');
  await admin.getByRole('link', { name: 'Completed', exact: true }).click();
  const completed = admin.getByRole('listitem', { name: first.reference });
  await completed.locator('.badge', { hasText: 'Completed' }).waitFor();
  await completed.getByText('Erasure certificate').click();
  await completed.getByText(/Verification scan:/).waitFor();
  const certificate = await completed.locator('details').innerText();
  assert.match(certificate, /users: 1 recorded row, 1 gone, 0 anonymised/);
  assert.match(certificate, /questions · body: 1 quote of their email or phone removed from other people's words/);
  await assertAccessible(admin, 'the completed request with its certificate');
  await assertNoEmail(admin, 'the first certificate');

  // The second person: the finding is marked as not theirs, with a reason the certificate keeps.
  const second = await personQuotedInListing(SECOND, 'Yasmine', 'Wool Throw');
  const parked = await processUntilParked(SECOND, second.reference, second.productId);
  await parked.finding.getByRole('button', { name: "Not this person's data" }).click();
  await parked.finding.getByLabel("Why is this not the person's data?").fill(DISMISS_REASON);
  await parked.finding.getByRole('button', { name: 'Mark as not their data' }).click();
  await parked.card.getByRole('status').getByText("Marked as not this person's data.").waitFor();
  await parked.finding.getByText(`Dismissed: ${DISMISS_REASON}`).waitFor();
  assert.ok((await description(second.productId)).includes(SECOND), 'a dismissed value is left where it is');
  const dismissed = await requestOf(staff, second.reference);
  assert.deepEqual(
    dismissed.findings.map((f) => [f.status, f.reason]),
    [['dismissed', DISMISS_REASON]],
  );

  await parked.card.getByRole('button', { name: 'Process now' }).click();
  await parked.card.getByRole('button', { name: 'Erase now' }).click();
  await admin.getByRole('status').getByText('Erasure completed; certificate issued.').first().waitFor();
  await admin.getByRole('listitem', { name: second.reference }).waitFor({ state: 'detached' });
  await admin.getByRole('link', { name: 'Completed', exact: true }).click();
  const certified = admin.getByRole('listitem', { name: second.reference });
  await certified.getByText('Erasure certificate').click();
  await certified.getByText(`Not this person's data: ${DISMISS_REASON}`).waitFor();
  assert.match(
    await certified.locator('details').innerText(),
    /products · description \(email\): Not this person's data/,
  );
  await assertAccessible(admin, 'a certificate with a dismissed finding');
  await assertNoEmail(admin, 'the second certificate');
});
