import { test } from 'node:test';
import { createTestApp, Client, waitForMail, tokenFrom, signUpAndSignIn, STRONG_PASSWORD } from './helpers/app.ts';
test('scratch', async () => {
  const { app, close } = await createTestApp();
  try {
    const c = await signUpAndSignIn(app, 'b@x.test');
    const show = (r: {statusCode:number, body:string}) => console.log(r.statusCode, r.body.slice(0, 300));
    show(await c.request('POST', '/api/auth/sign-up', 'hello', { 'content-type': 'text/plain' }));
    show(await c.request('POST', '/api/auth/sign-up', '{"a":', { 'content-type': 'application/json' }));
    show(await c.request('POST', '/api/auth/sign-up', '', { 'content-type': 'application/json' }));
    show(await c.request('POST', '/api/auth/sign-up', 'x'.repeat(1024*1024+10), { 'content-type': 'application/json' }));
    show(await c.patch('/api/account/profile', { displayName: 'A\u0000B' }));
    show(await c.delete('/api/account/sessions/%00'));
    show(await c.patch('/api/account/profile', { displayName: 123 }));
    show(await c.post('/api/auth/sign-up', { email: true, password: 'x', displayName: 'y' }));
    show(await c.post('/api/auth/sign-up', { email: 'a@b.test', password: 'x'.repeat(2000), displayName: 'y' }));
    show(await c.post('/api/auth/sign-up', { email: 'a@b.test', password: 'xxxxxxxxxxxx', displayName: 'y', admin: true }));
    show(await c.patch('/api/account/profile', {}));
    show(await c.get('/api/nope'));
    show(await c.post('/api/nope', {}));
    show(await app.inject({ method: 'POST', url: '/api/nope', headers: { origin: 'https://evil.example' } }));
    show(await c.post('/api/auth/sign-up', { email: 'c@x.test', password: 'short', displayName: 'y' }));
    show(await c.post('/api/auth/sign-up', { email: 'c@x.test', password: 'x'.repeat(129), displayName: 'y' }));
    show(await c.post('/api/auth/sign-up', { email: 'c@x.test', password: 'iloveyou1', displayName: 'y' }));
    show(await c.put('/api/account/notifications', { preferences: { account_security: false, offers: true, bogus: true } }));
    show(await c.put('/api/account/notifications', { preferences: { account_security: false, offers: true } }));
    show(await c.post('/api/account/password', { currentPassword: STRONG_PASSWORD, newPassword: 'violet-harbor-cloud-77' }));
    console.log(c.cookies);
  } finally { await close(); }
});
