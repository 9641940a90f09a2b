// Translations are complete (issue 20, decision 059): every shipped language has every key of the
// English catalogues, with the plural forms its own rules need and the same placeholders; every key
// the web app's source asks for exists; every error code has its wording; the web's and the
// server's lists of languages agree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ERRORS } from '../src/errors.ts';
import { LANGUAGES as SERVER_LANGUAGES } from '../src/lib/languages.ts';
import { LANGUAGES as WEB_LANGUAGES, languageOf, localeOf } from '../web/src/i18n/languages.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Every catalogue folder: <dir>/<language>/<namespace>.json. */
const CATALOGUE_DIRS = ['web/src/i18n/locales', 'src/i18n/locales'].filter((dir) =>
  fs.existsSync(path.join(ROOT, dir)),
);
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, into: Flat, file: string): Flat {
  if (typeof value === 'string') {
    into.set(prefix, value);
    return into;
  }
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${file}: ${prefix} is not text`);
  for (const [key, child] of Object.entries(value))
    flatten(child, prefix === '' ? key : `${prefix}.${key}`, into, file);
  return into;
}

function read(dir: string, language: string, namespace: string): Flat {
  const file = path.join(ROOT, dir, language, `${namespace}.json`);
  return flatten(JSON.parse(fs.readFileSync(file, 'utf8')), '', new Map(), file);
}

/** A key's base and its plural category, when it is one form of a plural ("items_one"). */
function splitPlural(key: string, all: Flat): [string, string | null] {
  const match = PLURAL_SUFFIX.exec(key);
  if (match === null) return [key, null];
  const base = key.slice(0, -match[0].length);
  return all.has(`${base}_other`) ? [base, match[1]!] : [key, null];
}

/** {{name}} and {{count, number}} placeholders, and <0>/<strong> tags, of one text. */
function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<\/?([A-Za-z0-9]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

function namespacesOf(dir: string, language: string): string[] {
  const folder = path.join(ROOT, dir, language);
  return fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
}

test('the web app and the server ship the same languages, English first', () => {
  assert.deepEqual([...WEB_LANGUAGES], [...SERVER_LANGUAGES]);
  assert.equal(WEB_LANGUAGES[0], 'en');
  assert.ok(WEB_LANGUAGES.length >= 2);
  assert.equal(languageOf(['de-DE', 'fr-CA', 'en']), 'fr');
  assert.equal(languageOf(['de-DE']), 'en');
  assert.equal(localeOf('en', ['fr-FR', 'en-GB']), 'en-GB');
  assert.equal(localeOf('fr', ['en-US']), 'fr');
});

for (const dir of CATALOGUE_DIRS) {
  for (const language of SERVER_LANGUAGES.filter((l) => l !== 'en')) {
    test(`${dir}: ${language} has every English key, its own plural forms and the same placeholders`, () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const englishCategories = new Intl.PluralRules('en').resolvedOptions().pluralCategories;
      assert.deepEqual(namespacesOf(dir, language), namespacesOf(dir, 'en'), 'the same namespaces');
      const problems: string[] = [];
      for (const namespace of namespacesOf(dir, 'en')) {
        const english = read(dir, 'en', namespace);
        const other = read(dir, language, namespace);
        const englishBases = new Map<string, string>(); // base → a text, for placeholders
        const englishPlurals = new Set<string>();
        for (const [key, text] of english) {
          const [base, category] = splitPlural(key, english);
          if (category !== null) {
            englishPlurals.add(base);
            if (!englishCategories.includes(category as Intl.LDMLPluralRule))
              problems.push(`en/${namespace}: ${key} is not an English plural form`);
          }
          if (text.trim() === '' && text === '') problems.push(`en/${namespace}: ${key} is empty`);
          englishBases.set(base, text);
        }
        for (const base of englishPlurals)
          for (const category of englishCategories.filter((c) => c === 'one' || c === 'other'))
            if (!english.has(`${base}_${category}`)) problems.push(`en/${namespace}: ${base}_${category} is missing`);
        const otherBases = new Set<string>();
        for (const [key, text] of other) {
          const [base, category] = splitPlural(key, other);
          otherBases.add(base);
          if (!englishBases.has(base)) problems.push(`${language}/${namespace}: ${key} is not an English key`);
          if (text === '') problems.push(`${language}/${namespace}: ${key} is empty`);
          if (category !== null && !categories.includes(category as Intl.LDMLPluralRule))
            problems.push(`${language}/${namespace}: ${key} is not a ${language} plural form`);
          const english = englishBases.get(base);
          if (english !== undefined && placeholders(english).join() !== placeholders(text).join())
            problems.push(
              `${language}/${namespace}: ${key} has ${placeholders(text).join(' ') || 'no placeholders'}, English ${placeholders(english).join(' ') || 'none'}`,
            );
        }
        for (const base of englishBases.keys()) {
          if (!otherBases.has(base)) problems.push(`${language}/${namespace}: ${base} is missing`);
          else if (englishPlurals.has(base))
            for (const category of categories)
              if (!other.has(`${base}_${category}`))
                problems.push(`${language}/${namespace}: ${base}_${category} is missing`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
}

test('every error code in the catalogue has its wording for the web app', () => {
  const codes = read('web/src/i18n/locales', 'en', 'errors');
  const missing = Object.keys(ERRORS).filter((code) => !codes.has(`codes.${code}`));
  assert.deepEqual(missing, []);
});

/** Every web source file, with the namespaces it asks useTranslation for. */
function webSources(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push({ file: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'web/src'));
  return out;
}

test('every key the web app asks for exists in English', () => {
  const catalogues = new Map<string, Flat>();
  const catalogue = (namespace: string) => {
    let flat = catalogues.get(namespace);
    if (flat === undefined) {
      const file = path.join(ROOT, 'web/src/i18n/locales/en', `${namespace}.json`);
      flat = fs.existsSync(file) ? read('web/src/i18n/locales', 'en', namespace) : new Map();
      catalogues.set(namespace, flat);
    }
    return flat;
  };
  const has = (namespace: string, key: string) =>
    catalogue(namespace).has(key) || catalogue(namespace).has(`${key}_other`);
  const problems: string[] = [];
  let checked = 0;
  for (const { file, text } of webSources()) {
    // useTranslation() is "common"; useTranslation('checkout') or (['checkout', 'common']).
    const namespaces = new Set<string>();
    for (const m of text.matchAll(/useTranslation\(\s*(?:'([\w-]+)'|\[([^\]]*)\])?/g)) {
      if (m[1] !== undefined) namespaces.add(m[1]);
      else if (m[2] !== undefined) for (const n of m[2].matchAll(/'([\w-]+)'/g)) namespaces.add(n[1]!);
      else namespaces.add('common');
    }
    // t('key'), t("key"), i18next.t('ns:key'), <Trans i18nKey="key">
    for (const m of text.matchAll(/(?:\bt\(\s*|i18nKey=\{?\s*)(['"])([\w.:-]+)\1/g)) {
      const raw = m[2]!;
      checked += 1;
      const [namespace, key] = raw.includes(':') ? (raw.split(':', 2) as [string, string]) : [null, raw];
      const found = namespace !== null ? has(namespace, key) : [...namespaces].some((n) => has(n, key));
      if (!found) problems.push(`${file}: ${raw} (namespaces ${[...namespaces].join(', ') || 'none'})`);
    }
  }
  assert.ok(checked > 10, `the scan found ${checked} keys: it cannot be reading the source`);
  assert.deepEqual(problems, []);
});
