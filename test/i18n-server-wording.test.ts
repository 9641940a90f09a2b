// Texts the server sends in English and the web words in the reader's language by a stable key
// (issue 20, decision 059): the erasure registry's `about` per table, the deletion blockers' codes,
// why people leave, why staff hold a deletion, and the kinds of email. Every key has its wording
// in every shipped language, and the English wording is the server's own text, so an English
// reader sees exactly what the server says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LANGUAGES } from '../src/lib/languages.ts';
import { BLOCKER_CODES, erasureRegistry, HOLD_REASONS, LEAVING_REASONS } from '../src/modules/deletion/index.ts';
import { NOTIFICATION_KINDS } from '../src/modules/mail/index.ts';

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
