// What a server log must not hold: logs are redacted at the logger (src/logger.ts), so erasure
// need not chase them (docs/privacy.md). Browser tests gather every personal value and secret
// their run used and check the server's whole log for them.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';

/** The secrets in a run's cookies: each whole (decoded) value and the token before its signature. */
export function cookieSecrets(cookies: Iterable<{ value: string }>): string[] {
  return [...cookies]
    .flatMap(({ value }) => {
      const decoded = decodeURIComponent(value);
      return [decoded, decoded.split('.')[0]!];
    })
    .filter((value) => value.length >= 16);
}

/** Every token in a link of a mail in the dev mailbox now (verification, reset, "This wasn't me", email change). */
export async function mailedTokens(app: FastifyInstance): Promise<string[]> {
  const mails = await app.souk.db.selectFrom('dev_mailbox').select(['text']).execute();
  return mails.flatMap((m) =>
    [...m.text.matchAll(/[?&]token=([^\s&"<>]+)/g)].map((match) => decodeURIComponent(match[1]!)),
  );
}

/**
 * Fails naming every value, by kind, that the log contains (case-insensitive, as typed or
 * URL-encoded); also when the log is too short to have recorded the run, or a kind has no values.
 */
export function assertLogHoldsNone(log: string, personal: Record<string, Iterable<string>>, minLines = 50): void {
  const lines = log.split('\n').filter(Boolean).length;
  assert.ok(lines >= minLines, `the server logged the run (${lines} lines)`);
  const haystack = log.toLowerCase();
  const leaks: string[] = [];
  for (const [kind, values] of Object.entries(personal)) {
    const distinct = new Set(values);
    assert.ok(distinct.size > 0, `no ${kind} to look for: the check would prove nothing`);
    for (const value of distinct) {
      assert.ok(value.length >= 4, `${kind} "${value}" is too short to look for in a log`);
      if ([value, encodeURIComponent(value)].some((form) => haystack.includes(form.toLowerCase())))
        leaks.push(`${kind}: ${value}`);
    }
  }
  assert.deepEqual(leaks, [], 'the server log holds personal data or secrets');
}
