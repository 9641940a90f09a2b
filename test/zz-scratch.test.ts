import { test } from 'node:test';
import { createTestApp, Client, waitForMail, tokenFrom, signUpAndSignIn, STRONG_PASSWORD } from './helpers/app.ts';
test('scratch', async () => {
  const { app, close } = await createTestApp();
  try {
    const c = new Client(app);
    const show = (r: {statusCode:number, body:string}) => console.log(r.statusCode, r.body.slice(0, 300));
    show(await c.post('/api/auth/sign-up', { email: 'u@x.test', password: STRONG_PASSWORD, displayName: 'U' }));
    show(await c.post('/api/auth/sign-in', { email: 'u@x.test', password: 'wrong-password-here' }));
    show(await c.post('/api/auth/sign-in', { email: 'u@x.test', password: STRONG_PASSWORD }));
    console.log(await app.souk.db.selectFrom('mail_outbox').select(['to_address','subject']).execute());
  } finally { await close(); }
});
