// The public page /privacy/data: per kind of data, what Souk keeps, why, for how long and what
// happens at deletion. Computed once from the erasure registry, which is static; no account needed
// and nothing personal in it.
import { erasureRegistry } from '../deletion/index.ts';
import { errorResponses, obj, type RouteApp } from '../../schemas.ts';
import { DELETION_OUTCOMES, describeDataKinds } from './data-kinds.ts';

const Strings = { type: 'array', items: { type: 'string' } } as const;

const DataKindsSchema = obj({
  kinds: {
    type: 'array',
    items: obj({
      data: { type: 'string', description: 'The kind of data, in plain words.' },
      keptFor: { type: 'string', description: 'How long Souk keeps it while the account exists.' },
      tables: Strings,
      why: { ...Strings, description: 'Why: the sentences of the erasure policies’ reasons, each once.' },
      atDeletion: {
        type: 'array',
        items: obj({
          tables: Strings,
          outcome: { type: 'string', enum: DELETION_OUTCOMES, description: 'What deletion does, as a stable code.' },
          columns: {
            ...Strings,
            description: 'The columns the outcome names: removed when anonymised, kept when kept.',
          },
          replaced: {
            type: 'array',
            description: 'Anonymised columns given a value instead of emptied, with that value.',
            items: obj({ column: { type: 'string' }, value: { type: 'string' } }),
          },
          text: { type: 'string', description: 'What deletion does, in English.' },
        }),
      },
    }),
  },
});

export async function privacyRoutes(app: RouteApp): Promise<void> {
  const page = { kinds: describeDataKinds(erasureRegistry) };

  app.get(
    '/api/privacy/data',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'What Souk keeps, per kind of data: why, for how long, and what happens when an account is deleted. Public.',
        response: { 200: DataKindsSchema, ...errorResponses },
      },
    },
    async () => page,
  );
}
