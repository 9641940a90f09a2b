// Conversation list and thread reads as functions (docs/decisions/023), as the product page is
// (015): PL/pgSQL keeps the plan of each statement for the life of the connection, so a request
// pays for executing the reads (about 0.1–0.2 ms here) and not for planning a join with four
// subqueries on every call (about 1 ms, most of the request on PGlite).
//
// Both are scoped to the viewer: a buyer (their user id) or a store (its id as text). A
// conversation the viewer is not part of is never returned.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One page of the viewer's conversations, most recent first: {"total", "unread", "items": [...]}.
    create function messages_conversation_list(viewer_side text, viewer_id text, page_limit integer, page_offset integer)
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
          left join messages m on m.id = c.last_message_id
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
          left join messages m on m.id = c.last_message_id
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
    create function messages_thread(viewer_side text, viewer_id text, conversation_id uuid, before_id uuid, page_limit integer)
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
            where x.conversation_id = t.id and (x.created_at, x.id) < (cursor_at, cursor_id)
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
        left join messages l on l.id = c.last_message_id
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
