// Reports and moderation. Anyone signed in reports a visible post of someone else, once; staff
// see reported posts and hide them (a hidden post is left out of every public list and of the
// ratings, and only its author still sees it), unhide them, or dismiss the reports.
import { sql, type Kysely } from 'kysely';
import type { DB, ReportReason } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { displayNameOf } from '../accounts/index.ts';
import { productTitleOf } from '../catalog/index.ts';
import { refreshRatings } from './ratings.ts';
import type { FromSchema } from '../../schemas.ts';
import type { PostKind, ReportBody } from './schemas.ts';

const TABLES = { review: 'reviews', question: 'questions', answer: 'answers' } as const;
const REPORT_COLUMNS = { review: 'review_id', question: 'question_id', answer: 'answer_id' } as const;

export async function reportPost(db: Kysely<DB>, userId: string, input: FromSchema<typeof ReportBody>): Promise<void> {
  const post = await db
    .selectFrom(TABLES[input.kind])
    .select(['author_user_id'])
    .where('id', '=', input.id)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  if (!post) throw new AppError('NOT_FOUND');
  if (post.author_user_id === userId) throw new AppError('FORBIDDEN', { message: 'You cannot report your own post.' });
  const inserted = await db
    .insertInto('post_reports')
    .values({
      [REPORT_COLUMNS[input.kind]]: input.id,
      reporter_user_id: userId,
      reason: input.reason,
      note: input.note ?? '',
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new AppError('ALREADY_REPORTED');
}

type ReportedRow = {
  kind: PostKind;
  id: string;
  body: string;
  rating: number | null;
  hidden: boolean;
  created_at: Date;
  author_name: string;
  product_id: string;
  product_title: string;
  open_reports: number;
  last_reported_at: Date;
  reports: Array<{ reason: ReportReason; note: string; at: string; open: boolean }>;
};

/** Reported posts, most recently reported first: with open reports, or hidden. */
export async function listReportedPosts(
  db: Kysely<DB>,
  options: { status: 'open' | 'hidden'; page: number; pageSize: number },
) {
  const { rows } = await sql<ReportedRow & { total: number }>`
    with grouped as (
      select pr.review_id, pr.question_id, pr.answer_id,
        (count(*) filter (where pr.resolved_at is null))::int as open_reports,
        max(pr.created_at) as last_reported_at,
        json_agg(json_build_object('reason', pr.reason, 'note', pr.note, 'open', pr.resolved_at is null,
          'at', to_char(pr.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by pr.created_at desc) as reports
      from post_reports pr
      group by pr.review_id, pr.question_id, pr.answer_id
    ), posts as (
      select g.*,
        case when g.review_id is not null then 'review' when g.question_id is not null then 'question' else 'answer' end as kind,
        coalesce(r.id, q.id, a.id) as id,
        coalesce(r.body, q.body, a.body) as body,
        r.rating::int as rating,
        coalesce(r.hidden_at, q.hidden_at, a.hidden_at) is not null as hidden,
        coalesce(r.created_at, q.created_at, a.created_at) as created_at,
        ${displayNameOf(sql`coalesce(r.author_user_id, q.author_user_id, a.author_user_id)`)} as author_name,
        coalesce(r.product_id, q.product_id, aq.product_id) as product_id,
        ${productTitleOf(sql`coalesce(r.product_id, q.product_id, aq.product_id)`)} as product_title
      from grouped g
      left join reviews r on r.id = g.review_id
      left join questions q on q.id = g.question_id
      left join answers a on a.id = g.answer_id
      left join questions aq on aq.id = a.question_id
    )
    select *, (count(*) over ())::int as total from posts
    where ${options.status === 'open' ? sql`open_reports > 0` : sql`hidden`}
    order by last_reported_at desc, id
    limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}
  `.execute(db);
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      product: { id: r.product_id, title: r.product_title },
      body: r.body,
      rating: r.rating,
      author: { name: r.author_name },
      hidden: r.hidden,
      openReports: r.open_reports,
      reports: r.reports,
      lastReportedAt: new Date(r.last_reported_at).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total: rows[0]?.total ?? 0,
    page: options.page,
    pageSize: options.pageSize,
  };
}

/** Hides or shows a post again; hiding resolves its open reports. Ratings follow at once. */
export async function setPostHidden(db: Kysely<DB>, kind: PostKind, id: string, hidden: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const table = TABLES[kind];
    const updated = await sql<{ product_id: string | null }>`
      update ${sql.table(table)} set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`}
      where id = ${id}
      returning ${kind === 'answer' ? sql`null::uuid` : sql.ref('product_id')} as product_id
    `.execute(trx);
    const row = updated.rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    if (hidden) await resolveReports(trx, kind, id);
    if (kind === 'review' && row.product_id) await refreshRatings(trx, [row.product_id]);
  });
}

/** Keeps the post as it is and closes its open reports. */
export async function dismissReports(db: Kysely<DB>, kind: PostKind, id: string): Promise<void> {
  const found = await db.selectFrom(TABLES[kind]).select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  await resolveReports(db, kind, id);
}

async function resolveReports(db: Kysely<DB>, kind: PostKind, id: string): Promise<void> {
  await db
    .updateTable('post_reports')
    .set({ resolved_at: sql<Date>`now()` })
    .where(REPORT_COLUMNS[kind], '=', id)
    .where('resolved_at', 'is', null)
    .execute();
}
