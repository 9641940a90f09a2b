import type { ErasurePolicy } from '../../db/erasure.ts';

export const rateLimitErasure: ErasurePolicy[] = [
  {
    table: 'rate_limits',
    action: 'delete',
    match: [{ custom: 'keys ending in the keyed hash of the email (keyPart(email)) or naming user:<id>' }],
    reason: 'Counters keyed by the address or the account are removed with it.',
  },
];
