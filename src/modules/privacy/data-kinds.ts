// What the public page /privacy/data says, derived from the erasure registry so it cannot drift
// from what the erasure does: each kind of data (the policies' `about.data`), the tables it covers,
// how long it is kept, why (the policies' reasons) and what deletion does to it (their actions).
import type { ErasurePolicy, Replacement } from '../../erasure/policy.ts';

export const DELETION_OUTCOMES = ['erased', 'anonymised', 'kept', 'not_linked'] as const;
export type DeletionOutcome = (typeof DELETION_OUTCOMES)[number];

export type DataKind = {
  data: string;
  keptFor: string;
  tables: string[];
  /** The distinct sentences of the policies' reasons, in registry order. */
  why: string[];
  /** What deletion does, once per distinct outcome, with the tables it applies to. */
  atDeletion: Array<{ tables: string[] } & Outcome>;
};

/**
 * What deletion does to a table: a stable `outcome` with the columns it names (`columns`: removed
 * when anonymised, kept when retained; `replaced`: anonymised columns and the value they get), so
 * that the web app can word it in the reader's language; `text` is the English wording.
 */
export type Outcome = {
  outcome: DeletionOutcome;
  columns: string[];
  replaced: Array<{ column: string; value: string }>;
  text: string;
};

/**
 * Columns that deletion removes, replaces or keeps, in the words of the people who use the shop.
 * A column missing here is shown by its name with spaces (test/privacy.test.ts fails on that).
 */
export const COLUMN_WORDS: Record<string, string> = {
  user_id: 'the link to your account',
  buyer_user_id: 'the link to your account',
  owner_user_id: 'the link to your account',
  sender_user_id: 'the link to your account',
  author_user_id: 'the link to your account',
  actor_user_id: 'the link to your account',
  resolved_by: 'the link to your account',
  ship_full_name: 'name',
  ship_line1: 'street',
  ship_line2: 'street',
  ship_city: 'city',
  ship_region: 'region',
  ship_postal_code: 'postal code',
  ship_phone: 'phone number',
  body: 'the text',
  buyer_notified_at: 'when you were last told of new messages',
  name: 'name',
  title: 'title',
  description: 'the description',
  status: 'status',
  cancel_token_hash: 'the “This wasn’t me” link',
  card_brand: 'card brand',
  card_last4: 'last four digits of the card',
};

const wordsFor = (column: string) => COLUMN_WORDS[column] ?? column.replaceAll('_', ' ');

/** "a", "a and b", "a, b and c", without repeats. */
function listOf(items: string[]): string {
  const distinct = [...new Set(items)];
  return distinct.length <= 1 ? (distinct[0] ?? '') : `${distinct.slice(0, -1).join(', ')} and ${distinct.at(-1)}`;
}

function describeAnonymise(set: Record<string, Replacement>): string {
  const entries = Object.entries(set);
  // `now` columns record when the anonymisation happened; they replace nothing of the person.
  const removed = entries.filter(([, r]) => r === null || ('value' in r && r.value === '')).map(([c]) => wordsFor(c));
  const replaced = entries.flatMap(([c, r]) =>
    r !== null && 'value' in r && r.value !== '' ? [`the ${wordsFor(c)} becomes “${String(r.value)}”`] : [],
  );
  const distinctRemoved = [...new Set(removed)];
  const parts = [
    ...(distinctRemoved.length > 0
      ? [`${listOf(distinctRemoved)} ${distinctRemoved.length === 1 ? 'is' : 'are'} removed`]
      : []),
    ...(replaced.length > 0 ? [listOf(replaced)] : []),
  ];
  return `Kept without the personal parts: ${parts.join(', and ')}.`;
}

/** Anonymised columns emptied (removed) and given a value (replaced), as describeAnonymise words them. */
function anonymisedColumns(set: Record<string, Replacement>): Pick<Outcome, 'columns' | 'replaced'> {
  const entries = Object.entries(set);
  return {
    columns: entries.filter(([, r]) => r === null || ('value' in r && r.value === '')).map(([c]) => c),
    replaced: entries.flatMap(([column, r]) =>
      r !== null && 'value' in r && r.value !== '' ? [{ column, value: String(r.value) }] : [],
    ),
  };
}

function atDeletion(policy: ErasurePolicy): Outcome {
  switch (policy.action) {
    case 'delete':
      return { outcome: 'erased', columns: [], replaced: [], text: 'Erased.' };
    case 'anonymise':
      return { outcome: 'anonymised', ...anonymisedColumns(policy.set), text: describeAnonymise(policy.set) };
    case 'retain':
      return {
        outcome: 'kept',
        columns: policy.columns,
        replaced: [],
        text: `Kept as it is${policy.columns.length > 0 ? `, ${listOf(policy.columns.map(wordsFor))} included` : ''}, for the reason given.`,
      };
    case 'not_personal':
      return {
        outcome: 'not_linked',
        columns: [],
        replaced: [],
        text: 'Kept as it is: nothing in it links it to you.',
      };
  }
}

/** Sentences of a reason, so that reasons sharing a sentence (all the post tables) say it once. */
const sentencesOf = (reason: string) => reason.trim().split(/(?<=[.!?])\s+(?=[A-Z“"])/);

/**
 * The kinds of data the registry declares (`about`), in registry order; tables of one kind are
 * listed together wherever they sit in the registry. Policies without `about` are left out.
 */
export function describeDataKinds(registry: readonly ErasurePolicy[]): DataKind[] {
  const kinds = new Map<string, DataKind>();
  for (const policy of registry) {
    if (!policy.about) continue;
    const { data, keptFor } = policy.about;
    let kind = kinds.get(data);
    if (!kind) {
      kind = { data, keptFor, tables: [], why: [], atDeletion: [] };
      kinds.set(data, kind);
    }
    kind.tables.push(policy.table);
    for (const sentence of sentencesOf(policy.reason)) if (!kind.why.includes(sentence)) kind.why.push(sentence);
    const outcome = atDeletion(policy);
    const same = kind.atDeletion.find((o) => o.text === outcome.text);
    if (same) same.tables.push(policy.table);
    else kind.atDeletion.push({ tables: [policy.table], ...outcome });
  }
  return [...kinds.values()];
}
