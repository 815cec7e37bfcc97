import t from 'tap';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const { app } = await startTestService(t);

const registerWith = (headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/tokens', headers, payload: { token: tokenOf('auth'), deviceType: 'phone' } });
const listWith = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/tokens', headers });

t.test('device routes need a valid app key', async (t) => {
  const cases: [string, Record<string, string>, number, string?][] = [
    ['no key', {}, 401, 'UNAUTHORIZED'],
    ['empty key', { 'x-app-key': '' }, 401, 'UNAUTHORIZED'],
    ['wrong key', { 'x-app-key': 'not-a-key-at-all-0000' }, 401, 'UNAUTHORIZED'],
    ['a prefix of the key', { 'x-app-key': APP_KEY.slice(0, -1) }, 401, 'UNAUTHORIZED'],
    ['admin key as app key', { 'x-app-key': ADMIN_KEY }, 403, 'FORBIDDEN'],
    ['app key', { 'x-app-key': APP_KEY }, 201]
  ];
  for (const [name, headers, status, error] of cases) {
    const res = await registerWith(headers);
    t.equal(res.statusCode, status, name);
    if (error) t.equal(res.json().error, error, name);
  }
  const del = await app.inject({ method: 'DELETE', url: `/tokens/${tokenOf('x')}` });
  t.equal(del.statusCode, 401, 'DELETE needs the key too');
  const unbind = await app.inject({ method: 'DELETE', url: `/tokens/${tokenOf('x')}/user` });
  t.equal(unbind.statusCode, 401, 'unbinding needs the key too');
});

t.test('admin routes need an admin bearer key', async (t) => {
  const cases: [string, Record<string, string>, number, string?][] = [
    ['no credentials', {}, 401, 'UNAUTHORIZED'],
    ['wrong bearer', { authorization: 'Bearer wrong-key-000000000000' }, 401, 'UNAUTHORIZED'],
    ['basic scheme', { authorization: `Basic ${ADMIN_KEY}` }, 401, 'UNAUTHORIZED'],
    ['app key as bearer', { authorization: `Bearer ${APP_KEY}` }, 403, 'FORBIDDEN'],
    ['app key header only', { 'x-app-key': APP_KEY }, 403, 'FORBIDDEN'],
    ['admin key', { authorization: `Bearer ${ADMIN_KEY}` }, 200],
    ['admin key, lower-case scheme', { authorization: `bearer ${ADMIN_KEY}` }, 200]
  ];
  for (const [name, headers, status, error] of cases) {
    const res = await listWith(headers);
    t.equal(res.statusCode, status, name);
    if (error) t.equal(res.json().error, error, name);
  }
});

t.test('several keys may be configured, each works', async (t) => {
  const multi = await startTestService(t, { APP_KEYS: `${APP_KEY}, second-app-key-0123456789` });
  for (const key of [APP_KEY, 'second-app-key-0123456789']) {
    const res = await multi.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: { 'x-app-key': key },
      payload: { token: tokenOf('multi'), deviceType: 'phone' }
    });
    t.equal(res.statusCode, 201);
  }
});
