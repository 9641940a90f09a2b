// The nesting limit is counted on the JSON text exactly as JSON.parse would nest it: brackets
// inside strings (escaped quotes included) do not count, and no recursion runs however deep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body.ts';

/** How deep a parsed JSON value nests arrays and objects (the reference the scan must agree with). */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

test('the depth scan agrees with JSON.parse on any JSON text', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
      const text = JSON.stringify(value);
      assert.equal(nestsDeeperThan(text, limit), depthOf(JSON.parse(text)) > limit, text);
    }),
    { seed: 34, numRuns: 2000 },
  );
});

test('brackets inside strings do not count; the limit itself is allowed', () => {
  assert.equal(nestsDeeperThan(JSON.stringify({ a: '[[[[{{{{'.repeat(50), b: '\\"[[[' }), 2), false);
  assert.equal(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH), MAX_JSON_DEPTH), false);
  assert.equal(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH), true);
});

test('a body ten million levels deep is refused in one pass, without recursion', () => {
  const started = performance.now();
  assert.equal(nestsDeeperThan('['.repeat(10_000_000), MAX_JSON_DEPTH), true);
  assert.equal(nestsDeeperThan(`"${'['.repeat(1_000_000)}"`, MAX_JSON_DEPTH), false);
  assert.ok(performance.now() - started < 1000);
});
