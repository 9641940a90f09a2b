// /privacy/data in the reader's language, by stable keys, never by matching English: each kind's
// "why" from its tables' reasons (deletion:registry.<table>.reason) and what deletion does from the
// outcome's code and the columns it names (privacy:columns.<column>). English is the server's own
// text (test/i18n-server-wording.test.ts renders every kind with the English catalogue and
// compares); a table or column this app has no wording for (a newer server) keeps the server's text.
import type { i18n } from 'i18next';
import type { DataKind } from './api.ts';

type I18n = Pick<i18n, 't' | 'exists'>;
type Outcome = Omit<DataKind['atDeletion'][number], 'tables'>;

/** Sentences of a reason, split as the server splits them, any language's capitals included. */
const sentencesOf = (reason: string) => reason.trim().split(/(?<=[.!?])\s+(?=[\p{Lu}“"«])/u);

/** Why Souk keeps a kind: its tables' reasons, each sentence once, as the server says it. */
export function whyWording(i18n: I18n, kind: Pick<DataKind, 'tables' | 'why'>): string[] {
  const keys = kind.tables.map((table) => `deletion:registry.${table}.reason`);
  if (keys.length === 0 || !keys.every((key) => i18n.exists(key))) return kind.why;
  const why: string[] = [];
  for (const key of keys)
    for (const sentence of sentencesOf(i18n.t(key))) if (!why.includes(sentence)) why.push(sentence);
  return why;
}

/** "a", "a and b", "a, b and c", without repeats. */
function listOf(i18n: I18n, items: string[]): string {
  const distinct = [...new Set(items)];
  if (distinct.length <= 1) return distinct[0] ?? '';
  return i18n.t('privacy:list.and', { rest: distinct.slice(0, -1).join(', '), last: distinct.at(-1) });
}

/** What deletion does to one group of tables, in the reader's language; the server's text if unknown. */
export function atDeletionWording(i18n: I18n, outcome: Outcome): string {
  const columnKeys = [...outcome.columns, ...outcome.replaced.map((r) => r.column)].map(
    (column) => `privacy:columns.${column}`,
  );
  if (!columnKeys.every((key) => i18n.exists(key))) return outcome.text;
  const words = (column: string) => i18n.t(`privacy:columns.${column}`);
  switch (outcome.outcome) {
    case 'erased':
      return i18n.t('privacy:atDeletion.erased');
    case 'not_linked':
      return i18n.t('privacy:atDeletion.notLinked');
    case 'kept':
      return outcome.columns.length === 0
        ? i18n.t('privacy:atDeletion.kept')
        : i18n.t('privacy:atDeletion.keptIncluding', { columns: listOf(i18n, outcome.columns.map(words)) });
    case 'anonymised': {
      const removed = [...new Set(outcome.columns.map(words))];
      const parts = [
        ...(removed.length > 0
          ? [i18n.t('privacy:atDeletion.removed', { count: removed.length, columns: listOf(i18n, removed) })]
          : []),
        ...(outcome.replaced.length > 0
          ? [
              listOf(
                i18n,
                outcome.replaced.map((r) =>
                  i18n.t('privacy:atDeletion.replaced', { column: words(r.column), value: r.value }),
                ),
              ),
            ]
          : []),
      ];
      return i18n.t('privacy:atDeletion.anonymised', { parts: parts.join(i18n.t('privacy:atDeletion.partsJoin')) });
    }
    default:
      return outcome.text;
  }
}
