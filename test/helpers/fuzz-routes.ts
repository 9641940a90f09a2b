// The route fuzz: every operation of the OpenAPI document Souk serves gets generated requests
// (test/helpers/fuzz-inputs.ts) from a stranger, a signed-in member (a buyer with a store of their
// own) and staff, in a small marketplace with one of everything. No answer may be a 5xx, and a 4xx
// must leave every table and stored file as it was. Used by test/fuzz-routes.test.ts (a few
// requests per route, every CI run) and scripts/fuzz-routes.ts (as many as asked).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ERRORS } from '../../src/errors.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';
import { processDeletion } from '../../src/modules/deletion/process.ts';
import {
  Client,
  STRONG_PASSWORD,
  createTestApp,
  forgetRateLimits,
  signIn,
  signUpAndSignIn,
  type TestApp,
} from './app.ts';
import { createFixtureProduct, createFixtureStore } from './catalog.ts';
import { PNG, createOrderOf, userIdOf } from './posts.ts';
import { requestsFor, type FuzzRequest, type Operation } from './fuzz-inputs.ts';
import type { IdPool, JsonSchema } from './fuzz-values.ts';

export type Identity = 'stranger' | 'member' | 'staff';
const IDENTITIES: readonly Identity[] = ['stranger', 'member', 'staff'];
const EMAILS: Record<Exclude<Identity, 'stranger'>, string> = {
  member: 'fuzz-member@example.test',
  staff: 'fuzz-staff@example.test',
};

/**
 * Tables a refused request may still change, and why. Everything else in the public schema (and
 * every stored file) must be byte-for-byte the same after a 4xx.
 */
const MAY_CHANGE_ON_REFUSAL: Record<string, string> = {
  rate_limits: 'a refused attempt (a wrong password, a 429 itself) is what a rate limit counts',
};

/** Refusals that change something on purpose: the error code, the tables, and why. */
const REFUSALS_WITH_EFFECTS: Record<string, { tables: string[]; reason: string }> = {
  EMAIL_NOT_VERIFIED: {
    tables: ['mail_outbox', 'dev_mailbox', 'verifications'],
    reason:
      'signing in to an unverified account with its password mails a new verification link (src/modules/auth/sign-in.ts)',
  },
};

export type FuzzFinding = {
  operation: string;
  identity: Identity;
  label: string;
  request: string;
  status: number;
  answer: string;
  /** For a 4xx: the tables (or stored files) it changed, or that its body is not a catalogue error. */
  changed?: string[];
  shape?: string;
};

/** Why a 4xx body is not the one error shape, {error:{code,message,details?}} with a catalogue code of that status; or null. */
function notCatalogueError(res: LightMyRequestResponse): string | null {
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return 'not JSON';
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (
    typeof body !== 'object' ||
    body === null ||
    Object.keys(body).join() !== 'error' ||
    typeof error !== 'object' ||
    error === null
  )
    return 'not {error:{…}}';
  const code = error.code as keyof typeof ERRORS;
  if (typeof code !== 'string' || !(code in ERRORS)) return `code ${String(code)} is not in the catalogue`;
  if (ERRORS[code].status !== res.statusCode)
    return `${code} is a ${ERRORS[code].status}, answered with ${res.statusCode}`;
  if (typeof error.message !== 'string' || Object.keys(error).some((k) => !['code', 'message', 'details'].includes(k)))
    return 'not {code,message,details?}';
  return null;
}
export type FuzzReport = {
  requests: number;
  operations: number;
  statuses: Record<string, number>;
  /** Operations no request got a 2xx from: how deep the fuzz did not reach. */
  neverAccepted: string[];
  findings: FuzzFinding[];
};

type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string; schema: JsonSchema }>;
        requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
};

/** The operations of the document the docs route serves, in its order. */
export async function servedOperations(app: FastifyInstance): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`the OpenAPI document answered ${res.statusCode}`);
  const document = res.json() as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const params = operation.parameters ?? [];
      const content = operation.requestBody?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: content
          ? {
              required: operation.requestBody?.required ?? false,
              contentTypes: Object.keys(content),
              schema: content['application/json']?.schema,
            }
          : undefined,
      });
    }
  }
  return operations;
}

/** A small marketplace with one of everything the routes act on, and a client per identity. */
export async function createFuzzWorld(): Promise<{ testApp: TestApp; clients: Record<Identity, Client> }> {
  // No job queue: mail goes out inline, so no background work changes a table between the
  // before and after of a request.
  // No rate limits either: they would refuse most requests to a route before its code runs.
  const testApp = await createTestApp({ RUN_JOBS: 'false' }, { rateLimits: false });
  const { app } = testApp;
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const must = async (res: Promise<LightMyRequestResponse>, what: string) => {
    const answer = await res;
    if (answer.statusCode >= 300) throw new Error(`${what}: ${answer.statusCode} ${answer.body}`);
    return (answer.body ? answer.json() : {}) as Record<string, unknown>;
  };

  const member = await signUpAndSignIn(app, EMAILS.member, STRONG_PASSWORD, 'Mina Member');
  const staff = await signUpAndSignIn(app, EMAILS.staff, STRONG_PASSWORD, 'Sami Staff');
  const seller = await signUpAndSignIn(app, 'fuzz-seller@example.test', STRONG_PASSWORD, 'Selma Seller');
  const leaver = await signUpAndSignIn(app, 'fuzz-leaver@example.test', STRONG_PASSWORD, 'Lea Leaver');
  await grantRole(db, EMAILS.staff, 'staff');

  // The seller's store, and what the member bought there.
  const sellerStore = await createFixtureStore(db, 'Fuzz Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 2, max_days: 5 },
  ]);
  await db
    .updateTable('stores')
    .set({ owner_user_id: await userIdOf(db, 'fuzz-seller@example.test') })
    .where('id', '=', sellerStore.storeId)
    .execute();
  const lamp = await createFixtureProduct(db, sellerStore, { title: 'Brass Lamp', price: 4500, stock: 50 });
  const memberId = await userIdOf(db, EMAILS.member);
  const delivered = await createOrderOf(db, memberId, sellerStore.storeId, [lamp], 'delivered');
  await createOrderOf(db, memberId, sellerStore.storeId, [lamp], 'paid');

  // The member's own store, with a product someone ordered.
  await must(member.post('/api/stores', { name: 'Mina Makes', country: 'FR' }), 'open store');
  const profile = await must(
    member.post('/api/seller/shipping-profiles', {
      label: 'Standard',
      rates: [{ country: 'FR', cost: 500, minDays: 1, maxDays: 3 }],
    }),
    'shipping profile',
  );
  const product = await must(
    member.post('/api/seller/products', {
      title: 'Clay Bowl',
      category: 'home-kitchen',
      price: { amount: 2000, currency: 'USD' },
      stock: 20,
      shippingProfileId: profile.id,
    }),
    'product',
  );
  await must(
    member.request('POST', `/api/seller/products/${product.id}/images`, PNG, { 'content-type': 'image/png' }),
    'product image',
  );
  await must(
    member.post(`/api/seller/products/${product.id}/offers`, {
      price: 1500,
      endsAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
    }),
    'offer',
  );
  const memberStore = (
    await db.selectFrom('stores').select('id').where('owner_user_id', '=', memberId).executeTakeFirstOrThrow()
  ).id;
  await createOrderOf(db, await userIdOf(db, 'fuzz-seller@example.test'), memberStore, [product.id as string], 'paid');

  // What a buyer leaves behind: an address, a card, a cart, a review with a photo, a question with
  // an answer, a conversation, a support ticket, a report.
  await must(
    member.post('/api/addresses', { fullName: 'Mina Member', line1: '1 Rue Test', city: 'Lyon', country: 'FR' }),
    'address',
  );
  await must(
    member.post('/api/payment-methods', { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' }),
    'card',
  );
  await must(member.post('/api/cart/lines', { productId: lamp, quantity: 1 }), 'cart line');
  const review = await must(member.post(`/api/products/${lamp}/reviews`, { rating: 4, body: 'Warm light.' }), 'review');
  await must(
    member.request('POST', `/api/reviews/${review.id}/photos`, PNG, { 'content-type': 'image/png' }),
    'review photo',
  );
  const question = await must(
    seller.post(`/api/products/${product.id}/questions`, { body: 'Is it glazed?' }),
    'question',
  );
  await must(member.post(`/api/questions/${question.id}/answers`, { body: 'Yes, inside.' }), 'answer');
  await must(member.post('/api/conversations', { productId: lamp, body: 'Does it dim?' }), 'conversation');
  await must(
    member.post('/api/support/tickets', {
      category: 'order_problem',
      orderId: delivered,
      subject: 'Late',
      body: 'Where is it?',
    }),
    'ticket',
  );
  await must(seller.post('/api/reports', { kind: 'review', id: review.id, reason: 'spam' }), 'report');
  // Accounts being deleted, for the management routes: one waiting, one whose proof found its
  // address quoted in another account's text (a finding for staff to erase or dismiss).
  await must(
    leaver.post('/api/account/deletion', { password: STRONG_PASSWORD, confirmEmail: 'fuzz-leaver@example.test' }),
    'deletion request',
  );
  const quoted = await signUpAndSignIn(app, 'fuzz-quoted@example.test', STRONG_PASSWORD, 'Quinn Quoted');
  await must(
    quoted.post('/api/account/deletion', { password: STRONG_PASSWORD, confirmEmail: 'fuzz-quoted@example.test' }),
    'second deletion request',
  );
  await db
    .updateTable('stores')
    .set({ description: 'Trade enquiries: fuzz-quoted@example.test' })
    .where('id', '=', sellerStore.storeId)
    .execute();
  await db
    .updateTable('products')
    .set({ description: 'Made with fuzz-quoted@example.test' })
    .where('id', '=', lamp)
    .execute();
  const parked = await db
    .selectFrom('deletion_requests')
    .select('id')
    .where('user_id', '=', await userIdOf(db, 'fuzz-quoted@example.test'))
    .executeTakeFirstOrThrow();
  if ((await processDeletion(app.souk, parked.id)) !== 'needs_attention')
    throw new Error('the quoted address did not park the deletion request');
  await forgetRateLimits(app);
  return { testApp, clients: { stranger: new Client(app), member, staff } };
}

/** Ids of the world's rows, by table (up to 10 of each). */
async function knownIds(app: FastifyInstance): Promise<IdPool> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'id'
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition and a.atttypid = 'uuid'::regtype
    order by 1`.execute(app.souk.db);
  if (tables.length === 0) return {};
  const { rows } = await sql<{ t: string; id: string }>`${sql.join(
    tables.map((t) => sql`(select ${t.name} as t, id::text as id from ${sql.table(t.name)} order by id limit 10)`),
    sql` union all `,
  )}`.execute(app.souk.db);
  const pool: IdPool = {};
  for (const row of rows) (pool[row.t] ??= []).push(row.id);
  return pool;
}

/** A checksum per table (row count and an order-free sum of row hashes) and one for stored files. */
async function stateOf(app: FastifyInstance, tables: string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ t: string; n: number; h: string }>`${sql.join(
    tables.map(
      (t) =>
        sql`select ${t} as t, count(*)::int as n, coalesce(sum(hashtext(x::text)::bigint), 0)::text as h from ${sql.table(t)} as x`,
    ),
    sql` union all `,
  )}`.execute(app.souk.db);
  const state = new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  const storage = app.souk.storage as { keys?(): string[]; get(key: string): Promise<Buffer | null> };
  const files = createHash('sha256');
  for (const key of storage.keys?.() ?? [])
    files.update(key).update(
      createHash('sha256')
        .update((await storage.get(key)) ?? '')
        .digest(),
    );
  state.set('(stored files)', files.digest('hex'));
  return state;
}

async function watchedTables(app: FastifyInstance): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relispartition order by 1`.execute(
    app.souk.db,
  );
  return rows.map((r) => r.name).filter((name) => !(name in MAY_CHANGE_ON_REFUSAL));
}

/** A stable seed per operation, so a route added or removed does not change every other route's requests. */
const seedOf = (seed: number, key: string) => createHash('sha256').update(`${seed} ${key}`).digest().readInt32BE(0);

const requestLine = (request: FuzzRequest) => {
  const payload =
    request.payload === undefined
      ? ''
      : Buffer.isBuffer(request.payload)
        ? ` <${request.payload.length} bytes>`
        : ` ${request.payload.length > 300 ? `${request.payload.slice(0, 300)}… (${request.payload.length} chars)` : request.payload}`;
  return `${request.method} ${request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url}${request.contentType ? ` [${request.contentType}]` : ''}${payload}`;
};

export type FuzzOptions = {
  /** Requests per operation (spread over the identities). */
  runs: number;
  seed: number;
  /** Only operations whose "METHOD /path" matches. */
  only?: RegExp;
  /** Called after each operation, with its "METHOD /path" and how many are done of how many. */
  progress?: (operation: string, done: number, total: number) => void;
};

export async function fuzzRoutes(
  app: FastifyInstance,
  clients: Record<Identity, Client>,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const operations = (await servedOperations(app)).filter(
    (op) => !options.only || options.only.test(`${op.method} ${op.path}`),
  );
  const tables = await watchedTables(app);
  const report: FuzzReport = {
    requests: 0,
    operations: operations.length,
    statuses: {},
    neverAccepted: [],
    findings: [],
  };
  for (const [index, operation] of operations.entries()) {
    const key = `${operation.method} ${operation.path}`;
    await forgetRateLimits(app);
    for (const identity of ['member', 'staff'] as const) {
      if ((await clients[identity].get('/api/me')).statusCode === 401)
        clients[identity] = await signIn(app, EMAILS[identity]);
    }
    let state = await stateOf(app, tables);
    const ids = await knownIds(app);
    let accepted = false;
    const samples = fc.sample(fc.tuple(fc.constantFrom(...IDENTITIES), requestsFor(operation, ids)), {
      seed: seedOf(options.seed, key),
      numRuns: options.runs,
    });
    for (const [identity, request] of samples) {
      const res = await clients[identity].request(
        request.method as 'GET',
        request.url,
        request.payload,
        request.contentType === undefined ? {} : { 'content-type': request.contentType },
      );
      report.requests++;
      report.statuses[res.statusCode] = (report.statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode < 300) accepted = true;
      const after = await stateOf(app, tables);
      const finding = {
        operation: key,
        identity,
        label: request.label,
        request: requestLine(request),
        status: res.statusCode,
        answer: res.body.slice(0, 300),
      };
      if (res.statusCode >= 500) {
        report.findings.push(finding);
      } else if (res.statusCode >= 400) {
        const shape = notCatalogueError(res);
        const allowed =
          shape === null
            ? (REFUSALS_WITH_EFFECTS[(res.json() as { error: { code: string } }).error.code]?.tables ?? [])
            : [];
        const changed = [...after]
          .filter(([table, sum]) => state.get(table) !== sum && !allowed.includes(table))
          .map(([table]) => table);
        if (changed.length > 0 || shape !== null)
          report.findings.push({
            ...finding,
            ...(changed.length > 0 ? { changed } : {}),
            ...(shape !== null ? { shape } : {}),
          });
      }
      state = after;
    }
    if (!accepted) report.neverAccepted.push(key);
    options.progress?.(key, index + 1, operations.length);
  }
  return report;
}

/** The findings, one block per operation and kind of failure, with the first request that showed it. */
export function summarizeFindings(findings: FuzzFinding[]): string {
  const groups = new Map<string, FuzzFinding[]>();
  for (const finding of findings) {
    const kind = [
      `${finding.status}`,
      ...(finding.changed ? [`changed ${finding.changed.join(', ')}`] : []),
      ...(finding.shape ? [`answered ${finding.shape}`] : []),
    ].join(' ');
    const key = `${finding.operation} → ${kind}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups]
    .map(([key, group]) => {
      const first = group[0]!;
      return `${key} (${group.length}×)\n  as ${first.identity}: ${first.label}\n  ${first.request}\n  answer: ${first.answer}`;
    })
    .join('\n');
}
