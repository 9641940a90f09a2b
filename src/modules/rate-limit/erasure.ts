import { sql } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';

export const rateLimitErasure: ErasurePolicy[] = [
  {
    table: 'rate_limits',
    action: 'delete',
    about: {
      data: 'Counts of recent attempts to sign in, reset a password and the like, to stop abuse',
      keptFor: 'From 10 minutes to a day, depending on the attempt',
    },
    match: [
      {
        custom: 'keys ending in the keyed hash of the email (keyPart(email)) or naming user:<id>',
        owns: ({ userId, email }, ctx) =>
          sql<boolean>`(key like ${`%:${ctx.rateLimiter.keyPart(email)}`} or key like ${`%:user:${userId}`})`,
        erase: async ({ trx, subject, ctx }) => {
          const hashed = ctx.rateLimiter.keyPart(subject.email);
          const result = await trx
            .deleteFrom('rate_limits')
            .where((eb) => eb.or([eb('key', 'like', `%:${hashed}`), eb('key', 'like', `%:user:${subject.userId}`)]))
            .executeTakeFirst();
          return Number(result.numDeletedRows);
        },
      },
    ],
    reason: 'Counters keyed by the address or the account are removed with it.',
  },
];
