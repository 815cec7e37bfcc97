import t from 'tap';
import { SignJWT } from 'jose';
import { ADMIN_KEY, APP_KEY, startTestService } from './helpers/service';
import { tokenOf } from './helpers/tokens';
import { redactUrl } from '../src/logging';

const SECRET = 'logging-test-user-jwt-secret-0123456789';

t.test('logs of a whole session hold no full token, key or JWT', async (t) => {
  const { app, logs } = await startTestService(t, {
    LOG_LEVEL: 'trace',
    USER_JWT_SECRET: SECRET,
    USER_JWT_ISSUER: 'iss',
    USER_JWT_AUDIENCE: 'aud'
  });
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setIssuer('iss')
    .setAudience('aud')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));
  const tokens = [tokenOf('log-a'), tokenOf('log-b'), tokenOf('log-c')];
  const device = { 'x-app-key': APP_KEY };

  await app.inject({ method: 'POST', url: '/tokens', headers: { ...device, authorization: `Bearer ${jwt}` }, payload: { token: tokens[0], deviceType: 'phone' } });
  await app.inject({ method: 'POST', url: '/tokens', headers: device, payload: { token: tokens[1], deviceType: 'phone', previousToken: tokens[0] } });
  await app.inject({ method: 'POST', url: '/tokens', headers: device, payload: { token: tokens[2], deviceType: 'fridge' } });
  await app.inject({ method: 'POST', url: '/tokens', headers: { ...device, authorization: 'Bearer forged.jwt.value' }, payload: { token: tokens[2], deviceType: 'phone' } });
  await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': `${APP_KEY}-wrong` }, payload: { token: tokens[2], deviceType: 'phone' } });
  await app.inject({ method: 'DELETE', url: `/tokens/${encodeURIComponent(tokens[1])}/user`, headers: device });
  await app.inject({ method: 'DELETE', url: `/tokens/${encodeURIComponent(tokens[1])}`, headers: device });
  await app.inject({ method: 'GET', url: `/nowhere/${tokens[2]}?token=${tokens[2]}` });
  await app.inject({ method: 'GET', url: '/tokens', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  await app.inject({ method: 'GET', url: '/tokens', headers: { authorization: `Bearer ${APP_KEY}` } });

  const text = logs.text();
  t.ok(logs.lines.length > 20, 'the session was logged');
  t.ok(text.includes(tokens[1].slice(0, 6)), 'tokens appear masked (their first characters)');
  for (const secret of [...tokens, APP_KEY, ADMIN_KEY, jwt, SECRET, 'forged.jwt.value']) {
    t.notOk(text.includes(secret), `not in the logs: ${secret.slice(0, 8)}…`);
  }
});

t.test('redactUrl masks long path segments and query values', async (t) => {
  const token = tokenOf('url');
  t.equal(redactUrl('/tokens'), '/tokens');
  t.notOk(redactUrl(`/tokens/${token}`).includes(token));
  t.notOk(redactUrl(`/tokens/${encodeURIComponent(`${token}/x`)}/user`).includes(token));
  t.match(redactUrl(`/emulator/messages?token=${token}&limit=5`), /^\/emulator\/messages\?token=MAAALg.*&limit=5$/);
});
