import t from 'tap';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const SECOND_APP_KEY = 'second-app-key-0123456789';
const { app } = await startTestService(t, { RATE_LIMIT_PER_MINUTE: '3', APP_KEYS: `${APP_KEY},${SECOND_APP_KEY}` });

const register = (key: string) =>
  app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': key },
    payload: { token: tokenOf('rl'), deviceType: 'phone' }
  });

t.test('device routes are limited per app key and client IP', async (t) => {
  for (let i = 0; i < 3; i++) t.equal((await register(APP_KEY)).statusCode, 201);
  const over = await register(APP_KEY);
  t.equal(over.statusCode, 429);
  t.equal(over.json().error, 'RATE_LIMITED');
  const retryAfter = Number(over.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 60, 'Retry-After says when to come back');

  t.equal((await register(SECOND_APP_KEY)).statusCode, 201, 'another app key has its own budget');

  const admin = await app.inject({ method: 'GET', url: '/tokens', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  t.equal(admin.statusCode, 200, 'admin routes are not limited');
});

t.test('RATE_LIMIT_PER_MINUTE=0 turns the limit off', async (t) => {
  const open = await startTestService(t, { RATE_LIMIT_PER_MINUTE: '0' });
  for (let i = 0; i < 10; i++) {
    const res = await open.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: { 'x-app-key': APP_KEY },
      payload: { token: tokenOf('open'), deviceType: 'phone' }
    });
    t.equal(res.statusCode, 201);
  }
});
