// Posts: reviews (one per buyer per product, from a delivered order of it) with photos, questions
// on a product with their answers, helpful votes, and reports that staff act on by hiding a post.
// Ratings are kept on the product and store rows as a sum and a count of the visible reviews, so
// product pages and cards stay one query; src/modules/posts/ratings.ts recomputes them on every
// change. Numbers 007, 008, 009 and 011 belong to other branches.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products
      add column rating_sum integer not null default 0 check (rating_sum >= 0),
      add column rating_count integer not null default 0 check (rating_count >= 0);
    alter table stores
      add column rating_sum integer not null default 0 check (rating_sum >= 0),
      add column rating_count integer not null default 0 check (rating_count >= 0);

    create table reviews (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products (id) on delete cascade,
      author_user_id text not null references users (id) on delete cascade,
      rating smallint not null check (rating between 1 and 5),
      body text not null check (length(body) between 1 and 5000),
      photo_count integer not null default 0 check (photo_count between 0 and 5),
      helpful_count integer not null default 0 check (helpful_count >= 0),
      hidden_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (author_user_id, product_id)
    );
    create index reviews_product_newest_idx on reviews (product_id, created_at desc) where hidden_at is null;

    create table review_photos (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews (id) on delete cascade,
      position integer not null check (position between 0 and 4),
      storage_key text not null unique,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      byte_size integer not null check (byte_size > 0),
      created_at timestamptz not null default now(),
      constraint review_photos_position_key unique (review_id, position) deferrable initially deferred
    );

    create table review_votes (
      review_id uuid not null references reviews (id) on delete cascade,
      user_id text not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (review_id, user_id)
    );
    create index review_votes_user_idx on review_votes (user_id);

    create table questions (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products (id) on delete cascade,
      author_user_id text not null references users (id) on delete cascade,
      body text not null check (length(body) between 1 and 1000),
      hidden_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index questions_product_idx on questions (product_id, created_at desc);
    create index questions_author_idx on questions (author_user_id);

    create table answers (
      id uuid primary key default gen_random_uuid(),
      question_id uuid not null references questions (id) on delete cascade,
      author_user_id text not null references users (id) on delete cascade,
      -- the product's seller answered (fixed when written)
      by_seller boolean not null,
      body text not null check (length(body) between 1 and 2000),
      hidden_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index answers_question_idx on answers (question_id, created_at);
    create index answers_author_idx on answers (author_user_id);

    -- One report per person per post; exactly one of the three post columns is set.
    create table post_reports (
      id uuid primary key default gen_random_uuid(),
      review_id uuid references reviews (id) on delete cascade,
      question_id uuid references questions (id) on delete cascade,
      answer_id uuid references answers (id) on delete cascade,
      reporter_user_id text not null references users (id) on delete cascade,
      reason text not null check (reason in ('spam', 'offensive', 'off_topic', 'personal_data', 'other')),
      note text not null default '' check (length(note) <= 500),
      created_at timestamptz not null default now(),
      -- set when staff hid the post or dismissed its reports
      resolved_at timestamptz,
      check (num_nonnulls(review_id, question_id, answer_id) = 1)
    );
    create unique index post_reports_review_key on post_reports (review_id, reporter_user_id) where review_id is not null;
    create unique index post_reports_question_key on post_reports (question_id, reporter_user_id) where question_id is not null;
    create unique index post_reports_answer_key on post_reports (answer_id, reporter_user_id) where answer_id is not null;
    create index post_reports_open_idx on post_reports (created_at) where resolved_at is null;
    create index post_reports_reporter_idx on post_reports (reporter_user_id);
  `.execute(db);
}
