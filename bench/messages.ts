// Question: how fast are the conversation list and a thread for a busy account? One account with
// 1,000 conversations (with 50 stores) and 50,000 messages; `GET /api/conversations` (first page of
// 20, with unread counts, last message, store, product) and `GET /api/conversations/:id/messages`
// (the newest 50 of a 50-message thread) at 20 concurrent connections, each compared with a bare
// Fastify route reading one row through the same Kysely instance in the same run (ABBA order).
// Runs alone: `node bench/messages.ts`.
import { sql } from 'kysely';
import type { Engine } from '../src/db/database.ts';
import { seedCatalog } from '../src/modules/catalog/index.ts';
import { startBaselines } from './api.ts';
import { startSignedInApp, type SignedInApp } from './lib/app.ts';
import { openBenchDatabase, postgresUnavailableReason, type BenchDatabase } from './lib/engines.ts';
import { assertClean, LOAD_NOTE, measureLoad, type LoadResult } from './lib/load.ts';
import { median, round } from './lib/stats.ts';
import { emit, threadCpuMicros } from './lib/util.ts';

const CONVERSATIONS = 1000;
const MESSAGES_PER_CONVERSATION = 50;
const STORES = 50;
const LOAD = { connections: 20, seconds: 5, warmupSeconds: 1 } as const;

/** Stores, products and the account's conversations and messages, written in bulk. */
export async function seedMessages(target: BenchDatabase, userId: string): Promise<string> {
  const db = target.database.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const perStore = CONVERSATIONS / STORES;
  await sql`
    with s as (
      insert into stores (name, country) select 'Bench store ' || n, 'MA' from generate_series(1, ${STORES}) n returning id
    ), sp as (
      insert into shipping_profiles (store_id, label) select id, 'Standard' from s returning id, store_id
    )
    insert into products (store_id, category_slug, shipping_profile_id, title, price_minor, current_price_minor, currency, stock, updated_at)
    select sp.store_id, (select slug from categories order by position limit 1), sp.id, 'Bench product ' || n, 1000, 1000, 'USD', 10, now()
    from sp cross join generate_series(1, ${perStore}) n`.execute(db);
  await sql`
    insert into conversations (buyer_user_id, store_id, subject_key, product_id, created_at, last_message_at)
    select ${userId}, p.store_id, 'product:' || p.id, p.id, now() - interval '30 days', now() - interval '30 days'
    from products p`.execute(db);
  await sql`
    insert into messages (conversation_id, sender_side, sender_user_id, body, created_at)
    select c.id, case when n % 2 = 1 then 'buyer' else 'store' end, case when n % 2 = 1 then ${userId} else null end,
      'Message ' || n || ': is this still available, and how long does shipping to Casablanca usually take?',
      c.created_at + make_interval(mins => n) + make_interval(secs => (row_number() over ())::int % 997)
    from conversations c cross join generate_series(1, ${MESSAGES_PER_CONVERSATION}) n`.execute(db);
  await sql`
    update conversations c set last_message_id = m.id, last_message_at = m.created_at, buyer_unread_count = (abs(hashtext(c.id::text)) % 3)
    from (select distinct on (conversation_id) conversation_id, id, created_at from messages order by conversation_id, created_at desc, id desc) m
    where m.conversation_id = c.id`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{
    c: string;
    m: string;
  }>`select (select count(*) from conversations) as c, (select count(*) from messages) as m`.execute(db);
  if (
    Number(counts.rows[0]!.c) !== CONVERSATIONS ||
    Number(counts.rows[0]!.m) !== CONVERSATIONS * MESSAGES_PER_CONVERSATION
  ) {
    throw new Error(`seeded ${counts.rows[0]!.c} conversations and ${counts.rows[0]!.m} messages`);
  }
  const busiest = await db
    .selectFrom('conversations')
    .select('id')
    .orderBy('last_message_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // Read it once: marking read happens on the first read only, later reads write nothing.
  return busiest.id;
}

type Run = LoadResult & { cpu: number };

export async function benchMessages(engine: Engine): Promise<void> {
  const target = await openBenchDatabase(engine, 'messages');
  let signedIn: SignedInApp | undefined;
  let baseline: Awaited<ReturnType<typeof startBaselines>> | undefined;
  try {
    signedIn = await startSignedInApp(target);
    const seedStarted = performance.now();
    const threadId = await seedMessages(target, signedIn.userId);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    baseline = await startBaselines(target, signedIn.userId);
    const app = signedIn;
    const headers = { cookie: app.cookie };
    const listUrl = `${app.baseUrl}/api/conversations`;
    const threadUrl = `${app.baseUrl}/api/conversations/${threadId}/messages`;
    for (const url of [listUrl, threadUrl]) {
      const res = await fetch(url, { headers });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    }
    const thread = (await (await fetch(threadUrl, { headers })).json()) as { messages: unknown[] };
    const list = (await (await fetch(listUrl, { headers })).json()) as { items: unknown[]; total: number };
    if (thread.messages.length !== 50 || list.items.length !== 20 || list.total !== CONVERSATIONS)
      throw new Error('unexpected answers');

    const load = async (
      name: string,
      url: string,
      served: () => number,
      extra: { headers?: Record<string, string> } = {},
    ): Promise<Run> => {
      const before = { cpu: threadCpuMicros(), served: served() };
      const result = assertClean(name, await measureLoad({ url, ...LOAD, ...extra }));
      return { ...result, cpu: (threadCpuMicros() - before.cpu) / (served() - before.served) };
    };
    const oneRow = () => load('one-row', `${baseline!.url}/one-row`, baseline!.served);
    const runs = { oneRow: [] as Run[], list: [] as Run[], thread: [] as Run[] };
    runs.oneRow.push(await oneRow());
    runs.list.push(await load('messages-list', listUrl, app.served, { headers }));
    runs.thread.push(await load('messages-thread', threadUrl, app.served, { headers }));
    runs.thread.push(await load('messages-thread', threadUrl, app.served, { headers }));
    runs.list.push(await load('messages-list', listUrl, app.served, { headers }));
    runs.oneRow.push(await oneRow());

    const summary = (r: Run[]) => ({
      rps: round(median(r.map((x) => x.rps)), 0),
      p50_ms: round(median(r.map((x) => x.p50_ms))),
      p99_ms: round(median(r.map((x) => x.p99_ms))),
      p99_ms_rounds: r.map((x) => round(x.p99_ms)),
      cpu_us_per_req: round(median(r.map((x) => x.cpu)), 0),
    });
    const base = summary(runs.oneRow);
    emit({
      bench: 'messages-one-row',
      engine,
      connections: LOAD.connections,
      ...base,
      seed_seconds: round(seedSeconds, 1),
    });
    for (const [name, r] of [
      ['messages-list', runs.list],
      ['messages-thread', runs.thread],
    ] as const) {
      const s = summary(r);
      emit({
        bench: name,
        engine,
        connections: LOAD.connections,
        conversations: CONVERSATIONS,
        messages: CONVERSATIONS * MESSAGES_PER_CONVERSATION,
        ...s,
        ratio_rps_vs_one_row: round(s.rps / base.rps),
        ratio_p99_vs_one_row: round(s.p99_ms / base.p99_ms),
      });
    }
  } finally {
    await baseline?.server.close();
    await signedIn?.close();
    await target.close();
  }
}

// Run alone: `node bench/messages.ts`; `npm run bench` calls benchMessages for each engine.
if (import.meta.main) {
  emit({ bench: 'messages', note: LOAD_NOTE });
  await benchMessages('pglite');
  const postgresProblem = await postgresUnavailableReason();
  if (postgresProblem) emit({ bench: 'engine', engine: 'postgres', skipped: postgresProblem });
  else await benchMessages('postgres');
}
