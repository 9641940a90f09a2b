// Messages in thirty-two partitions by conversation (decision 029). PGlite runs each statement on one
// thread that every request waits for, and has no autovacuum: after an erasure the erasure VACUUMs
// what it changed. One VACUUM of a whole messages table took 52–95 ms there, over the 50 ms that
// issue 5 allows any statement, and without index cleanup (which took 140 ms) it grew with every
// erasure, as the removed rows' index entries were never cleaned. A partition holds a thirty-second of
// the table: the erasure VACUUMs each partition it changed, index cleanup included, one statement
// at a time with the event loop between them (measured: at most 14–16 ms each).
//
// A partition is chosen by conversation, so a thread is read from one partition. The key of a
// message is (id, conversation_id) (a partitioned table's unique keys hold the partition key); a
// conversation points at its last message through both columns, and the reads join on both so
// the planner reads the one partition. The thread names its conversation by the function's
// argument, not by the joined row: a value known when the statement starts lets the executor
// prune the other partitions before it opens them, where a value from another row of the same
// statement opens all 32 and prunes on each lookup.
import { sql, type Kysely } from 'kysely';

const MESSAGE_PARTITIONS = 32;

export async function up(db: Kysely<unknown>): Promise<void> {
  const partitions = Array.from(
    { length: MESSAGE_PARTITIONS },
    (_, i) =>
      `create table messages_p${String(i).padStart(2, '0')} partition of messages for values with (modulus ${MESSAGE_PARTITIONS}, remainder ${i});`,
  ).join('\n    ');
  await sql`
    alter table conversations drop constraint conversations_last_message_fkey;
    alter table messages rename to messages_unpartitioned;
    create table messages (
      id uuid not null default gen_random_uuid(),
      conversation_id uuid not null references conversations (id) on delete cascade,
      sender_side text not null check (sender_side in ('buyer', 'store')),
      sender_user_id text references users (id) on delete set null,
      -- null once the sender's account was erased: the row is a tombstone
      body text check (length(body) between 1 and 2000),
      created_at timestamptz not null default now(),
      check (body is not null or sender_user_id is null)
    ) partition by hash (conversation_id);
    ${sql.raw(partitions)}
    insert into messages (id, conversation_id, sender_side, sender_user_id, body, created_at)
      select id, conversation_id, sender_side, sender_user_id, body, created_at from messages_unpartitioned;
    drop table messages_unpartitioned;
    alter table messages add constraint messages_pkey primary key (id, conversation_id);
    create index messages_conversation_idx on messages (conversation_id, created_at desc, id desc);
    create index messages_sender_idx on messages (sender_user_id, conversation_id) where sender_user_id is not null;
    alter table conversations add constraint conversations_last_message_fkey
      foreign key (last_message_id, id) references messages (id, conversation_id) on delete set null (last_message_id) deferrable initially deferred;
    analyze messages;

    -- One page of the viewer's conversations, most recent first: {"total", "unread", "items": [...]}.
    create or replace function messages_conversation_list(viewer_side text, viewer_id text, page_limit integer, page_offset integer)
    returns json language plpgsql stable as $$
    declare
      all_count bigint;
      unread_count bigint;
      items json;
    begin
      if viewer_side = 'buyer' then
        select count(*), coalesce(sum(x.buyer_unread_count), 0) into all_count, unread_count
        from conversations x where x.buyer_user_id = viewer_id;
        -- The page is cut first (in index order), so the rest is computed for its rows only.
        select json_agg(t) into items from (
          select c.id, c.store_id, s.name as store_name, s.owner_user_id is not null as store_open, c.buyer_user_id, null::text as buyer_name,
            c.product_id, (select p.title from products p where p.id = c.product_id) as product_title,
            c.order_id, (select o.number from orders o where o.id = c.order_id) as order_number,
            c.last_message_at, c.buyer_unread_count as unread, left(m.body, 160) as last_body, m.sender_side as last_side, m.created_at as last_created_at
          from (select * from conversations x where x.buyer_user_id = viewer_id
                order by x.last_message_at desc, x.id desc limit page_limit offset page_offset) c
          join stores s on s.id = c.store_id
          left join messages m on m.conversation_id = c.id and m.id = c.last_message_id
          order by c.last_message_at desc, c.id desc
        ) t;
      elsif viewer_side = 'store' then
        select count(*), coalesce(sum(x.store_unread_count), 0) into all_count, unread_count
        from conversations x where x.store_id = viewer_id::uuid;
        select json_agg(t) into items from (
          select c.id, c.store_id, s.name as store_name, s.owner_user_id is not null as store_open, c.buyer_user_id,
            (select u.display_name from users u where u.id = c.buyer_user_id) as buyer_name,
            c.product_id, (select p.title from products p where p.id = c.product_id) as product_title,
            c.order_id, (select o.number from orders o where o.id = c.order_id) as order_number,
            c.last_message_at, c.store_unread_count as unread, left(m.body, 160) as last_body, m.sender_side as last_side, m.created_at as last_created_at
          from (select * from conversations x where x.store_id = viewer_id::uuid
                order by x.last_message_at desc, x.id desc limit page_limit offset page_offset) c
          join stores s on s.id = c.store_id
          left join messages m on m.conversation_id = c.id and m.id = c.last_message_id
          order by c.last_message_at desc, c.id desc
        ) t;
      else
        raise exception 'unknown viewer side %', viewer_side;
      end if;
      return json_build_object('total', all_count, 'unread', unread_count, 'items', coalesce(items, '[]'::json));
    end
    $$;

    -- A conversation the viewer is part of, with one page of messages (newest first: the newest
    -- page_limit + 1, or those before the message before_id of the same conversation):
    -- {"conversation": {...}, "messages": [...]}; null when the viewer is not part of it.
    create or replace function messages_thread(viewer_side text, viewer_id text, conversation_id uuid, before_id uuid, page_limit integer)
    returns json language plpgsql stable as $$
    declare
      -- no cursor: everything (a cursor that is not a message of this conversation: nothing)
      cursor_at timestamptz := 'infinity';
      cursor_id uuid := 'ffffffff-ffff-ffff-ffff-ffffffffffff';
      result json;
    begin
      if before_id is not null then
        select b.created_at, b.id into cursor_at, cursor_id from messages b where b.id = before_id and b.conversation_id = messages_thread.conversation_id;
      end if;
      select json_build_object('conversation', row_to_json(t), 'messages', (
          select coalesce(json_agg(x), '[]'::json) from (
            select x.id, x.sender_side, x.body, x.created_at from messages x
            where x.conversation_id = messages_thread.conversation_id and (x.created_at, x.id) < (cursor_at, cursor_id)
            order by x.created_at desc, x.id desc
            limit page_limit + 1) x))
      into result
      from (
        select c.id, c.store_id, s.name as store_name, s.owner_user_id is not null as store_open, c.buyer_user_id,
          case when viewer_side = 'store' then (select u.display_name from users u where u.id = c.buyer_user_id) end as buyer_name,
          c.product_id, (select p.title from products p where p.id = c.product_id) as product_title,
          c.order_id, (select o.number from orders o where o.id = c.order_id) as order_number,
          c.last_message_at, case when viewer_side = 'buyer' then c.buyer_unread_count else c.store_unread_count end as unread,
          left(l.body, 160) as last_body, l.sender_side as last_side, l.created_at as last_created_at
        from conversations c
        join stores s on s.id = c.store_id
        left join messages l on l.conversation_id = messages_thread.conversation_id and l.id = c.last_message_id
        where c.id = messages_thread.conversation_id
          and case when viewer_side = 'buyer' then c.buyer_user_id = viewer_id
                   when viewer_side = 'store' then c.store_id::text = viewer_id
                   else false end
      ) t;
      return result;
    end
    $$;
  `.execute(db);
}
