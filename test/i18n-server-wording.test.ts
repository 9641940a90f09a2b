// Texts the server sends in English and the web words in the reader's language by a stable key
// (issue 20, decision 059): the erasure registry's `about` per table, the deletion blockers' codes,
// why people leave, why staff hold a deletion, the kinds of email, and what /privacy/data says of
// each kind of data (why, and what deletion does). Every key has its wording
// in every shipped language, and the English wording is the server's own text, so an English
// reader sees exactly what the server says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import i18next from 'i18next';
import { LANGUAGES } from '../src/lib/languages.ts';
import { BLOCKER_CODES, erasureRegistry, HOLD_REASONS, LEAVING_REASONS } from '../src/modules/deletion/index.ts';
import { NOTIFICATION_KINDS } from '../src/modules/mail/index.ts';
import { COLUMN_WORDS, DELETION_OUTCOMES, describeDataKinds } from '../src/modules/privacy/index.ts';
import { atDeletionWording, whyWording } from '../web/src/features/privacy/wording.ts';

const LOCALES = path.resolve(import.meta.dirname, '../web/src/i18n/locales');

function catalogue(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8'));
}

/** The text at a dotted path, or undefined. */
function at(tree: Record<string, unknown>, ...keys: string[]): string | undefined {
  let node: unknown = tree;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' && node !== '' ? node : undefined;
}

const tables = erasureRegistry.flatMap((p) => (p.about === undefined ? [] : [{ table: p.table, about: p.about }]));

test('the registry, the blocker codes, the reasons and the kinds of email are not empty', () => {
  assert.ok(tables.length > 30, `${tables.length} tables with an about`);
  assert.ok(BLOCKER_CODES.length >= 9);
  assert.ok(LEAVING_REASONS.length >= 6);
  assert.ok(HOLD_REASONS.length >= 3);
  assert.ok(NOTIFICATION_KINDS.length >= 6);
});

for (const language of LANGUAGES) {
  test(`${language}: every table of the erasure registry says what it holds and how long it is kept`, () => {
    const deletion = catalogue(language, 'deletion');
    const missing: string[] = [];
    for (const { table, about } of tables) {
      for (const part of ['data', 'keptFor'] as const) {
        const text = at(deletion, 'registry', table, part);
        if (text === undefined) missing.push(`registry.${table}.${part}`);
        else if (language === 'en' && text !== about[part])
          missing.push(`registry.${table}.${part} differs from the server`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test(`${language}: every deletion blocker code, leaving reason and hold reason is worded`, () => {
    const deletion = catalogue(language, 'deletion');
    const missing: string[] = [];
    for (const code of BLOCKER_CODES)
      for (const part of ['label', 'howToClear'])
        if (at(deletion, 'blockers', code, part) === undefined) missing.push(`blockers.${code}.${part}`);
    for (const { value, label } of [...LEAVING_REASONS, { value: 'none', label: 'No reason given' }]) {
      const text = at(deletion, 'leavingReasons', value);
      if (text === undefined) missing.push(`leavingReasons.${value}`);
      else if (language === 'en' && text !== label) missing.push(`leavingReasons.${value} differs from the server`);
    }
    for (const { value, label } of HOLD_REASONS) {
      if (at(deletion, 'holdReasons', value, 'short') === undefined) missing.push(`holdReasons.${value}.short`);
      const text = at(deletion, 'holdReasons', value, 'long');
      if (text === undefined) missing.push(`holdReasons.${value}.long`);
      else if (language === 'en' && text !== label) missing.push(`holdReasons.${value}.long differs from the server`);
    }
    assert.deepEqual(missing, []);
  });

  test(`${language}: every kind of email has its name and description`, () => {
    const account = catalogue(language, 'account');
    const missing: string[] = [];
    for (const kind of NOTIFICATION_KINDS) {
      for (const part of ['label', 'description'] as const) {
        const text = at(account, 'notifications', 'kinds', kind.kind, part);
        if (text === undefined) missing.push(`notifications.kinds.${kind.kind}.${part}`);
        else if (language === 'en' && text !== kind[part])
          missing.push(`notifications.kinds.${kind.kind}.${part} differs from the server`);
      }
    }
    assert.deepEqual(missing, []);
  });
}

// /privacy/data: why (each table's reason) and what deletion does (an outcome code and the columns
// it names), worded by web/src/features/privacy/wording.ts. Rendered here with each language's
// catalogues: English must be the server's text, byte for byte, and no other language may fall
// back to it.
async function wordingIn(language: string) {
  const instance = i18next.createInstance();
  const resources: Record<string, Record<string, unknown>> = {};
  for (const namespace of ['privacy', 'deletion']) resources[namespace] = catalogue(language, namespace);
  await instance.init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: resources },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const kinds = describeDataKinds(erasureRegistry);
const english = await wordingIn('en');

/** Every outcome the registry gives, and one of every code without columns (`kept` has none today). */
const SERVER_TEXT = 'the server’s text';
const everyOutcome = [
  ...kinds.flatMap((k) => k.atDeletion.map((o) => ({ ...o, text: SERVER_TEXT }))),
  ...DELETION_OUTCOMES.map((outcome) => ({ outcome, columns: [], replaced: [], text: SERVER_TEXT })),
];

test('the registry names columns and outcomes for /privacy/data', () => {
  assert.ok(kinds.length > 20, `${kinds.length} kinds`);
  assert.deepEqual(
    [...new Set(kinds.flatMap((k) => k.atDeletion.map((o) => o.outcome)))].sort(),
    [...DELETION_OUTCOMES].sort(),
    'every outcome code occurs in the registry',
  );
});

for (const language of LANGUAGES) {
  test(`${language}: /privacy/data says why and what deletion does for every kind of data`, async () => {
    const deletion = catalogue(language, 'deletion');
    const privacy = catalogue(language, 'privacy');
    const i18n = await wordingIn(language);
    const missing: string[] = [];
    for (const { table } of tables) {
      const text = at(deletion, 'registry', table, 'reason');
      const reason = erasureRegistry.find((p) => p.table === table)?.reason;
      if (text === undefined) missing.push(`registry.${table}.reason`);
      else if (language === 'en' && text !== reason) missing.push(`registry.${table}.reason differs from the server`);
    }
    const columns = new Set(everyOutcome.flatMap((o) => [...o.columns, ...o.replaced.map((r) => r.column)]));
    for (const column of columns) {
      const text = at(privacy, 'columns', column);
      if (text === undefined) missing.push(`columns.${column}`);
      else if (language === 'en' && text !== COLUMN_WORDS[column] && text !== column.replaceAll('_', ' '))
        missing.push(`columns.${column} differs from the server`);
    }
    assert.deepEqual(missing, []);

    for (const kind of kinds) {
      const why = whyWording(i18n, kind);
      const atDeletion = kind.atDeletion.map((o) => atDeletionWording(i18n, o));
      if (language === 'en') {
        assert.deepEqual(why, kind.why, `${kind.data}: why`);
        assert.deepEqual(
          atDeletion,
          kind.atDeletion.map((o) => o.text),
          `${kind.data}: at deletion`,
        );
      } else {
        // Tables sharing a sentence in English share it in every language, so it is said once.
        assert.equal(why.length, kind.why.length, `${kind.data}: ${language} says as many sentences why`);
        for (const [i, text] of atDeletion.entries()) {
          assert.notEqual(text, kind.atDeletion[i]?.text, `${kind.data}: ${language} words what deletion does`);
          assert.doesNotMatch(text, /\{\{|_/, `${kind.data}: ${text}`);
        }
      }
    }
    for (const outcome of everyOutcome) {
      const text = atDeletionWording(i18n, outcome);
      assert.ok(text !== '' && text !== SERVER_TEXT, `${language}: ${outcome.outcome} is worded`);
      assert.doesNotMatch(text, /\{\{/);
      if (language !== 'en') assert.notEqual(text, atDeletionWording(english, outcome), `${outcome.outcome}`);
    }
  });
}
