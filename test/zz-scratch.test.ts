import { test } from 'node:test';
import { createTestApp, Client, waitForMail, tokenFrom, signUpAndSignIn, STRONG_PASSWORD } from './helpers/app.ts';
test('scratch', async () => {
  const { app, close } = await createTestApp();
  try {
    const c = new Client(app);
    let r = await c.post('/api/auth/sign-up', { email: 'a@x.test', password: STRONG_PASSWORD, displayName: 'A' });
    console.log(r.statusCode, r.body, r.headers);
    r = await c.post('/api/auth/sign-in', { email: 'a@x.test', password: STRONG_PASSWORD });
    console.log(r.statusCode, r.body);
    const m = await waitForMail(app, 'a@x.test', /Verify/);
    console.log(m.text);
    r = await c.post('/api/auth/verify-email', { token: tokenFrom(m, '/verify-email') });
    console.log(r.statusCode, r.body, r.headers);
    r = await c.post('/api/auth/sign-in', { email: 'a@x.test', password: STRONG_PASSWORD });
    console.log(r.statusCode, r.body, r.headers);
    r = await c.post('/api/auth/sign-up', { email: 'a@x.test', password: STRONG_PASSWORD, displayName: 'A' });
    console.log(r.statusCode, r.body, r.headers);
    r = await c.post('/api/auth/forgot-password', { email: 'a@x.test' });
    console.log(r.statusCode, r.body, r.headers);
    r = await c.post('/api/auth/forgot-password', { email: 'nobody@x.test' });
    console.log(r.statusCode, r.body, r.headers);
    console.log(await app.souk.db.selectFrom('verifications').selectAll().execute());
    console.log(await app.souk.db.selectFrom('mail_outbox').select(['to_address','subject','sent_at','kind']).execute());
    console.log(await app.souk.db.selectFrom('rate_limits').selectAll().execute());
    console.log(await app.souk.db.selectFrom('sessions').selectAll().execute());
    r = await c.post('/api/auth/sign-out');
    console.log(r.statusCode, r.body, r.headers);
  } finally { await close(); }
});
