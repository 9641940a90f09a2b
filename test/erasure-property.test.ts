// The erasure property (issues 5 and 14): for any population of people who buy, sell, review, ask,
// answer, write to each other, save cards and addresses, keep carts and open support tickets —
// people who share display names, streets and cities, have three-letter names or names that are
// words of the product titles, and quote each other's email addresses — erasing any subset of them
// through deletion requests and processDeletion()
//   (a) completes every request with a clean certificate: none of their unique identifiers (id,
//       addresses) is left anywhere, and every row of theirs that remains holds none of their
//       names, streets or phone numbers;
//   (b) leaves every row (public and pgboss schemas) and every stored file that is not theirs
//       byte-for-byte unchanged, but for the derived values in DERIVED and the quotes of their
//       address in other people's questions (replaced with "[removed]"), and adds no row but
//       those in NEW_ROWS;
//   (c) keeps their orders as anonymised accounting records: items, totals, dates, destination
//       country, tracking numbers and events, and public tracking still answers.
// A refused request (an order still to pay or ship, an open ticket about money) changes nothing
// but its attempt counter.
// Populations come from test/helpers/population.ts, built through the HTTP API; each run has a
// fresh database. SOUK_PROP_SEED, SOUK_PROP_RUNS and SOUK_PROP_PATH widen the search or replay a case.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { createMemoryStorage } from '../src/storage.ts';
import { DELETION_PROCESS_QUEUE, processDeletion } from '../src/modules/deletion/process.ts';
import { OFFER_REFRESH_QUEUE } from '../src/modules/catalog/offers.ts';
import { ORDERS_EXPIRE_QUEUE } from '../src/modules/orders/service.ts';
import { MAIL_SWEEP_QUEUE } from '../src/modules/mail/service.ts';
import { WEBHOOK_PRUNE_QUEUE, WEBHOOK_SWEEP_QUEUE } from '../src/modules/webhooks/service.ts';
import { HOUSEKEEPING_QUEUE } from '../src/housekeeping.ts';
import { scanForLeftovers } from './helpers/substring-scan.ts';
import { FORGOTTEN_RECIPIENT } from '../src/modules/mail/transport.ts';
import { REMOVED_LISTING } from '../src/modules/catalog/erasure.ts';
import { Client, createTestApp } from './helpers/app.ts';
import { blockedPeople, buildPopulation, planArbitrary, type Plan, type Population } from './helpers/population.ts';
import { changedColumns, rowsOf, takeSnapshot, type Snapshot, type SnapshotRow } from './helpers/snapshot.ts';

const SEED = Number(process.env.SOUK_PROP_SEED ?? 20261205);
const RUNS = Number(process.env.SOUK_PROP_RUNS ?? 4);
/** fast-check's `path` from a failure report: replays just that case. */
const PATH = process.env.SOUK_PROP_PATH;

/** Someone whose deletion request was accepted, with what identified them before. */
type Erased = {
  index: number;
  userId: string;
  email: string;
  reference: string;
  unique: string[];
  names: string[];
  rateLimitKey: string;
};
type Row = Record<string, unknown>;

/**
 * What named the person before: `unique`, what is theirs alone (the account id, its address and a
 * pending new one), searched for everywhere; `names`, what others may share (display name, names,
 * streets and cities of saved and shipping addresses, phone numbers), looked for only in rows that
 * were theirs.
 */
function identifiersOf(before: Snapshot, userId: string): { unique: string[]; names: string[] } {
  const rows = (table: string, column: string) =>
    [...rowsOf(before, table).values()].map((r) => r.row).filter((r) => r[column] === userId);
  const [user] = rows('public.users', 'id');
  assert.ok(user, `user ${userId} in the snapshot`);
  const clean = (values: unknown[]) => [
    ...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim().length >= 3).map((v) => v.trim())),
  ];
  return {
    unique: clean([user.id, user.email, ...rows('public.email_change_requests', 'user_id').map((c) => c.new_email)]),
    names: clean([
      user.display_name,
      user.phone,
      ...rows('public.addresses', 'user_id').flatMap((a) => [a.full_name, a.line1, a.line2, a.city, a.phone]),
      ...rows('public.orders', 'buyer_user_id').flatMap((o) => [
        o.ship_full_name,
        o.ship_line1,
        o.ship_line2,
        o.ship_city,
        o.ship_phone,
      ]),
    ]),
  };
}

/** A question's text once the erased addresses it quoted are removed. */
const withoutQuotes = (text: string, erased: Erased[]) =>
  erased
    .flatMap((e) => e.unique.filter((u) => u.includes('@')))
    .reduce((t, email) => t.replace(new RegExp(email.replace(/[.+]/g, '\\$&'), 'gi'), '[removed]'), text);

/** The words typo correction keeps of a title (catalog_search_words_of, near enough for these titles). */
const titleWords = (title: string) =>
  title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && w.length <= 40);

/**
 * Rows that are the erased people's, found independently of the registry: a row is theirs when (1)
 * one of its values is their account id or (case-insensitively) one of their addresses, or its
 * text contains their account id (verification tokens, `…:user:<id>` rate-limit keys, pg-boss jobs
 * naming the id); or (2) it is a rate-limit row keyed by the keyed hash of their email; or (3) it
 * hangs, through one of OWNED_WITH's links, from a row that is theirs. Nothing else is theirs: not
 * orders to their store, not other people's messages in a conversation with them, not someone
 * else's question quoting their address, not a row naming someone with an equal name.
 */
const OWNED_WITH: Array<{
  table: string;
  parent: string;
  parentKey: (row: Row, before: Snapshot) => unknown;
  reason: string;
}> = [
  {
    table: 'public.cart_lines',
    parent: 'public.carts',
    parentKey: (r) => r.cart_id,
    reason: 'lines of their cart (cart policy)',
  },
  {
    table: 'public.review_photos',
    parent: 'public.reviews',
    parentKey: (r) => r.review_id,
    reason: 'photos of their reviews (posts policy)',
  },
  {
    table: 'public.review_votes',
    parent: 'public.reviews',
    parentKey: (r) => r.review_id,
    reason: 'votes on their reviews go with the reviews (cascade)',
  },
  {
    table: 'public.answers',
    parent: 'public.questions',
    parentKey: (r) => r.question_id,
    reason: 'answers under their questions (posts policy, cascade)',
  },
  {
    table: 'public.post_reports',
    parent: 'public.reviews',
    parentKey: (r) => r.review_id,
    reason: 'reports about their reviews (cascade)',
  },
  {
    table: 'public.post_reports',
    parent: 'public.questions',
    parentKey: (r) => r.question_id,
    reason: 'reports about their questions (cascade)',
  },
  {
    table: 'public.post_reports',
    parent: 'public.answers',
    parentKey: (r) => r.answer_id,
    reason: 'reports about their answers (cascade)',
  },
  {
    table: 'public.support_messages',
    parent: 'public.support_tickets',
    parentKey: (r) => r.ticket_id,
    reason: 'messages of their tickets, staff replies included (cascade)',
  },
  {
    table: 'public.products',
    parent: 'public.stores',
    parentKey: (r) => r.store_id,
    reason: "their store's listings (catalog policy: delisted, title and description replaced)",
  },
  {
    table: 'public.product_images',
    parent: 'public.stores',
    reason: "images of their store's products (seller policy)",
    parentKey: (r, before) => rowsOf(before, 'public.products').get(JSON.stringify([r.product_id]))?.row.store_id,
  },
];

function erasedRows(before: Snapshot, erased: Erased[]): Set<string> {
  const owned = new Set<string>();
  const ids = erased.map((e) => e.userId.toLowerCase());
  const unique = new Set(erased.flatMap((e) => e.unique.map((n) => n.toLowerCase())));
  for (const [table, rows] of before.tables) {
    for (const [key, { row }] of rows) {
      const text = JSON.stringify(row).toLowerCase();
      const equal = Object.values(row).some((v) => typeof v === 'string' && unique.has(v.toLowerCase()));
      if (equal || ids.some((id) => text.includes(id))) owned.add(`${table} ${key}`);
      if (table === 'public.rate_limits' && erased.some((e) => String(row.key).endsWith(`:${e.rateLimitKey}`)))
        owned.add(`${table} ${key}`);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const link of OWNED_WITH) {
      for (const [key, { row }] of rowsOf(before, link.table)) {
        const parent = link.parentKey(row, before);
        if (
          parent == null ||
          owned.has(`${link.table} ${key}`) ||
          !owned.has(`${link.parent} ${JSON.stringify([parent])}`)
        )
          continue;
        owned.add(`${link.table} ${key}`);
        grew = true;
      }
    }
  }
  return owned;
}

type Context = {
  erased: Erased[];
  erasedIds: Set<string>;
  /** Products an erased person reviewed, their stores, reviews they voted helpful, their stores. */
  reviewedProducts: Set<unknown>;
  reviewedStores: Set<unknown>;
  votedReviews: Set<unknown>;
  erasedStores: Set<unknown>;
  /** The words of the titles of their stores' products (before the erasure). */
  erasedStoreWords: Set<string>;
  refusedRateLimitKeys: Set<string>;
};

const TERMINAL_JOB_STATES = ['completed', 'cancelled', 'failed'];
// Every queue a cron schedule feeds (a tick may land between the snapshots).
const CRON_QUEUES = [
  MAIL_SWEEP_QUEUE,
  OFFER_REFRESH_QUEUE,
  ORDERS_EXPIRE_QUEUE,
  DELETION_PROCESS_QUEUE,
  HOUSEKEEPING_QUEUE,
  WEBHOOK_SWEEP_QUEUE,
  WEBHOOK_PRUNE_QUEUE,
];

/**
 * Columns of other people's rows that may change, and on which rows. Everything else of theirs
 * must keep its checksum.
 */
const DERIVED: Array<{
  table: string;
  columns: string[] | { except: string[] };
  applies: (row: Row, ctx: Context) => boolean;
  reason: string;
}> = [
  {
    table: 'public.products',
    columns: ['rating_sum', 'rating_count'],
    applies: (r, ctx) => ctx.reviewedProducts.has(r.id),
    reason: "a product's rating is recomputed without the erased person's review (posts policy)",
  },
  {
    table: 'public.stores',
    columns: ['rating_sum', 'rating_count'],
    applies: (r, ctx) => ctx.reviewedStores.has(r.id),
    reason: "so is its store's rating",
  },
  {
    table: 'public.reviews',
    columns: ['helpful_count'],
    applies: (r, ctx) => ctx.votedReviews.has(r.id),
    reason: "a review's helpful count is recomputed without the erased person's vote",
  },
  {
    table: 'public.products',
    columns: ['image_count', 'store_active'],
    applies: (r, ctx) => ctx.erasedStores.has(r.store_id),
    reason:
      "an erased seller's product images are deleted, so the products of their store count none; and they are no longer listed, as their store is closed (store_active follows the store)",
  },
  {
    table: 'public.search_words',
    columns: ['products'],
    applies: (r, ctx) => ctx.erasedStoreWords.has(String(r.word)),
    reason:
      "a word's count of listed products (suggestions' ranking, decision 052) loses an erased seller's products, which their closed store no longer lists",
  },
  {
    table: 'public.catalog_version',
    columns: ['n'],
    applies: () => true,
    reason:
      "the catalogue's version (decision 056): counters every committed change of a catalogue table adds to, such as a product's rating or an erased seller's closed store; no person is in them",
  },
  {
    table: 'pgboss.job',
    columns: [
      'state',
      'retry_count',
      'start_after',
      'started_on',
      'completed_on',
      'heartbeat_on',
      'keep_until',
      'output',
    ],
    applies: (r) => !TERMINAL_JOB_STATES.includes(String(r.state)),
    reason:
      'a job that was waiting or running when the snapshot was taken (a cron tick, a mail) goes on to run and finish',
  },
  // pg-boss's own bookkeeping, which its supervisor rewrites on its own schedule; no person is in it.
  {
    table: 'pgboss.queue',
    applies: () => true,
    columns: {
      except: [
        'name',
        'policy',
        'retry_limit',
        'retry_delay',
        'retry_backoff',
        'retry_delay_max',
        'expire_seconds',
        'retention_seconds',
        'deletion_seconds',
        'dead_letter',
        'partition',
        'table_name',
        'warning_queued',
        'heartbeat_seconds',
        'notify',
        'created_on',
      ],
    },
    reason: "a queue's job counters and monitoring times (its definition stays)",
  },
  {
    table: 'pgboss.version',
    columns: ['cron_on', 'bam_on', 'flow_on', 'reindex_on', 'monitor_backoff_on'],
    applies: () => true,
    reason: 'when pg-boss last ran its maintenance',
  },
  {
    table: 'pgboss.instance',
    columns: [
      'heartbeat_on',
      'pool_total',
      'pool_idle',
      'pool_waiting',
      'workers',
      'metrics',
      'crash_restarts',
      'crash_restarts_since',
    ],
    applies: () => true,
    reason: "the running worker's heartbeat and gauges",
  },
  {
    table: 'pgboss.schedule',
    columns: ['last_job_id'],
    applies: () => true,
    reason: 'the last job a cron schedule sent',
  },
  {
    table: 'pgboss.bam',
    columns: ['status', 'started_on', 'completed_on', 'error'],
    applies: () => true,
    reason: "the progress of pg-boss's own migration commands",
  },
];

/**
 * Rows that may appear, and the checks on them; any other new row fails the property. None in
 * mail_outbox: the receipt goes with the person, and the final mail is forgotten once delivered.
 */
const NEW_ROWS: Record<string, { allowed: (row: Row, ctx: Context) => boolean; reason: string }> = {
  'public.deletion_requests': {
    allowed: (r, ctx) =>
      r.status === 'completed' &&
      r.user_id === null &&
      r.cancel_token_hash === null &&
      ctx.erased.some((e) => e.reference === r.reference) &&
      (r.certificate as { scan?: { clean?: boolean } } | null)?.scan?.clean === true,
    reason:
      'one completed request per accepted deletion, with its certificate and no link to the person (counted below)',
  },
  'public.erasure_ledger': {
    allowed: (r, ctx) =>
      ctx.erased.some((e) => e.reference === r.reference) &&
      /^[0-9a-f]{64}$/.test(String(r.subject_hash)) &&
      ![...ctx.erasedIds].some((id) => JSON.stringify(r).includes(id)),
    reason:
      'the ledger entry of each completed erasure (decision 042): its reference, a keyed hash of the account id and the certificate, never the id',
  },
  'public.leaving_feedback': {
    allowed: (r) => r.reason === 'data_worries' && r.comment === null,
    reason: 'why they left, with no identity',
  },
  'public.dev_mailbox': {
    allowed: (r, ctx) =>
      r.subject === 'Your Souk account has been deleted' &&
      r.to_address === FORGOTTEN_RECIPIENT &&
      ctx.erased.some((e) => String(r.text).includes(e.reference)),
    reason: 'the final mail, without the address it went to (issue 14); counted below',
  },
  'public.search_words': {
    allowed: (r) => titleWords(REMOVED_LISTING).includes(String(r.word)),
    reason:
      'the words of "Removed listing", the title an erased seller\'s listings get (kept by the title trigger; nobody\'s data)',
  },
  'public.rate_limits': {
    allowed: (r, ctx) => ctx.refusedRateLimitKeys.has(String(r.key)),
    reason: 'the attempt counter of a refused deletion request',
  },
  'pgboss.job': {
    allowed: (r) => CRON_QUEUES.includes(String(r.name)),
    reason:
      'cron ticks; mail goes out without a job per mail (decision 032), and the account.erased webhook records nothing without WEBHOOK_URL (test/webhooks.test.ts)',
  },
  'pgboss.queue_stats': {
    allowed: () => true,
    reason: "pg-boss's periodic capture of its queues' counters (queue names and numbers)",
  },
  'pgboss.warning': { allowed: () => true, reason: "pg-boss's notes on slow or crowded queues" },
};

/**
 * Delivers every mail still in the outbox (what the delivery loop would do a moment later; it
 * then finds nothing to send), so nothing moves between the snapshots but pg-boss's own bookkeeping.
 */
async function settle(app: FastifyInstance): Promise<void> {
  const { db, mail } = app.souk;
  for (;;) {
    const pending = await db
      .selectFrom('mail_outbox')
      .select('id')
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .execute();
    if (pending.length === 0) return;
    for (const { id } of pending) await mail.deliver(id);
  }
}

async function eraseAndCheck(
  t: TestContext,
  app: FastifyInstance,
  storage: ReturnType<typeof createMemoryStorage>,
  plan: Plan,
): Promise<void> {
  const db = app.souk.db;
  const population = await buildPopulation(app, plan);
  await settle(app);
  const before = await takeSnapshot(db, storage);

  // The requests: refused exactly for the blocked, accepted (and deactivating) for the others.
  const blocked = blockedPeople(plan);
  const erased: Erased[] = [];
  const refusedRateLimitKeys = new Set<string>();
  for (const index of plan.erase) {
    const person = population.people[index]!;
    const res = await person.client.post('/api/account/deletion', {
      confirmEmail: person.email,
      reason: 'data_worries',
    });
    if (blocked.has(index)) {
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error.code, 'DELETION_BLOCKED');
      refusedRateLimitKeys.add(`deletion:user:${person.userId}`);
      continue;
    }
    assert.equal(res.statusCode, 202, `${person.displayName}: ${res.body}`);
    erased.push({
      index,
      userId: person.userId,
      email: person.email,
      reference: res.json().reference,
      ...identifiersOf(before, person.userId),
      rateLimitKey: app.souk.rateLimiter.keyPart(person.email),
    });
  }
  await settle(app);
  for (const e of erased) {
    const { id } = await db
      .selectFrom('deletion_requests')
      .select('id')
      .where('reference', '=', e.reference)
      .executeTakeFirstOrThrow();
    assert.equal(await processDeletion(app.souk, id), 'completed', `request ${e.reference}`);
  }
  await settle(app);
  const after = await takeSnapshot(db, storage);

  const erasedIds = new Set(erased.map((e) => e.userId));
  const beforeRows = (table: string) => [...rowsOf(before, table).values()].map((r) => r.row);
  const reviewedProducts = new Set(
    beforeRows('public.reviews')
      .filter((r) => erasedIds.has(String(r.author_user_id)))
      .map((r) => r.product_id),
  );
  const erasedStores = new Set(
    beforeRows('public.stores')
      .filter((s) => erasedIds.has(String(s.owner_user_id)))
      .map((s) => s.id),
  );
  const ctx: Context = {
    erased,
    erasedIds,
    refusedRateLimitKeys,
    reviewedProducts,
    reviewedStores: new Set(
      beforeRows('public.products')
        .filter((p) => reviewedProducts.has(p.id))
        .map((p) => p.store_id),
    ),
    votedReviews: new Set(
      beforeRows('public.review_votes')
        .filter((v) => erasedIds.has(String(v.user_id)))
        .map((v) => v.review_id),
    ),
    erasedStores,
    erasedStoreWords: new Set(
      beforeRows('public.products')
        .filter((p) => erasedStores.has(p.store_id))
        .flatMap((p) => titleWords(String(p.title))),
    ),
  };
  const owned = erasedRows(before, erased);
  t.diagnostic(describeRun(plan, population, erased, before, owned));
  // The definition must not swallow the people who stay: none of their accounts counts as erased.
  for (const person of population.people.filter((p) => !erasedIds.has(p.userId))) {
    assert.ok(
      !owned.has(`public.users ${JSON.stringify([person.userId])}`),
      `${person.displayName} stays out of the erased rows`,
    );
  }

  // (a) Every request completed, and nothing of the erased is left anywhere Souk keeps data.
  const requests = await db.selectFrom('deletion_requests').select(['reference', 'status', 'user_id']).execute();
  assert.deepEqual(
    requests.map((r) => [r.reference, r.status, r.user_id]).sort(),
    erased.map((e) => [e.reference, 'completed', null]).sort(),
  );
  for (const e of erased) {
    const { certificate } = await db
      .selectFrom('deletion_requests')
      .select('certificate')
      .where('reference', '=', e.reference)
      .executeTakeFirstOrThrow();
    assert.equal(certificate?.scan.clean, true, `${e.reference}: a clean certificate`);
    assert.ok(
      (certificate?.ownership ?? []).some((o) => o.table === 'users' && o.recorded === 1 && o.gone === 1),
      `${e.reference}: the account row was recorded and is gone`,
    );
  }
  const leftovers = await scanForLeftovers(
    db,
    erased.flatMap((e) => e.unique),
    { tables: ['public.dev_mailbox'] },
  );
  assert.deepEqual(leftovers, [], 'nothing anywhere holds an identifier of the erased (case-insensitive substrings)');
  const names = (e: Erased) => e.names.map((n) => n.toLowerCase());
  for (const [table, rows] of after.tables) {
    for (const [key, { row }] of rows) {
      if (!owned.has(`${table} ${key}`)) continue;
      const text = JSON.stringify(row).toLowerCase();
      // Stricter than needed: no erased person's names at all (not only the owner's).
      const kept = erased.flatMap(names).filter((n) => text.includes(n));
      assert.deepEqual(
        kept,
        [],
        `${table} ${key}: a row that was theirs and stays holds none of their names, streets or phones`,
      );
    }
  }
  const inboxes = [...rowsOf(after, 'public.dev_mailbox').values()]
    .map((r) => r.row)
    .filter((m) => erased.some((e) => e.unique.some((n) => String(m.to_address).toLowerCase() === n.toLowerCase())));
  assert.deepEqual(
    inboxes.map((m) => m.subject),
    [],
    'no mail in Souk is addressed to the erased any more, not even the final one',
  );

  // (b) Everyone else's rows and files are as they were.
  const problems: string[] = [];
  let redactedQuotes = 0;
  const erasedTitleWords = new Set(
    [...rowsOf(before, 'public.products')]
      .filter(([k]) => owned.has(`public.products ${k}`))
      .flatMap(([, r]) => titleWords(String(r.row.title))),
  );
  for (const [table, rows] of before.tables) {
    const later = rowsOf(after, table);
    for (const [key, { md5, row }] of rows) {
      if (owned.has(`${table} ${key}`)) continue;
      const now: SnapshotRow | undefined = later.get(key);
      if (!now) {
        // Typo correction's vocabulary loses the words only an erased seller's titles used.
        if (table === 'public.search_words' && erasedTitleWords.has(String(row.word))) continue;
        problems.push(`${table} ${key}: deleted`);
        continue;
      }
      if (now.md5 === md5) continue;
      if (
        table === 'public.questions' &&
        changedColumns(row, now.row).join() === 'body' &&
        now.row.body === withoutQuotes(String(row.body), erased) &&
        now.row.body !== row.body
      ) {
        redactedQuotes++;
        continue;
      }
      const allowed = new Set(
        DERIVED.filter((d) => d.table === table && d.applies(row, ctx)).flatMap((d) =>
          Array.isArray(d.columns)
            ? d.columns
            : Object.keys(row).filter((c) => !(d.columns as { except: string[] }).except.includes(c)),
        ),
      );
      const changed = changedColumns(row, now.row).filter((c) => !allowed.has(c));
      if (changed.length > 0)
        problems.push(
          `${table} ${key}: ${changed.map((c) => `${c} ${JSON.stringify(row[c])} → ${JSON.stringify(now.row[c])}`).join(', ')}`,
        );
    }
    for (const [key, { row }] of later) {
      if (rows.has(key)) continue;
      if (!NEW_ROWS[table]?.allowed(row, ctx))
        problems.push(`${table} ${key}: new row ${JSON.stringify(row).slice(0, 300)}`);
    }
  }
  assert.deepEqual(problems, [], "other people's rows are unchanged");
  const quoting = [...rowsOf(before, 'public.questions')].filter(
    ([k, r]) => !owned.has(`public.questions ${k}`) && withoutQuotes(String(r.row.body), erased) !== r.row.body,
  );
  assert.equal(
    redactedQuotes,
    quoting.length,
    'every question of someone else quoting an erased address has it removed, and nothing else of it changed',
  );
  const shared = population.people.filter((p) =>
    population.people.some((q) => q !== p && q.displayName === p.displayName),
  );
  t.diagnostic(
    `quotes of erased addresses removed: ${redactedQuotes}; people sharing a display name: ${shared.length} (${erased.filter((e) => shared.some((p) => p.index === e.index)).length} of them erased)`,
  );
  for (const [, { row }] of rowsOf(after, 'public.products')) {
    if (row.status !== 'active' || !row.store_active) continue;
    for (const word of titleWords(String(row.title))) {
      assert.ok(
        rowsOf(after, 'public.search_words').has(JSON.stringify([word])),
        `"${word}" of a listed title stays in the search vocabulary`,
      );
    }
  }
  const added = (table: string, where: (r: Row) => boolean) =>
    [...rowsOf(after, table)].filter(([k, r]) => !rowsOf(before, table).has(k) && where(r.row)).length;
  assert.equal(
    added('public.deletion_requests', () => true),
    erased.length,
  );
  assert.equal(
    added('public.leaving_feedback', () => true),
    erased.length,
  );
  assert.equal(
    added('public.dev_mailbox', () => true),
    erased.length,
    'one final mail each',
  );
  for (const e of erased)
    assert.equal(
      added('public.dev_mailbox', (r) => String(r.text).includes(e.reference)),
      1,
      `${e.reference}: its final mail, once`,
    );

  const theirFiles = new Set([
    ...[...rowsOf(before, 'public.product_images')]
      .filter(([k]) => owned.has(`public.product_images ${k}`))
      .map(([, r]) => r.row.storage_key),
    ...[...rowsOf(before, 'public.review_photos')]
      .filter(([k]) => owned.has(`public.review_photos ${k}`))
      .map(([, r]) => r.row.storage_key),
  ]);
  for (const [key, sha] of before.files) {
    if (theirFiles.has(key)) assert.equal(after.files.has(key), false, `their file ${key} is deleted`);
    else assert.equal(after.files.get(key), sha, `file ${key} is unchanged`);
  }
  assert.deepEqual(
    [...after.files.keys()].filter((k) => !before.files.has(k)),
    [],
    'no new files',
  );

  // (c) Their orders stay as accounting records, and their parcels can still be tracked.
  const ANONYMISED = {
    buyer_user_id: null,
    ship_full_name: 'Erased',
    ship_line1: '',
    ship_line2: null,
    ship_city: '',
    ship_region: null,
    ship_postal_code: null,
    ship_phone: null,
  };
  const childRows = (snapshot: Snapshot, table: string, column: string, id: unknown) =>
    [...rowsOf(snapshot, table).values()]
      .map((r) => r.row)
      .filter((r) => r[column] === id)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  for (const { row: order } of rowsOf(before, 'public.orders').values()) {
    if (!erasedIds.has(String(order.buyer_user_id))) continue;
    const kept = rowsOf(after, 'public.orders').get(JSON.stringify([order.id]))?.row;
    assert.ok(kept, `order ${order.number} is kept`);
    assert.deepEqual(
      { ...kept, anonymised_at: null },
      { ...order, ...ANONYMISED, anonymised_at: null },
      `order ${order.number}: only the buyer link and the address go`,
    );
    assert.ok(kept.anonymised_at, `order ${order.number} records when it was anonymised`);
    assert.deepEqual(
      childRows(after, 'public.order_items', 'order_id', order.id),
      childRows(before, 'public.order_items', 'order_id', order.id),
    );
    const shipments = childRows(before, 'public.shipments', 'order_id', order.id);
    assert.deepEqual(childRows(after, 'public.shipments', 'order_id', order.id), shipments);
    assert.deepEqual(
      childRows(after, 'public.payments', 'checkout_id', order.checkout_id),
      childRows(before, 'public.payments', 'checkout_id', order.checkout_id),
    );
    for (const shipment of shipments) {
      const events = childRows(before, 'public.tracking_events', 'shipment_id', shipment.id);
      assert.deepEqual(childRows(after, 'public.tracking_events', 'shipment_id', shipment.id), events);
      const tracked = await new Client(app).get(`/api/track/${encodeURIComponent(String(shipment.tracking_number))}`);
      assert.equal(tracked.statusCode, 200, tracked.body);
      assert.equal(tracked.json().destinationCountry, order.ship_country);
      assert.equal(tracked.json().events.length, events.length);
    }
  }
  for (const e of erased) assert.equal((await population.people[e.index]!.client.get('/api/me')).statusCode, 401);
}

/** One line per run: what was built and what was erased, so the spread of runs shows. */
function describeRun(
  plan: Plan,
  population: Population,
  erased: Erased[],
  before: Snapshot,
  owned: Set<string>,
): string {
  const erasedIndex = new Set(erased.map((e) => e.index));
  const conversations = [...rowsOf(before, 'public.conversations').values()].map((c) => {
    const buyer = population.people.findIndex((p) => p.userId === c.row.buyer_user_id);
    const seller = population.people.findIndex((p) => p.storeId === c.row.store_id);
    return erasedIndex.has(buyer) && erasedIndex.has(seller)
      ? 'both'
      : erasedIndex.has(buyer) || erasedIndex.has(seller)
        ? 'one'
        : 'none';
  });
  const orders = population.orders.filter((o) => erasedIndex.has(o.buyer)).map((o) => o.status);
  return [
    `${plan.people.length} people, ${plan.stores.length} stores, ${population.orders.length} orders (${[...new Set(population.orders.map((o) => o.status))].length} statuses)`,
    `asked ${plan.erase.length}, erased ${erased.length} (${erased.filter((e) => e.index < plan.stores.length).length} sellers)`,
    `conversations: ${conversations.filter((c) => c === 'both').length} both erased, ${conversations.filter((c) => c === 'one').length} one side erased, of ${conversations.length}`,
    `erased buyers' orders: ${orders.join(' ') || 'none'}`,
    `rows: ${owned.size} theirs, ${[...before.tables.values()].reduce((n, rows) => n + rows.size, 0) - owned.size} of others checked; files ${before.files.size}`,
  ].join('; ');
}

test('erasing any subset of a random population leaves nothing of them and changes nothing of anyone else', {
  timeout: 600_000,
}, async (t) => {
  t.diagnostic(
    `fast-check seed ${SEED}, ${RUNS} runs (SOUK_PROP_SEED, SOUK_PROP_RUNS and SOUK_PROP_PATH change or replay them)`,
  );
  // No shrinking: each case builds a database (seconds), so shrinking would take many minutes; the
  // report's seed and path replay the failing case.
  await fc.assert(
    fc.asyncProperty(planArbitrary, async (plan) => {
      const storage = createMemoryStorage();
      const { app, close } = await createTestApp({}, { storage });
      try {
        await eraseAndCheck(t, app, storage, plan);
      } finally {
        await close();
      }
    }),
    { seed: SEED, endOnFailure: true, ...(PATH ? { path: PATH, numRuns: 1 } : { numRuns: RUNS }) },
  );
});
