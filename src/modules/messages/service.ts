// Writing messages: starting (or reusing) a conversation and replying. The message, the
// conversation's counters and the notification mail are written in one transaction; the mail is
// dispatched after the commit (decision 003).
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, MessageSide } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { activeContactOf } from '../accounts/index.ts';
import { listedProductOf, productTitleOf, nameOfStore, openStoreOf, ownerOfStore } from '../catalog/index.ts';
import { orderNumberOf, orderOfBuyer } from '../orders/index.ts';
import { MESSAGE_MAIL_THROTTLE_MINUTES, messageMailTemplates } from './mails.ts';
import type { Viewer } from './repository.ts';

export const RATE_LIMITS = {
  start: { max: 20, windowSeconds: 3600 },
  send: { max: 30, windowSeconds: 600 },
} as const;

type Subject =
  | { kind: 'product'; productId: string }
  | { kind: 'order'; orderId: string }
  /** the store itself, from its page: one such conversation per buyer and store */
  | { kind: 'store'; storeId: string };

/** Trims the ends; the schema already refused empty and overlong text. */
const cleanBody = (body: string) => body.trim();

/**
 * A buyer writes to the store behind a product or one of their own orders. The conversation between
 * this buyer and store about the same subject is reused; otherwise one is opened. Returns its id.
 */
export async function startConversation(
  ctx: AppContext,
  buyerUserId: string,
  subject: Subject,
  body: string,
): Promise<string> {
  const { db } = ctx;
  const target =
    subject.kind === 'product'
      ? await listedProductOf(db, subject.productId)
      : subject.kind === 'store'
        ? await openStoreOf(db, subject.storeId)
        : await db
            .selectFrom(orderOfBuyer(subject.orderId, buyerUserId).as('o'))
            .select(['o.store_id', ownerOfStore(sql.ref('o.store_id')).as('owner_user_id')])
            .executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND');
  if (target.owner_user_id === buyerUserId) throw new AppError('OWN_STORE');
  if (target.owner_user_id === null) throw new AppError('CONVERSATION_CLOSED');
  const subjectKey =
    subject.kind === 'product'
      ? `product:${subject.productId}`
      : subject.kind === 'order'
        ? `order:${subject.orderId}`
        : 'store';

  const { conversationId, mailId } = await db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: string }>`
      insert into conversations (buyer_user_id, store_id, subject_key, product_id, order_id)
      values (${buyerUserId}, ${target.store_id}, ${subjectKey},
        ${subject.kind === 'product' ? subject.productId : null}, ${subject.kind === 'order' ? subject.orderId : null})
      on conflict (buyer_user_id, store_id, subject_key) where buyer_user_id is not null do nothing
      returning id`.execute(trx);
    const id =
      inserted.rows[0]?.id ??
      (
        await trx
          .selectFrom('conversations')
          .select('id')
          .where('buyer_user_id', '=', buyerUserId)
          .where('store_id', '=', target.store_id)
          .where('subject_key', '=', subjectKey)
          .executeTakeFirstOrThrow()
      ).id;
    const posted = await postInTransaction(
      ctx,
      trx,
      { side: 'buyer', userId: buyerUserId },
      id,
      buyerUserId,
      cleanBody(body),
    );
    return { conversationId: id, mailId: posted.mailId };
  });
  await ctx.mail.dispatch([mailId]);
  return conversationId;
}

/** A reply from the viewer's side. Someone who is not part of the conversation gets 404. */
export async function reply(
  ctx: AppContext,
  viewer: Viewer,
  senderUserId: string,
  conversationId: string,
  body: string,
) {
  const posted = await ctx.db
    .transaction()
    .execute((trx) => postInTransaction(ctx, trx, viewer, conversationId, senderUserId, cleanBody(body)));
  await ctx.mail.dispatch([posted.mailId]);
  return posted.message;
}

async function postInTransaction(
  ctx: AppContext,
  trx: Transaction<DB>,
  viewer: Viewer,
  conversationId: string,
  senderUserId: string,
  body: string,
) {
  const side: MessageSide = viewer.side;
  const other: MessageSide = side === 'buyer' ? 'store' : 'buyer';
  // Lock the conversation: messages to it are counted and mailed one at a time.
  const conversation = await trx
    .selectFrom('conversations as c')
    .select([
      'c.id',
      'c.buyer_user_id',
      'c.store_id',
      'c.product_id',
      'c.order_id',
      ownerOfStore(sql.ref('c.store_id')).as('owner_user_id'),
      nameOfStore(sql.ref('c.store_id')).as('store_name'),
    ])
    .where('c.id', '=', conversationId)
    .where(
      viewer.side === 'buyer'
        ? sql<boolean>`c.buyer_user_id = ${viewer.userId}`
        : sql<boolean>`c.store_id = ${viewer.storeId}`,
    )
    .forUpdate('c')
    .executeTakeFirst();
  if (!conversation) throw new AppError('NOT_FOUND');
  const recipientId = other === 'buyer' ? conversation.buyer_user_id : conversation.owner_user_id;
  if (recipientId === null) throw new AppError('CONVERSATION_CLOSED');

  const message = await trx
    .insertInto('messages')
    .values({ conversation_id: conversation.id, sender_side: side, sender_user_id: senderUserId, body })
    .returning(['id', 'sender_side', 'body', 'created_at'])
    .executeTakeFirstOrThrow();
  const unread = sql.ref(`${other}_unread_count`);
  const notifiedAt = sql.ref(`${other}_notified_at`);
  // At most one mail per conversation and recipient per 15 minutes: the row lock makes the
  // check-and-set atomic, and now() is the transaction's start, so "set just now" is an equality.
  const updated = await sql<{ notify: boolean }>`
    update conversations set
      last_message_at = ${message.created_at}, last_message_id = ${message.id}, ${unread} = ${unread} + 1,
      ${notifiedAt} = case when ${notifiedAt} is null or ${notifiedAt} <= now() - make_interval(mins => ${MESSAGE_MAIL_THROTTLE_MINUTES})
        then now() else ${notifiedAt} end
    where id = ${conversation.id}
    returning ${notifiedAt} = now() as notify`.execute(trx);

  let mailId: string | null = null;
  if (updated.rows[0]?.notify) {
    const recipient = await activeContactOf(trx, recipientId);
    if (recipient) {
      const subject = await trx
        .selectFrom('conversations as c')
        .select([
          productTitleOf(sql.ref('c.product_id')).as('productTitle'),
          orderNumberOf(sql.ref('c.order_id')).as('orderNumber'),
        ])
        .where('c.id', '=', conversation.id)
        .executeTakeFirstOrThrow();
      const base = ctx.config.publicUrl;
      const mail =
        other === 'buyer'
          ? messageMailTemplates.toBuyer(recipient.language, {
              ...subject,
              storeName: conversation.store_name,
              url: `${base}/account/messages/${conversation.id}`,
            })
          : messageMailTemplates.toStore(recipient.language, {
              ...subject,
              storeName: conversation.store_name,
              url: `${base}/seller/messages/${conversation.id}`,
            });
      mailId = await ctx.mail.enqueue(trx, { to: recipient.email, userId: recipient.id, kind: 'messages', mail });
    }
  }
  return {
    mailId,
    message: {
      id: message.id,
      side,
      fromMe: true,
      body: message.body,
      removed: false,
      createdAt: message.created_at.toISOString(),
    },
  };
}
