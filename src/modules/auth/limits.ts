// Limits per client address for the anonymous account routes (README, "Rate limits"). Many people
// share one address (a household, an office, a campus, a mobile carrier's NAT): past a few attempts
// each further one is slowed a little more, and only a ceiling no shared address reaches refuses.
// The limits per account and per email address stay strict: those protect one person's account.
import type { RateRule } from '../rate-limit/index.ts';

const HOUR = 3600;

export const ADDRESS_LIMITS = {
  /** Sign-ins from one address: 30 in 15 minutes at full speed, then slower; refused past 300. */
  signIn: { max: 300, windowSeconds: 15 * 60, slowAfter: 30 },
  /** Sign-ups from one address: 10 an hour at full speed, then slower; refused past 100. */
  signUp: { max: 100, windowSeconds: HOUR, slowAfter: 10 },
  /** Reset requests from one address: 10 an hour at full speed, then slower; refused past 100. */
  forgot: { max: 100, windowSeconds: HOUR, slowAfter: 10 },
} as const satisfies Record<string, RateRule>;
