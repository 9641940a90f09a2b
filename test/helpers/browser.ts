// Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
// When it is not installed, browser tests are reported as skipped, never as passed.
import fs from 'node:fs';
import { freePort } from './net.ts';
import { Writable } from 'node:stream';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createTestApp, STRONG_PASSWORD, type TestApp } from './app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserSkipReason = fs.existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM}`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type LiveServer = TestApp & { url: string; log: () => string };

/** A Souk listening on 127.0.0.1 with its whole log captured (to check it holds no personal data). */
export async function startLiveServer(): Promise<LiveServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const testApp = await createTestApp({ PUBLIC_URL: url, LOG_LEVEL: 'info' }, { logStream });
  await testApp.app.listen({ port, host: '127.0.0.1' });
  return { ...testApp, url, log: () => chunks.join('') };
}

/** Fails on any serious or critical axe-core violation on the page as it is now. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `accessibility violations on ${label}`,
  );
  // The web app warns "Missing translation: ns:key" for a key no catalogue has (web/src/i18n).
  const missing = (await page.consoleMessages())
    .map((message) => message.text())
    .filter((text) => text.startsWith('Missing translation:'));
  assert.deepEqual([...new Set(missing)], [], `texts without a translation key on ${label}`);
}

/** Opens the newest mail to `to` whose subject matches, from the built-in mailbox at /dev/mailbox. */
export async function openLatestMail(page: Page, baseUrl: string, to: string, subject: RegExp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await page.goto(`${baseUrl}/dev/mailbox`);
    const link = page.getByRole('row').filter({ hasText: to }).getByRole('link', { name: subject }).first();
    if ((await link.count()) > 0) {
      await link.click();
      return;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no mail to ${to} matching ${subject}`);
}

/** A new browser context signed in through the sign-in page, which then goes on to `next`. */
export async function signInPage(
  browser: Browser,
  base: string,
  email: string,
  next: string,
  password = STRONG_PASSWORD,
): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** A live server and a browser for one test, both closed when it ends. */
export async function startBrowserRun(t: {
  after(fn: () => Promise<void>): void;
}): Promise<{ server: LiveServer; browser: Browser }> {
  const server = await startLiveServer();
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  return { server, browser };
}

/** The two widths every page is checked at: a phone and a desktop. */
export const WIDTHS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
] as const;

export type Width = (typeof WIDTHS)[number];

/**
 * A page in a fresh context at one of WIDTHS (English, Paris time); with `shipTo`, the header's
 * "Ship to" country is set before the first page loads (listings show what ships there).
 */
export async function newPage(
  browser: Browser,
  width: Width,
  options: { shipTo?: string; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    timezoneId: 'Europe/Paris',
    viewport: width.viewport,
    isMobile: width.isMobile,
  });
  if (options.shipTo)
    await context.addInitScript((country) => localStorage.setItem('souk.country', country), options.shipTo);
  return context.newPage();
}
