// A deletion blocker as the web words it (web/src/i18n/locales/en/deletion.json, by its code, with
// its params) must read exactly as the server's English label and howToClear (issue 20).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

type Blocker = {
  code: string;
  params: Record<string, string>;
  label: string;
  howToClear: string;
};

const english = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../web/src/i18n/locales/en/deletion.json'), 'utf8'),
) as { blockers: Record<string, { label: string; howToClear: string }> };

const fill = (text: string, params: Record<string, string>) =>
  text.replaceAll(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => params[name] ?? `{{${name}}}`);

export function assertBlockerWordedAsServer(blocker: Blocker): void {
  const wording = english.blockers[blocker.code];
  assert.ok(wording, `the web words blocker code ${blocker.code}`);
  assert.equal(fill(wording.label, blocker.params), blocker.label);
  assert.equal(fill(wording.howToClear, blocker.params), blocker.howToClear);
}
