// Mails in the recipient's language (issue 20, decision 059): i18next on the server, with the same
// catalogue format as the web app (JSON, `{{name}}` placeholders, `_one`/`_other`/`_many` plural
// suffixes). Catalogues are ./locales/<language>/<namespace>.json, one namespace per module that
// writes mail ("mail" for the mail module's own: the layout and the account mails). They are read
// once, when this module is first imported (no network, no file read per mail), into one i18next
// instance of the process; test/i18n.test.ts fails when a shipped language lacks a key.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type Resource } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../lib/languages.ts';
import type Mail from './locales/en/mail.json';
import type MailDeletion from './locales/en/mail-deletion.json';
import type MailHelp from './locales/en/mail-help.json';
import type MailMessages from './locales/en/mail-messages.json';
import type MailOrders from './locales/en/mail-orders.json';
import type MailReturns from './locales/en/mail-returns.json';
import type MailSupport from './locales/en/mail-support.json';

/** The English catalogues, whose keys every language has: a key the code asks for is checked by tsc. */
type Catalogues = {
  mail: typeof Mail;
  'mail-deletion': typeof MailDeletion;
  'mail-help': typeof MailHelp;
  'mail-messages': typeof MailMessages;
  'mail-orders': typeof MailOrders;
  'mail-returns': typeof MailReturns;
  'mail-support': typeof MailSupport;
};
export type MailNamespace = keyof Catalogues;

/** "a.b" for every text of a nested catalogue. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];
/** A plural is asked for by its base ("minutes" for minutes_one, minutes_other) with a count. */
type Base<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;
export type MailKey<N extends MailNamespace> = Base<Leaves<Catalogues[N]>>;

/** Placeholder values: texts as they are (mails are escaped by render), numbers by the language's rules. */
export type MailValues = Record<string, string | number>;
export type Translate<N extends MailNamespace> = (key: MailKey<N>, values?: MailValues) => string;

const LOCALES_DIR = path.join(import.meta.dirname, 'locales');

function readCatalogues(): Resource {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    const folder = path.join(LOCALES_DIR, language);
    resources[language] = Object.fromEntries(
      fs
        .readdirSync(folder)
        .filter((file) => file.endsWith('.json'))
        .map((file) => [file.slice(0, -'.json'.length), JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'))]),
    );
  }
  return resources;
}

/** Keys asked for that no catalogue has (a bug: the code and the English catalogue disagree). */
const missing = new Set<string>();

const instance = i18next.createInstance();
void instance.init({
  resources: readCatalogues(),
  lng: DEFAULT_LANGUAGE,
  // A text a language lacks reads in English rather than as its key; the test forbids the case.
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  defaultNS: false,
  initAsync: false,
  // Mails escape every text when they are rendered (templates.ts); escaping here would do it twice.
  interpolation: { escapeValue: false },
  returnNull: false,
  returnEmptyString: false,
  saveMissing: true,
  missingKeyHandler: (_languages, namespace, key) => {
    missing.add(`${namespace}:${key}`);
  },
});

/** Every "language/namespace:key" asked for since the process started: at most every key once per language. */
const asked = new Set<string>();

const translators = new Map<string, (key: string, values?: MailValues) => string>();

/** The texts of one namespace in one language: `t('shipped.subject', { number })`. */
export function translator<N extends MailNamespace>(language: Language, namespace: N): Translate<N> {
  const id = `${language}/${namespace}`;
  let translate = translators.get(id);
  if (translate === undefined) {
    const t = instance.getFixedT(language, namespace);
    // A text without placeholders never changes once read: i18next's lookup (≈ 10 µs) runs once.
    const plain = new Map<string, string>();
    translate = (key, values) => {
      asked.add(`${id}:${key}`);
      if (values !== undefined) return t(key, values) as string;
      let text = plain.get(key);
      if (text === undefined) {
        text = t(key) as string;
        plain.set(key, text);
      }
      return text;
    };
    translators.set(id, translate);
  }
  return translate;
}

/** The keys asked for that no catalogue holds, since the process started (for tests). */
export const missingMailKeys = (): string[] => [...missing];

/** The keys asked for, as "language/namespace:key" (a test proves its sample mails use every text). */
export const askedMailKeys = (): ReadonlySet<string> => asked;
