// Settings → Sessions in Chromium with a native app signed in by bearer token (decision 047): the app
// is listed as "App" with the agent it sent, can be ended from the browser, and its token then stops
// working. Checked with axe at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';

const EMAIL = 'samir.mobile@example.com';
const APP_AGENT = 'SoukApp/2.3 (Android 15; Pixel 9)';

test('app sessions under Settings → Sessions', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  await signUpAndSignIn(server.app, EMAIL, STRONG_PASSWORD, 'Samir Mobile', server.url);

  // The app signs in as a native client would: no cookie, no Origin.
  const signIn = await fetch(`${server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': APP_AGENT },
    body: JSON.stringify({ email: EMAIL, password: STRONG_PASSWORD }),
  });
  assert.equal(signIn.status, 201);
  const { token } = (await signIn.json()) as { token: string };
  const asApp = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await asApp()).status, 200);

  const page = await signInPage(browser, server.url, EMAIL, '/account/settings/sessions');
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  const appLabel = `App (${APP_AGENT})`;
  const list = page.getByRole('list', { name: 'Signed-in sessions' });
  await list.getByRole('heading', { name: appLabel }).waitFor();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await assertAccessible(page, `sessions with an app (${width}px)`);
  }

  // Keyboard: focus the app's "End session" button and press Enter.
  const end = page.getByRole('button', { name: `End session on ${appLabel}` });
  await end.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText(`Session on ${appLabel} ended.`).waitFor();
  assert.equal(await list.getByRole('heading', { name: appLabel }).count(), 0);
  await assertAccessible(page, 'sessions after ending the app');

  const after = await asApp();
  assert.equal(after.status, 401);
  assert.equal(((await after.json()) as { error: { code: string } }).error.code, 'TOKEN_REJECTED');
  // The browser's own session goes on.
  await page.reload();
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  assert.equal(server.log().includes(token), false, 'the token is never logged');
});
