// The spine of Souk: every table that points at a user, or has a column whose name marks
// personal data, must declare its erasure policy. Introspects the live database (with pg-boss
// installed) on the engine under test and names each uncovered table and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp } from './helpers/app.ts';
import { erasureRegistry } from '../src/modules/deletion/registry.ts';
import { findErasureGaps } from '../src/erasure/registry-check.ts';
import type { ErasurePolicy } from '../src/erasure/policy.ts';

test('erasure registry', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;

  await t.test('every personal column and every reference to users has a policy', async () => {
    const gaps = await findErasureGaps(db, erasureRegistry);
    assert.deepEqual(
      gaps,
      [],
      `not covered by the erasure registry:\n${gaps.map((g) => `${g.table}.${g.column}: ${g.why}`).join('\n')}`,
    );
  });

  await t.test('every custom match of a delete or anonymise policy comes with the code that erases it', () => {
    const missing = erasureRegistry.flatMap((p) =>
      p.action === 'delete' || p.action === 'anonymise'
        ? p.match.filter((m) => 'custom' in m && !m.erase).map(() => p.table)
        : [],
    );
    assert.deepEqual(missing, []);
  });

  await t.test(
    'no foreign key acts on update: an anonymising step changes no other table unless its policy says so (alsoChanges)',
    async () => {
      const { rows } = await sql<{ name: string }>`
      select conrelid::regclass::text || '.' || conname as name from pg_constraint where contype = 'f' and confupdtype <> 'a' order by 1`.execute(
        db,
      );
      assert.deepEqual(
        rows.map((r) => r.name),
        [],
      );
    },
  );

  await t.test('every policy carries a written reason', () => {
    for (const p of erasureRegistry) assert.ok(p.reason.trim().length >= 10, `policy for ${p.table} needs a reason`);
  });

  await t.test('a new table with personal data and no policy is named, column by column', async () => {
    await sql`create table wishlist_notes (id serial primary key, owner text references users (id), shopper_name text, note text)`.execute(
      db,
    );
    const gaps = await findErasureGaps(db, erasureRegistry);
    assert.deepEqual(
      gaps.map((g) => `${g.table}.${g.column}: ${g.why}`),
      ['wishlist_notes.owner: references users', 'wishlist_notes.shopper_name: personal column'],
    );
    // not_personal may not excuse a reference to users
    const excused = await findErasureGaps(db, [
      ...erasureRegistry,
      {
        table: 'wishlist_notes',
        action: 'not_personal',
        columns: ['owner', 'shopper_name'],
        reason: 'trying to wave it through',
      },
    ]);
    assert.deepEqual(
      excused.map((g) => `${g.table}.${g.column}: ${g.why}`),
      ['wishlist_notes.owner: references users'],
    );
    await sql`drop table wishlist_notes`.execute(db);
  });

  await t.test('a policy for a table or column that does not exist is reported', async () => {
    const gaps = await findErasureGaps(db, [
      ...erasureRegistry,
      {
        table: 'no_such_table',
        action: 'delete',
        match: [{ column: 'user_id', equals: 'user_id' }],
        reason: 'typo in a table name',
      },
      { table: 'sessions', action: 'retain', columns: ['no_such_column'], reason: 'typo in a column name' },
    ]);
    assert.deepEqual(
      gaps.map((g) => `${g.table}.${g.column}: ${g.why}`),
      ['no_such_table.*: unknown table', 'sessions.no_such_column: unknown column'],
    );
  });

  await t.test(
    'a table an erasure deletes or anonymises needs a primary key (its rows are recorded and proven gone by it)',
    async () => {
      await sql`create table wishlist_marks (owner text references users (id) on delete cascade, product_id uuid)`.execute(
        db,
      );
      const policy: ErasurePolicy = {
        table: 'wishlist_marks',
        action: 'delete',
        match: [{ column: 'owner', equals: 'user_id' }],
        reason: 'marks belong to the account',
      };
      const gaps = await findErasureGaps(db, [...erasureRegistry, policy]);
      assert.deepEqual(
        gaps.map((g) => `${g.table}.${g.column}: ${g.why}`),
        ['wishlist_marks.*: no primary key'],
      );
      await sql`alter table wishlist_marks add primary key (owner, product_id)`.execute(db);
      assert.deepEqual(await findErasureGaps(db, [...erasureRegistry, policy]), []);
      await sql`drop table wishlist_marks`.execute(db);
    },
  );

  await t.test('a quotes column that does not exist is reported', async () => {
    const unknownQuote = await findErasureGaps(db, [
      ...erasureRegistry,
      {
        table: 'reviews',
        action: 'not_personal',
        columns: [],
        quotes: ['no_such_body'],
        reason: 'a typo in a quotes column',
      },
    ]);
    assert.deepEqual(
      unknownQuote.map((g) => `${g.table}.${g.column}: ${g.why}`),
      ['reviews.no_such_body: unknown column'],
    );
  });
});
