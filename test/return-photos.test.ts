// A return's photos over HTTP (issue 19): checked by their bytes, limited in size and number, served
// only to the buyer, the store's owner and staff; and the returns in "Download your data".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Client, createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { JPEG, PNG } from './helpers/posts.ts';
import { openLampShop } from './helpers/returns.ts';
import { grantRole } from '../src/modules/roles/service.ts';
import { createMemoryStorage } from '../src/storage.ts';

test('return photos and the returns export', async (t) => {
  const storage = createMemoryStorage();
  const { app, close } = await createTestApp({}, { storage });
  t.after(close);
  const db = app.souk.db;
  const { seller, buyer, deliveredOrder } = await openLampShop(app);
  const other = await signUpAndSignIn(app, 'other@example.com', undefined, 'Other');
  const staff = await signUpAndSignIn(app, 'staff@example.com', undefined, 'Staff');
  assert.ok(await grantRole(db, 'staff@example.com', 'staff'));

  const orderId = await deliveredOrder();
  const asked = await buyer.post(`/api/orders/${orderId}/returns`, {
    items: [{ position: 0, quantity: 1 }],
    reason: 'damaged',
    comment: 'RETURN-COMMENT cracked shade',
  });
  assert.equal(asked.statusCode, 201, asked.body);
  const returnId = asked.json().id as string;

  const upload = (client: Client, data: Buffer, type = 'image/png', id = returnId) =>
    client.app.inject({
      method: 'POST',
      url: `/api/returns/${id}/photos`,
      payload: data,
      headers: {
        origin: client.origin,
        'content-type': type,
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  const codeOf = (res: { statusCode: number; json(): unknown }) => [
    res.statusCode,
    (res.json() as { error: { code: string } }).error.code,
  ];
  const filesOfReturn = () => storage.keys().filter((k) => k.startsWith(`returns/${returnId}/`));

  await t.test('bad uploads are refused with stable codes and leave no file behind', async () => {
    assert.deepEqual(codeOf(await upload(buyer, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))), [
      400,
      'IMAGE_INVALID',
    ]);
    assert.deepEqual(codeOf(await upload(buyer, Buffer.from('GIF89a......'))), [400, 'IMAGE_INVALID']);
    assert.deepEqual(codeOf(await upload(buyer, PNG, 'image/gif')), [415, 'UNSUPPORTED_MEDIA_TYPE']);
    assert.deepEqual(codeOf(await upload(buyer, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]))), [
      413,
      'BODY_TOO_LARGE',
    ]);
    assert.deepEqual(codeOf(await upload(other, PNG)), [404, 'NOT_FOUND'], 'someone else’s return');
    assert.deepEqual(codeOf(await upload(seller, PNG)), [404, 'NOT_FOUND'], 'the seller adds no photos');
    assert.deepEqual(codeOf(await upload(buyer, PNG, 'image/png', 'not-a-uuid')), [400, 'VALIDATION_FAILED']);
    assert.deepEqual(filesOfReturn(), []);
  });

  await t.test('up to five photos; a sixth is refused; the bytes decide the type', async () => {
    const first = await upload(buyer, JPEG, 'image/webp');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().contentType, 'image/jpeg');
    for (let i = 1; i < 5; i++) assert.equal((await upload(buyer, PNG)).statusCode, 201);
    assert.deepEqual(codeOf(await upload(buyer, PNG)), [409, 'LIMIT_REACHED']);
    assert.equal(filesOfReturn().length, 5);
    const view = (await buyer.get(`/api/orders/${orderId}/returns`)).json();
    assert.equal(view.returns[0].photos.length, 5);
  });

  await t.test('photos are served to the buyer, the store owner and staff, to nobody else', async () => {
    const url = (await buyer.get(`/api/orders/${orderId}/returns`)).json().returns[0].photos[0].url as string;
    for (const client of [buyer, seller, staff]) {
      const res = await client.get(url);
      assert.equal(
        res.statusCode,
        200,
        `${client === staff ? 'staff' : client === seller ? 'seller' : 'buyer'} ${res.body}`,
      );
      assert.equal(res.headers['content-type'], 'image/jpeg');
      assert.deepEqual(res.rawPayload, JPEG);
    }
    assert.equal((await other.get(url)).statusCode, 404);
    assert.equal((await other.app.inject({ method: 'GET', url })).statusCode, 401);
  });

  await t.test('no photos once the return is settled', async () => {
    await db.deleteFrom('return_photos').where('return_id', '=', returnId).execute();
    assert.equal((await seller.post(`/api/seller/returns/${returnId}/accept`, { mode: 'refund' })).statusCode, 200);
    assert.deepEqual(codeOf(await upload(buyer, PNG)), [409, 'RETURN_STATE']);
  });

  await t.test('"Download your data" lists the buyer’s returns with items, timeline and refund', async () => {
    const data = (await buyer.get('/api/account/export')).json();
    assert.equal(data.returns.length, 1);
    const [ret] = data.returns;
    assert.equal(ret.comment, 'RETURN-COMMENT cracked shade');
    assert.deepEqual(
      ret.items.map((i: { title: string; quantity: number }) => [i.title, i.quantity]),
      [['Brass Lamp', 1]],
    );
    assert.deepEqual(
      ret.events.map((e: { kind: string }) => e.kind),
      ['requested', 'accepted_refund', 'refunded'],
    );
    assert.equal(ret.refunds[0].status, 'succeeded');
    assert.equal(ret.refunds[0].amount_minor, 4000);
    assert.deepEqual((await other.get('/api/account/export')).json().returns, [], 'nobody else’s');
    assert.deepEqual((await seller.get('/api/account/export')).json().returns, []);
  });
});
