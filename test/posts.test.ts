// Posts through the HTTP API: reviews with photos and helpful votes, questions and answers,
// reports and staff moderation; who may do what, bad input, ratings on products and stores, and
// the erasure of a person's posts (rows, files and ratings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Client, createTestApp, forgetRateLimits, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { createOrderOf, JPEG, PNG, userIdOf } from './helpers/posts.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { grantRole } from '../src/modules/roles/service.ts';
import { postsErasure } from '../src/modules/posts/erasure.ts';
import { eraseInBatches } from '../src/erasure/executor.ts';
import { createMemoryStorage } from '../src/storage.ts';

type Rating = { average: number | null; count: number };
type Review = {
  id: string;
  rating: number;
  body: string;
  author: { name: string };
  photos: Array<{ id: string; url: string }>;
  helpfulCount: number;
  hidden: boolean;
  mine: boolean;
  votedHelpful: boolean;
};
type Question = {
  id: string;
  body: string;
  mine: boolean;
  answers: Array<{ id: string; body: string; bySeller: boolean; author: { name: string }; mine: boolean }>;
};

function expectError(res: LightMyRequestResponse, status: number, code: string, label = '') {
  assert.equal(res.statusCode, status, `${label} ${res.body}`);
  assert.equal(res.json().error.code, code, label);
}

test('posts: reviews, questions, answers, reports and moderation', async (t) => {
  const storage = createMemoryStorage();
  const { app, close } = await createTestApp({}, { storage });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });

  const seller = await signUpAndSignIn(app, 'seller@example.com', undefined, 'Idris Seller');
  const amina = await signUpAndSignIn(app, 'amina@example.com', undefined, 'Amina');
  const bilal = await signUpAndSignIn(app, 'bilal@example.com', undefined, 'Bilal');
  const carla = await signUpAndSignIn(app, 'carla@example.com', undefined, 'Carla');
  const staff = await signUpAndSignIn(app, 'staff@example.com', undefined, 'Staff');
  await grantRole(db, 'staff@example.com', 'staff');
  const support = await signUpAndSignIn(app, 'support@example.com', undefined, 'Support');
  await grantRole(db, 'support@example.com', 'support');
  const anonymous = new Client(app);

  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  await db
    .updateTable('stores')
    .set({ owner_user_id: await userIdOf(db, 'seller@example.com') })
    .where('id', '=', store.storeId)
    .execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });
  const rug = await createFixtureProduct(db, store, { title: 'Wool Rug', price: 9000 });
  await createOrderOf(db, await userIdOf(db, 'amina@example.com'), store.storeId, [lamp, rug]);
  await createOrderOf(db, await userIdOf(db, 'bilal@example.com'), store.storeId, [lamp]);
  await createOrderOf(db, await userIdOf(db, 'carla@example.com'), store.storeId, [lamp], 'shipped');

  const reviewsOf = async (productId: string, query = '') =>
    (await anonymous.get(`/api/products/${productId}/reviews${query}`)).json() as {
      rating: Rating;
      items: Review[];
      total: number;
    };
  const productRating = async (productId: string) => {
    const p = (await anonymous.get(`/api/products/${productId}?country=FR`)).json() as {
      rating: Rating;
      store: { rating: Rating };
    };
    return { product: p.rating, store: p.store.rating };
  };
  const reviewCount = async () =>
    Number(
      (
        await db
          .selectFrom('reviews')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let aminaReview: Review;
  await t.test(
    'no review without a delivered order of the product; bad input is refused and changes nothing',
    async () => {
      const mine = (await amina.get(`/api/products/${lamp}/reviews/mine`)).json();
      assert.deepEqual(mine, { eligible: true, review: null });
      assert.equal(
        (await carla.get(`/api/products/${lamp}/reviews/mine`)).json().eligible,
        false,
        'shipped is not delivered',
      );
      expectError(
        await carla.post(`/api/products/${lamp}/reviews`, { rating: 5, body: 'Great' }),
        403,
        'REVIEW_NOT_ALLOWED',
        'shipped only',
      );
      expectError(
        await staff.post(`/api/products/${lamp}/reviews`, { rating: 5, body: 'Great' }),
        403,
        'REVIEW_NOT_ALLOWED',
        'never bought',
      );
      expectError(
        await seller.post(`/api/products/${lamp}/reviews`, { rating: 5, body: 'Great' }),
        403,
        'REVIEW_NOT_ALLOWED',
        'own product',
      );
      expectError(
        await anonymous.post(`/api/products/${lamp}/reviews`, { rating: 5, body: 'Great' }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await amina.post(`/api/products/${randomUUID()}/reviews`, { rating: 5, body: 'Great' }),
        404,
        'NOT_FOUND',
      );
      const bad: Array<[string, unknown]> = [
        ['no stars', { rating: 0, body: 'x' }],
        ['six stars', { rating: 6, body: 'x' }],
        ['half star', { rating: 4.5, body: 'x' }],
        ['stars as text', { rating: '5', body: 'x' }],
        ['empty text', { rating: 5, body: '' }],
        ['blank text', { rating: 5, body: '   ' }],
        ['too long', { rating: 5, body: 'x'.repeat(5001) }],
        ['unknown field', { rating: 5, body: 'x', title: 'T' }],
        ['no text', { rating: 5 }],
      ];
      for (const [label, body] of bad)
        expectError(await amina.post(`/api/products/${lamp}/reviews`, body), 400, 'VALIDATION_FAILED', label);
      expectError(
        await amina.post(`/api/products/not-a-uuid/reviews`, { rating: 5, body: 'x' }),
        400,
        'VALIDATION_FAILED',
      );
      assert.equal(await reviewCount(), 0);
    },
  );

  await t.test(
    'a buyer reviews once; the text comes back exactly as written; ratings show on the product, its card and its store',
    async () => {
      const res = await amina.post(`/api/products/${lamp}/reviews`, {
        rating: 4,
        body: 'Bright <script>alert(1)</script> & warm',
      });
      assert.equal(res.statusCode, 201, res.body);
      aminaReview = res.json();
      assert.equal(aminaReview.body, 'Bright <script>alert(1)</script> & warm');
      assert.deepEqual(
        [aminaReview.rating, aminaReview.author.name, aminaReview.mine, aminaReview.hidden],
        [4, 'Amina', true, false],
      );
      expectError(
        await amina.post(`/api/products/${lamp}/reviews`, { rating: 1, body: 'again' }),
        409,
        'ALREADY_REVIEWED',
      );
      assert.equal(
        (await bilal.post(`/api/products/${lamp}/reviews`, { rating: 1, body: 'Broke in a week' })).statusCode,
        201,
      );
      assert.equal((await amina.post(`/api/products/${rug}/reviews`, { rating: 5, body: 'Soft' })).statusCode, 201);
      assert.deepEqual(await productRating(lamp), {
        product: { average: 2.5, count: 2 },
        store: { average: 3.3, count: 3 },
      });
      const search = (await anonymous.get('/api/search?q=lamp')).json() as {
        items: Array<{ id: string; rating: Rating }>;
      };
      assert.deepEqual(search.items.find((c) => c.id === lamp)?.rating, { average: 2.5, count: 2 });
      const list = await reviewsOf(lamp);
      assert.deepEqual(list.rating, { average: 2.5, count: 2 });
      assert.deepEqual(
        list.items.map((r) => r.author.name),
        ['Bilal', 'Amina'],
        'newest first',
      );
      assert.equal(
        list.items.some((r) => r.mine),
        false,
        'nothing is "mine" for a visitor',
      );
      assert.equal((await reviewsOf(lamp, '?pageSize=1&page=2')).items[0]!.author.name, 'Amina');
      expectError(await anonymous.get(`/api/products/${lamp}/reviews?sort=best`), 400, 'VALIDATION_FAILED');
    },
  );

  await t.test(
    'only the author edits or deletes a review: the seller and others get 404 and nothing changes',
    async () => {
      const before = await reviewsOf(lamp);
      for (const [label, client] of [
        ['seller', seller],
        ['other buyer', bilal],
        ['staff', staff],
      ] as const) {
        expectError(await client.patch(`/api/reviews/${aminaReview.id}`, { rating: 1 }), 404, 'NOT_FOUND', label);
        expectError(await client.delete(`/api/reviews/${aminaReview.id}`), 404, 'NOT_FOUND', label);
        expectError(
          await client.request('POST', `/api/reviews/${aminaReview.id}/photos`, undefined, {
            'content-type': 'image/png',
          }),
          400,
          'IMAGE_INVALID',
          label,
        );
      }
      expectError(await anonymous.patch(`/api/reviews/${aminaReview.id}`, { rating: 1 }), 401, 'UNAUTHENTICATED');
      expectError(await amina.patch(`/api/reviews/${aminaReview.id}`, {}), 400, 'VALIDATION_FAILED', 'empty edit');
      expectError(
        await amina.patch(`/api/reviews/${aminaReview.id}`, { rating: 7 }),
        400,
        'VALIDATION_FAILED',
        'seven stars',
      );
      assert.deepEqual(await reviewsOf(lamp), before);

      const edited = await amina.patch(`/api/reviews/${aminaReview.id}`, {
        rating: 5,
        body: 'Even better after a month',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().body, 'Even better after a month');
      assert.deepEqual(await productRating(lamp), {
        product: { average: 3, count: 2 },
        store: { average: 3.7, count: 3 },
      });
    },
  );

  await t.test(
    'review photos: checked by their bytes, limited in size and number, served while visible, deleted with their files',
    async () => {
      const upload = (client: Client, data: Buffer, type = 'image/png', reviewId = aminaReview.id) =>
        client.app.inject({
          method: 'POST',
          url: `/api/reviews/${reviewId}/photos`,
          payload: data,
          headers: {
            origin: client.origin,
            'content-type': type,
            cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
        });
      const first = await upload(amina, PNG);
      assert.equal(first.statusCode, 201, first.body);
      const photo = first.json() as { id: string; url: string; contentType: string };
      assert.equal(photo.contentType, 'image/png');
      const served = await anonymous.get(photo.url);
      assert.equal(served.headers['content-type'], 'image/png');
      assert.deepEqual(served.rawPayload, PNG);
      assert.equal(
        (await upload(amina, JPEG, 'image/webp')).json().contentType,
        'image/jpeg',
        'the bytes decide the type',
      );
      expectError(
        await upload(amina, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
        400,
        'IMAGE_INVALID',
        'svg as png',
      );
      expectError(await upload(amina, Buffer.from('GIF89a......')), 400, 'IMAGE_INVALID', 'gif bytes');
      expectError(await upload(amina, PNG, 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await upload(amina, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])), 413, 'BODY_TOO_LARGE');
      expectError(await upload(bilal, PNG), 404, 'NOT_FOUND', 'someone else’s review');
      expectError(await upload(anonymous, PNG), 401, 'UNAUTHENTICATED');
      for (let i = 2; i < 5; i++) assert.equal((await upload(amina, PNG)).statusCode, 201);
      expectError(await upload(amina, PNG), 409, 'LIMIT_REACHED', 'sixth photo');
      assert.equal(
        storage.keys().filter((k) => k.startsWith(`reviews/${aminaReview.id}/`)).length,
        5,
        'refused uploads leave no file behind',
      );
      assert.equal((await reviewsOf(lamp)).items.find((r) => r.id === aminaReview.id)!.photos.length, 5);

      expectError(await bilal.delete(`/api/reviews/${aminaReview.id}/photos/${photo.id}`), 404, 'NOT_FOUND');
      assert.equal((await amina.delete(`/api/reviews/${aminaReview.id}/photos/${photo.id}`)).statusCode, 204);
      assert.equal(storage.keys().filter((k) => k.startsWith(`reviews/${aminaReview.id}/`)).length, 4);
      expectError(await anonymous.get(photo.url), 404, 'NOT_FOUND');
    },
  );

  await t.test('helpful votes: not on your own review, idempotent, and "most helpful" sorts by them', async () => {
    const bilalReview = (await reviewsOf(lamp)).items.find((r) => r.author.name === 'Bilal')!;
    expectError(await amina.put(`/api/reviews/${aminaReview.id}/helpful`), 403, 'FORBIDDEN');
    expectError(await anonymous.put(`/api/reviews/${aminaReview.id}/helpful`), 401, 'UNAUTHENTICATED');
    assert.deepEqual((await bilal.put(`/api/reviews/${aminaReview.id}/helpful`)).json(), {
      helpfulCount: 1,
      votedHelpful: true,
    });
    assert.deepEqual((await bilal.put(`/api/reviews/${aminaReview.id}/helpful`)).json(), {
      helpfulCount: 1,
      votedHelpful: true,
    });
    assert.equal((await carla.put(`/api/reviews/${aminaReview.id}/helpful`)).json().helpfulCount, 2);
    assert.deepEqual(
      (await reviewsOf(lamp, '?sort=helpful')).items.map((r) => r.id),
      [aminaReview.id, bilalReview.id],
    );
    assert.deepEqual(
      (await reviewsOf(lamp)).items.map((r) => r.id),
      [bilalReview.id, aminaReview.id],
    );
    assert.equal(
      ((await bilal.get(`/api/products/${lamp}/reviews`)).json() as { items: Review[] }).items.find(
        (r) => r.id === aminaReview.id,
      )!.votedHelpful,
      true,
    );
    assert.deepEqual((await carla.delete(`/api/reviews/${aminaReview.id}/helpful`)).json(), {
      helpfulCount: 1,
      votedHelpful: false,
    });
  });

  let question: Question;
  await t.test('questions: anyone signed in asks; only the author edits or deletes', async () => {
    expectError(
      await anonymous.post(`/api/products/${lamp}/questions`, { body: 'Does it dim?' }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await staff.post(`/api/products/${lamp}/questions`, { body: '' }), 400, 'VALIDATION_FAILED');
    expectError(
      await staff.post(`/api/products/${lamp}/questions`, { body: 'x'.repeat(1001) }),
      400,
      'VALIDATION_FAILED',
    );
    const res = await staff.post(`/api/products/${lamp}/questions`, { body: 'Does it <b>dim</b>?' });
    assert.equal(res.statusCode, 201, res.body);
    question = res.json();
    assert.deepEqual([question.body, question.mine, question.answers], ['Does it <b>dim</b>?', true, []]);
    expectError(await seller.patch(`/api/questions/${question.id}`, { body: 'Changed' }), 404, 'NOT_FOUND');
    expectError(await seller.delete(`/api/questions/${question.id}`), 404, 'NOT_FOUND');
    assert.equal(
      (await staff.patch(`/api/questions/${question.id}`, { body: 'Does it dim?' })).json().body,
      'Does it dim?',
    );
  });

  await t.test('answers: the seller (marked, listed first) and buyers who received it; not others', async () => {
    expectError(
      await carla.post(`/api/questions/${question.id}/answers`, { body: 'Maybe' }),
      403,
      'ANSWER_NOT_ALLOWED',
      'not delivered yet',
    );
    expectError(
      await support.post(`/api/questions/${question.id}/answers`, { body: 'Maybe' }),
      403,
      'ANSWER_NOT_ALLOWED',
      'never bought',
    );
    expectError(
      await anonymous.post(`/api/questions/${question.id}/answers`, { body: 'Maybe' }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await bilal.post(`/api/questions/${randomUUID()}/answers`, { body: 'Yes' }), 404, 'NOT_FOUND');
    expectError(
      await bilal.post(`/api/questions/${question.id}/answers`, { body: 'x'.repeat(2001) }),
      400,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (await bilal.post(`/api/questions/${question.id}/answers`, { body: 'Mine does not.' })).statusCode,
      201,
    );
    const res = await seller.post(`/api/questions/${question.id}/answers`, { body: 'Yes, with any dimmer switch.' });
    assert.equal(res.statusCode, 201, res.body);
    const answered = res.json() as Question;
    assert.deepEqual(
      answered.answers.map((a) => [a.author.name, a.bySeller, a.mine]),
      [
        ['Idris Seller', true, true],
        ['Bilal', false, false],
      ],
    );
    const listed = (await anonymous.get(`/api/products/${lamp}/questions`)).json() as {
      items: Question[];
      total: number;
      viewer: { canAnswer: boolean };
    };
    assert.equal(listed.total, 1);
    assert.equal(listed.viewer.canAnswer, false);
    assert.deepEqual((await seller.get(`/api/products/${lamp}/questions`)).json().viewer, {
      canAnswer: true,
      isSeller: true,
    });
    const bilalAnswer = answered.answers[1]!;
    expectError(await seller.patch(`/api/answers/${bilalAnswer.id}`, { body: 'No' }), 404, 'NOT_FOUND');
    expectError(await seller.delete(`/api/answers/${bilalAnswer.id}`), 404, 'NOT_FOUND');
    assert.equal(
      (await bilal.patch(`/api/answers/${bilalAnswer.id}`, { body: 'Mine does, actually.' })).json().answers[1].body,
      'Mine does, actually.',
    );
  });

  await t.test('reports: once per post, never your own, only visible posts', async () => {
    const report = (client: Client, body: unknown) => client.post('/api/reports', body);
    expectError(
      await report(anonymous, { kind: 'review', id: aminaReview.id, reason: 'spam' }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await report(amina, { kind: 'review', id: aminaReview.id, reason: 'spam' }),
      403,
      'FORBIDDEN',
      'own post',
    );
    expectError(
      await report(bilal, { kind: 'review', id: aminaReview.id, reason: 'rude' }),
      400,
      'VALIDATION_FAILED',
      'unknown reason',
    );
    expectError(
      await report(bilal, { kind: 'photo', id: aminaReview.id, reason: 'spam' }),
      400,
      'VALIDATION_FAILED',
      'unknown kind',
    );
    expectError(
      await report(bilal, { kind: 'review', id: aminaReview.id, reason: 'spam', note: 'x'.repeat(501) }),
      400,
      'VALIDATION_FAILED',
      'long note',
    );
    expectError(await report(bilal, { kind: 'question', id: randomUUID(), reason: 'spam' }), 404, 'NOT_FOUND');
    assert.equal(
      (await report(bilal, { kind: 'review', id: aminaReview.id, reason: 'off_topic', note: 'About another lamp' }))
        .statusCode,
      204,
    );
    expectError(await report(bilal, { kind: 'review', id: aminaReview.id, reason: 'spam' }), 409, 'ALREADY_REPORTED');
    assert.equal((await report(carla, { kind: 'review', id: aminaReview.id, reason: 'spam' })).statusCode, 204);
    assert.equal((await report(amina, { kind: 'question', id: question.id, reason: 'other' })).statusCode, 204);
  });

  await t.test(
    'moderation is for staff only; hiding takes a review out of lists, photos and ratings, and back',
    async () => {
      for (const [label, client, status] of [
        ['signed out', anonymous, 401],
        ['buyer', bilal, 403],
        ['support role', support, 403],
        ['seller', seller, 403],
      ] as const) {
        assert.equal((await client.get('/api/admin/reports')).statusCode, status, label);
        assert.equal((await client.post(`/api/admin/posts/review/${aminaReview.id}/hide`)).statusCode, status, label);
      }
      assert.equal((await reviewsOf(lamp)).total, 2, 'nothing was hidden');
      const open = (await staff.get('/api/admin/reports')).json() as {
        items: Array<{
          kind: string;
          id: string;
          openReports: number;
          hidden: boolean;
          reports: Array<{ reason: string; note: string }>;
          author: { name: string };
          product: { title: string };
        }>;
        total: number;
      };
      assert.equal(open.total, 2);
      const reported = open.items.find((i) => i.id === aminaReview.id)!;
      assert.deepEqual(
        [reported.kind, reported.openReports, reported.hidden, reported.author.name, reported.product.title],
        ['review', 2, false, 'Amina', 'Brass Lamp'],
      );
      assert.deepEqual(reported.reports.map((r) => r.reason).sort(), ['off_topic', 'spam']);

      const photoUrl = (await reviewsOf(lamp)).items.find((r) => r.id === aminaReview.id)!.photos[0]!.url;
      assert.equal((await staff.post(`/api/admin/posts/review/${aminaReview.id}/hide`)).statusCode, 204);
      assert.deepEqual(
        (await reviewsOf(lamp)).items.map((r) => r.author.name),
        ['Bilal'],
      );
      assert.deepEqual(await productRating(lamp), {
        product: { average: 1, count: 1 },
        store: { average: 3, count: 2 },
      });
      expectError(await anonymous.get(photoUrl), 404, 'NOT_FOUND');
      assert.equal((await amina.get(photoUrl)).statusCode, 200, 'the author still sees their photo');
      assert.equal((await amina.get(`/api/products/${lamp}/reviews/mine`)).json().review.hidden, true);
      expectError(await carla.put(`/api/reviews/${aminaReview.id}/helpful`), 404, 'NOT_FOUND');
      expectError(
        await staff.post('/api/reports', { kind: 'review', id: aminaReview.id, reason: 'spam' }),
        404,
        'NOT_FOUND',
      );
      assert.deepEqual(
        ((await staff.get('/api/admin/reports')).json() as { items: Array<{ id: string }> }).items.map((i) => i.id),
        [question.id],
      );
      assert.deepEqual(
        ((await staff.get('/api/admin/reports?status=hidden')).json() as { items: Array<{ id: string }> }).items.map(
          (i) => i.id,
        ),
        [aminaReview.id],
      );

      assert.equal((await staff.post(`/api/admin/posts/review/${aminaReview.id}/unhide`)).statusCode, 204);
      assert.deepEqual(await productRating(lamp), {
        product: { average: 3, count: 2 },
        store: { average: 3.7, count: 3 },
      });
      assert.equal((await staff.post(`/api/admin/posts/question/${question.id}/dismiss`)).statusCode, 204);
      assert.equal((await staff.get('/api/admin/reports')).json().total, 0);
      expectError(await staff.post(`/api/admin/posts/answer/${randomUUID()}/hide`), 404, 'NOT_FOUND');
      expectError(await staff.post(`/api/admin/posts/photo/${aminaReview.id}/hide`), 400, 'VALIDATION_FAILED');

      const answerId = ((await anonymous.get(`/api/products/${lamp}/questions`)).json() as { items: Question[] })
        .items[0]!.answers[1]!.id;
      assert.equal((await staff.post(`/api/admin/posts/answer/${answerId}/hide`)).statusCode, 204);
      assert.equal(
        ((await anonymous.get(`/api/products/${lamp}/questions`)).json() as { items: Question[] }).items[0]!.answers
          .length,
        1,
      );
      assert.equal((await staff.post(`/api/admin/posts/answer/${answerId}/unhide`)).statusCode, 204);
    },
  );

  await t.test('posting and reporting are rate limited per person', async () => {
    await forgetRateLimits(app);
    for (let i = 0; i < 30; i++)
      assert.equal((await carla.post(`/api/products/${rug}/questions`, { body: `Question ${i}` })).statusCode, 201);
    const limited = await carla.post(`/api/products/${rug}/questions`, { body: 'One more' });
    expectError(limited, 429, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    expectError(
      await carla.post(`/api/questions/${question.id}/answers`, { body: 'x' }),
      429,
      'RATE_LIMITED',
      'the same budget for answers',
    );
    const questions = (
      (await anonymous.get(`/api/products/${rug}/questions?pageSize=50`)).json() as { items: Question[] }
    ).items;
    for (let i = 0; i < 20; i++)
      assert.equal(
        (await bilal.post('/api/reports', { kind: 'question', id: questions[i]!.id, reason: 'spam' })).statusCode,
        204,
      );
    expectError(
      await bilal.post('/api/reports', { kind: 'question', id: questions[20]!.id, reason: 'spam' }),
      429,
      'RATE_LIMITED',
    );
    await forgetRateLimits(app);
    await db.deleteFrom('questions').where('product_id', '=', rug).execute();
  });

  await t.test(
    'deleting a review deletes its photo files and updates the ratings; deleting a question deletes its answers',
    async () => {
      const bilalReview = (await reviewsOf(lamp)).items.find((r) => r.author.name === 'Bilal')!;
      assert.equal((await bilal.delete(`/api/reviews/${bilalReview.id}`)).statusCode, 204);
      expectError(await bilal.delete(`/api/reviews/${bilalReview.id}`), 404, 'NOT_FOUND');
      assert.deepEqual(await productRating(lamp), {
        product: { average: 5, count: 1 },
        store: { average: 5, count: 2 },
      });
      assert.equal((await staff.delete(`/api/questions/${question.id}`)).statusCode, 204);
      assert.equal((await db.selectFrom('answers').select('id').execute()).length, 0);
    },
  );

  await t.test(
    'the erasure deletes the person’s posts batch by batch: photo files, votes and reports, and recomputes ratings',
    async () => {
      const q = (await staff.post(`/api/products/${lamp}/questions`, { body: 'Is it heavy?' })).json() as Question;
      await amina.post(`/api/questions/${q.id}/answers`, { body: 'About 2 kg.' });
      const aminaQuestion = (
        await amina.post(`/api/products/${rug}/questions`, { body: 'Which size?' })
      ).json() as Question;
      await seller.post(`/api/questions/${aminaQuestion.id}/answers`, { body: '2 by 3 metres.' });
      await bilal.post(`/api/products/${lamp}/reviews`, { rating: 2, body: 'Again: too dim' });
      const bilalReview = (await reviewsOf(lamp)).items.find((r) => r.author.name === 'Bilal')!;
      await amina.put(`/api/reviews/${bilalReview.id}/helpful`);
      await amina.post('/api/reports', { kind: 'question', id: q.id, reason: 'other' });
      const aminaKeys = storage.keys().filter((k) => k.startsWith(`reviews/${aminaReview.id}/`));
      assert.equal(aminaKeys.length, 4);
      assert.deepEqual(await productRating(lamp), {
        product: { average: 3.5, count: 2 },
        store: { average: 4, count: 3 },
      });

      const erase = async (userId: string) => {
        const { rows, files } = await eraseInBatches(
          app.souk,
          { userId, email: 'amina@example.com' },
          { registry: postsErasure, limit: 1, targetMs: null },
        );
        return { files, ...Object.fromEntries(Object.entries(rows).map(([table, r]) => [table, r.rows])) };
      };
      const erased = await erase(await userIdOf(db, 'amina@example.com'));
      assert.deepEqual(erased, {
        files: 4,
        review_photos: 4,
        review_votes: 1,
        post_reports: 1,
        answers: 1,
        questions: 1,
        reviews: 2,
      });
      assert.deepEqual(
        storage.keys().filter((k) => k.startsWith('reviews/')),
        [],
        'the photo files are gone',
      );
      assert.deepEqual(await productRating(lamp), {
        product: { average: 2, count: 1 },
        store: { average: 2, count: 1 },
      });
      assert.deepEqual(await productRating(rug), {
        product: { average: null, count: 0 },
        store: { average: 2, count: 1 },
      });
      const aminaId = await userIdOf(db, 'amina@example.com');
      for (const table of ['reviews', 'questions', 'answers'] as const) {
        assert.equal(
          (await db.selectFrom(table).select('id').where('author_user_id', '=', aminaId).execute()).length,
          0,
          table,
        );
      }
      assert.equal(
        (await db.selectFrom('answers').select('id').where('question_id', '=', aminaQuestion.id).execute()).length,
        0,
        'the seller’s answer to her question went with it',
      );
      assert.equal(
        (await db.selectFrom('review_votes').select('user_id').where('user_id', '=', aminaId).execute()).length,
        0,
      );
      assert.equal((await reviewsOf(lamp)).items[0]!.helpfulCount, 0, 'her vote no longer counts');
      const left = ((await anonymous.get(`/api/products/${lamp}/questions`)).json() as { items: Question[] }).items;
      assert.deepEqual(
        left.map((x) => [x.body, x.answers.length]),
        [['Is it heavy?', 0]],
        'others’ questions stay',
      );
      assert.deepEqual(
        await erase(aminaId),
        { files: 0, review_photos: 0, review_votes: 0, post_reports: 0, answers: 0, questions: 0, reviews: 0 },
        'running it again changes nothing',
      );
    },
  );

  await t.test(
    'a seller deleting a product deletes its reviews’ photo files and updates the store rating',
    async () => {
      const bilalReview = (await reviewsOf(lamp)).items[0]!;
      const res = await bilal.app.inject({
        method: 'POST',
        url: `/api/reviews/${bilalReview.id}/photos`,
        payload: PNG,
        headers: {
          origin: bilal.origin,
          'content-type': 'image/png',
          cookie: [...bilal.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      assert.equal(res.statusCode, 201);
      assert.equal(storage.keys().filter((k) => k.startsWith('reviews/')).length, 1);
      assert.equal((await seller.delete(`/api/seller/products/${lamp}`)).statusCode, 204);
      assert.deepEqual(
        storage.keys().filter((k) => k.startsWith('reviews/')),
        [],
      );
      const storeRow = await db
        .selectFrom('stores')
        .select(['rating_sum', 'rating_count'])
        .where('id', '=', store.storeId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(storeRow, { rating_sum: 0, rating_count: 0 });
    },
  );
});
