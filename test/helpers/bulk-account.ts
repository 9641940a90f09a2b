// A large account written in bulk SQL, for the erasure's crash test and benchmark: conversations
// with messages both ways, reviews (some with photo files), questions, answers under others'
// questions, and orders (shipped, delivered, cancelled) with items, shipments and tracking events.
// The shapes are the real tables'; the API paths that make them one by one are tested elsewhere.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';
import type { FileStorage } from '../../src/storage.ts';

export type BulkShape = {
  conversations: number;
  /** per conversation, alternating: the person, then the store */
  messagesPerConversation: number;
  reviews: number;
  /** reviews (the first ones) that carry one photo file each */
  photos: number;
  questions: number;
  /** the person's answers, each under a question the store asked */
  answers: number;
  orders: number;
};

export type BulkPerson = { userId: string; fullName: string; line1: string; phone: string; country: string };

export type BulkResult = { storeId: string; trackingNumbers: string[]; photoKeys: string[]; personalRows: number };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Fills one account; `label` keeps several accounts' stores, products and tracking numbers apart. */
export async function fillAccount(
  db: Kysely<DB>,
  storage: FileStorage,
  person: BulkPerson,
  sellerUserId: string,
  label: string,
  shape: BulkShape,
): Promise<BulkResult> {
  const products = Math.max(shape.reviews, shape.conversations, shape.questions, shape.answers, 1);
  const {
    rows: [store],
  } = await sql<{ id: string }>`
    insert into stores (name, country, owner_user_id) values (${`Bulk store ${label}`}, 'MA', ${sellerUserId}) returning id`.execute(
    db,
  );
  const storeId = store!.id;
  const category = (
    await db.selectFrom('categories').select('slug').orderBy('position').limit(1).executeTakeFirstOrThrow()
  ).slug;
  await sql`
    with sp as (insert into shipping_profiles (store_id, label) values (${storeId}, 'Standard') returning id)
    insert into products (store_id, category_slug, shipping_profile_id, title, price_minor, current_price_minor, currency, stock, updated_at)
    select ${storeId}, ${category}, sp.id, ${`Bulk ${label} product `} || n, 1000, 1000, 'USD', 10, now()
    from sp cross join generate_series(1, ${products}) n`.execute(db);
  const numbered = sql`(select id, row_number() over (order by id) as n from products where store_id = ${storeId})`;

  await sql`
    insert into conversations (buyer_user_id, store_id, subject_key, product_id, created_at, last_message_at)
    select ${person.userId}, ${storeId}, 'product:' || p.id, p.id, now() - interval '30 days', now() - interval '30 days'
    from ${numbered} p where p.n <= ${shape.conversations}`.execute(db);
  await sql`
    insert into messages (conversation_id, sender_side, sender_user_id, body, created_at)
    select c.id, case when n % 2 = 1 then 'buyer' else 'store' end, case when n % 2 = 1 then ${person.userId} else ${sellerUserId} end,
      'Message ' || n || ': is this still available, and how long does shipping usually take?', c.created_at + make_interval(mins => n)
    from conversations c cross join generate_series(1, ${shape.messagesPerConversation}) n
    where c.store_id = ${storeId}`.execute(db);

  await sql`
    insert into reviews (product_id, author_user_id, rating, body, photo_count)
    select p.id, ${person.userId}, 1 + (p.n % 5)::int, 'Review ' || p.n || ': as described, well packed.', case when p.n <= ${shape.photos} then 1 else 0 end
    from ${numbered} p where p.n <= ${shape.reviews}`.execute(db);
  const photos = await sql<{ key: string }>`
    insert into review_photos (review_id, position, storage_key, content_type, byte_size)
    select r.id, 0, 'reviews/' || r.id || '/' || gen_random_uuid() || '.png', 'image/png', ${PNG.length}
    from reviews r where r.author_user_id = ${person.userId} and r.photo_count = 1
    returning storage_key as key`.execute(db);
  for (const { key } of photos.rows) await storage.put(key, PNG);

  await sql`
    insert into questions (product_id, author_user_id, body)
    select p.id, ${person.userId}, 'Question ' || p.n || ': does it come with a warranty?'
    from ${numbered} p where p.n <= ${shape.questions}`.execute(db);
  await sql`
    with asked as (
      insert into questions (product_id, author_user_id, body)
      select p.id, ${sellerUserId}, 'Seller question ' || p.n || ': anyone tried it outdoors?'
      from ${numbered} p where p.n <= ${shape.answers} returning id
    )
    insert into answers (question_id, author_user_id, by_seller, body)
    select id, ${person.userId}, false, 'Yes, it works fine outdoors.' from asked`.execute(db);

  const tracking: string[] = [];
  if (shape.orders > 0) {
    const {
      rows: [checkout],
    } = await sql<{ id: string }>`
      insert into checkouts (buyer_user_id, idempotency_key, currency, total_minor, status)
      values (${person.userId}, ${`bulk-${label}`}, 'USD', ${shape.orders * 2500}, 'paid') returning id`.execute(db);
    await sql`
      insert into orders (number, checkout_id, buyer_user_id, store_id, status, currency, items_minor, discount_minor, shipping_minor, total_minor,
        ship_full_name, ship_line1, ship_city, ship_country, ship_phone, delivery_min_days, delivery_max_days,
        placed_at, paid_at, shipped_at, delivered_at, cancelled_at, cancelled_by)
      select ${`B${label.toUpperCase()}-`} || lpad(n::text, 6, '0'), ${checkout!.id}, ${person.userId}, ${storeId},
        (array['delivered', 'shipped', 'cancelled'])[1 + n % 3], 'USD', 2000, 0, 500, 2500,
        ${person.fullName}, ${person.line1}, 'Casablanca', ${person.country}, ${person.phone}, 2, 5,
        now() - interval '20 days', now() - interval '20 days',
        case when n % 3 <> 2 then now() - interval '19 days' end, case when n % 3 = 0 then now() - interval '15 days' end,
        case when n % 3 = 2 then now() - interval '19 days' end, case when n % 3 = 2 then 'buyer' end
      from generate_series(1, ${shape.orders}) n`.execute(db);
    await sql`
      insert into order_items (order_id, position, product_id, title, quantity, unit_price_minor, list_price_minor)
      select o.id, i, null, 'Bulk item ' || i, 1, 1000, 1200
      from orders o cross join generate_series(1, 2) i where o.checkout_id = ${checkout!.id}`.execute(db);
    const shipped = await sql<{ tracking_number: string }>`
      insert into shipments (order_id, tracking_number, carrier, destination_country, status)
      select id, ${`TRK${label.toUpperCase()}-`} || number, 'Bulk Post', ship_country, case when status = 'delivered' then 'delivered' else 'in_transit' end
      from orders where checkout_id = ${checkout!.id} and status in ('shipped', 'delivered')
      returning tracking_number`.execute(db);
    tracking.push(...shipped.rows.map((r) => r.tracking_number));
    await sql`
      insert into tracking_events (shipment_id, status, occurred_at)
      select s.id, e.status, now() - make_interval(days => e.days)
      from shipments s join orders o on o.id = s.order_id
      cross join (values ('shipped', 19), ('in_transit', 17)) e(status, days)
      where o.checkout_id = ${checkout!.id}`.execute(db);
  }
  await sql`
    insert into addresses (user_id, full_name, line1, city, country, phone)
    values (${person.userId}, ${person.fullName}, ${person.line1}, 'Casablanca', ${person.country}, ${person.phone})`.execute(
    db,
  );

  const personalRows =
    shape.conversations * Math.ceil(shape.messagesPerConversation / 2) +
    shape.reviews +
    shape.photos +
    shape.questions +
    shape.answers +
    shape.orders;
  return { storeId, trackingNumbers: tracking, photoKeys: photos.rows.map((r) => r.key), personalRows };
}
