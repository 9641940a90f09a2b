import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Limiter, LimiterFullError } from './limiter.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('never runs more than its limit at once, runs every piece of work once, in arrival order', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.record({ ticks: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() }), { maxLength: 25 }),
      async (limit, works) => {
        const limiter = new Limiter(limit);
        let running = 0;
        let most = 0;
        const started: number[] = [];
        const results = await Promise.allSettled(
          works.map((w, i) =>
            limiter.run(async () => {
              started.push(i);
              running++;
              most = Math.max(most, running);
              for (let t = 0; t < w.ticks; t++) await tick();
              running--;
              if (w.fails) throw new Error(`work ${i}`);
              return i;
            }),
          ),
        );
        assert.ok(most <= limit, `ran ${most} at once with a limit of ${limit}`);
        assert.deepEqual(
          started,
          works.map((_, i) => i),
          'started in arrival order',
        );
        for (const [i, r] of results.entries()) assert.equal(r.status, works[i]!.fails ? 'rejected' : 'fulfilled');
        assert.deepEqual(limiter.load, { running: 0, waiting: 0 }, 'a failure gives its turn back');
      },
    ),
    { numRuns: 60 },
  );
});

test('a limit must be a whole number of at least one', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => new Limiter(bad), RangeError);
});

test('past its waiting line it refuses new work without running it, and takes work again once the line moves', async () => {
  const limiter = new Limiter(1, 2);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let ran = 0;
  const work = async () => {
    ran++;
    await held;
  };
  const accepted = [limiter.run(work), limiter.run(work), limiter.run(work)];
  await assert.rejects(limiter.run(work), LimiterFullError);
  assert.deepEqual(limiter.load, { running: 1, waiting: 2 });
  release();
  await Promise.all(accepted);
  assert.equal(ran, 3, 'the refused work never ran');
  await limiter.run(work);
  assert.equal(ran, 4);
});
