import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const SECRET = 'user-jwt-secret-for-tests-0123456789abcdef';
const ISSUER = 'https://login.example.test';
const AUDIENCE = 'harmony-push-tests';

interface Claims {
  sub?: string;
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
}

const hs256 = (claims: Claims, secret = SECRET) => sign(claims, new TextEncoder().encode(secret), 'HS256');

async function sign(claims: Claims, key: CryptoKey | Uint8Array, alg: string, kid?: string): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader(kid ? { alg, kid } : { alg })
    .setIssuer(claims.issuer ?? ISSUER)
    .setAudience(claims.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '10m');
  if (claims.sub !== '') jwt.setSubject(claims.sub ?? 'user-1');
  return jwt.sign(key);
}

const { app } = await startTestService(t, {
  USER_JWT_SECRET: SECRET,
  USER_JWT_ISSUER: ISSUER,
  USER_JWT_AUDIENCE: AUDIENCE
});

const register = (token: string, jwt?: string, extra: Record<string, unknown> = {}) =>
  app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': APP_KEY, ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
    payload: { token, deviceType: 'phone', ...extra }
  });
const userOf = async (token: string): Promise<string | null | undefined> =>
  (await app.pg.query('SELECT user_id FROM push_tokens WHERE token = $1', [token])).rows[0]?.user_id;

t.test('a verified login binds the token to the JWT subject', async (t) => {
  const token = tokenOf('bind');
  const res = await register(token, await hs256({ sub: 'alice' }));
  t.equal(res.statusCode, 201);
  t.equal(await userOf(token), 'alice');

  t.equal((await register(token)).statusCode, 200, 'a refresh without a JWT');
  t.equal(await userOf(token), 'alice', 'keeps the binding');
});

t.test('a user id is never taken from the body', async (t) => {
  const token = tokenOf('body');
  const res = await register(token, undefined, { userId: 'mallory' });
  t.equal(res.statusCode, 201);
  t.equal(await userOf(token), null);
});

t.test('presenting another user\'s JWT moves the token (account switch)', async (t) => {
  const token = tokenOf('switch');
  await register(token, await hs256({ sub: 'alice' }));
  const res = await register(token, await hs256({ sub: 'bob' }));
  t.equal(res.statusCode, 200);
  t.equal(await userOf(token), 'bob');
});

t.test('logout unbinds the token and keeps it registered', async (t) => {
  const token = tokenOf('logout');
  await register(token, await hs256({ sub: 'carol' }));
  const res = await app.inject({
    method: 'DELETE',
    url: `/tokens/${encodeURIComponent(token)}/user`,
    headers: { 'x-app-key': APP_KEY }
  });
  t.equal(res.statusCode, 204);
  t.equal(await userOf(token), null);
  const again = await app.inject({
    method: 'DELETE',
    url: `/tokens/${encodeURIComponent(tokenOf('unknown'))}/user`,
    headers: { 'x-app-key': APP_KEY }
  });
  t.equal(again.statusCode, 204, 'unbinding an unknown token is not an error');
});

t.test('rotation without a JWT carries no binding: an app-key holder cannot steal a user', async (t) => {
  const victim = tokenOf('victim');
  await register(victim, await hs256({ sub: 'victim-user' }));
  const attacker = tokenOf('attacker');
  const res = await register(attacker, undefined, { previousToken: victim });
  t.equal(res.statusCode, 201);
  t.equal(await userOf(attacker), null, 'the new token starts unbound');
  t.equal(await userOf(victim), 'victim-user', 'the bound old record stays, still bound');

  const anonymous = tokenOf('anon-old');
  await register(anonymous);
  const next = tokenOf('anon-new');
  t.equal((await register(next, undefined, { previousToken: anonymous })).statusCode, 201);
  t.equal(await userOf(anonymous), undefined, 'an unbound old record is replaced: it carries nothing to steal');
});

t.test('rotation with a JWT binds to that JWT\'s subject only', async (t) => {
  const old = tokenOf('rot-old');
  await register(old, await hs256({ sub: 'dave' }));
  const fresh = tokenOf('rot-new');
  t.equal((await register(fresh, await hs256({ sub: 'dave' }), { previousToken: old })).statusCode, 201);
  t.equal(await userOf(fresh), 'dave', 'the same user moves to the new token');
  t.equal(await userOf(old), undefined, 'and the old record of that user is replaced');

  const erins = tokenOf('rot-erin');
  t.equal((await register(erins, await hs256({ sub: 'erin' }), { previousToken: fresh })).statusCode, 201);
  t.equal(await userOf(erins), 'erin', 'the JWT subject, never the old record\'s user');
  t.equal(await userOf(fresh), 'dave', 'another user\'s record is not touched');
});

t.test('device routes never reveal a token\'s user', async (t) => {
  const token = tokenOf('reveal');
  const bound = await register(token, await hs256({ sub: 'grace' }));
  t.equal(bound.statusCode, 201);
  t.notOk('userId' in bound.json(), 'not in the answer to the login itself');
  t.notOk(bound.body.includes('grace'));
  const refresh = await register(token);
  t.notOk(refresh.body.includes('grace'), 'nor to a refresh by anyone holding the app key and the token');
});

t.test('a JWT that does not verify is a 401 and changes nothing', async (t) => {
  const token = tokenOf('reject');
  await register(token, await hs256({ sub: 'alice' }));
  const { rows } = await app.pg.query('SELECT * FROM push_tokens WHERE token = $1', [token]);

  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
    JSON.stringify({ sub: 'mallory', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })
  ).toString('base64url')}.`;
  const bad: [string, string][] = [
    ['expired', await hs256({ sub: 'mallory', expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['wrong issuer', await hs256({ sub: 'mallory', issuer: 'https://evil.example' })],
    ['wrong audience', await hs256({ sub: 'mallory', audience: 'other-app' })],
    ['wrong signature', await hs256({ sub: 'mallory' }, 'another-secret-that-is-long-enough-000000')],
    ['no subject', await hs256({ sub: '' })],
    ['alg none', unsigned],
    ['garbage', 'not.a.jwt']
  ];
  for (const [name, jwt] of bad) {
    const res = await register(token, jwt);
    t.equal(res.statusCode, 401, name);
    t.equal(res.json().error, 'INVALID_USER_TOKEN', name);
  }
  const fresh = tokenOf('reject-new');
  t.equal((await register(fresh, bad[0][1])).statusCode, 401);
  t.equal(await userOf(fresh), undefined, 'a rejected registration stores nothing');
  const after = await app.pg.query('SELECT * FROM push_tokens WHERE token = $1', [token]);
  t.same(after.rows, rows, 'the existing record is untouched');
});

t.test('a JWT sent to a server without user binding is refused', async (t) => {
  const plain = await startTestService(t);
  const res = await plain.app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': APP_KEY, authorization: `Bearer ${await hs256({ sub: 'alice' })}` },
    payload: { token: tokenOf('plain'), deviceType: 'phone' }
  });
  t.equal(res.statusCode, 401);
  t.equal(res.json().error, 'INVALID_USER_TOKEN');
});

t.test('asymmetric keys: a PEM public key, or a JWKS URL', async (t) => {
  const pair = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const pem = await exportSPKI(pair.publicKey);
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => jwks.close(() => resolve())));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;

  const variants: [string, Record<string, string>][] = [
    ['public key', { USER_JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n') }],
    ['JWKS', { USER_JWT_JWKS_URL: jwksUrl }]
  ];
  for (const [name, env] of variants) {
    const svc = await startTestService(t, { ...env, USER_JWT_ISSUER: ISSUER, USER_JWT_AUDIENCE: AUDIENCE });
    const token = tokenOf('rsa');
    const post = (jwt: string) =>
      svc.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: { 'x-app-key': APP_KEY, authorization: `Bearer ${jwt}` },
        payload: { token, deviceType: 'phone' }
      });
    const good = await post(await sign({ sub: 'frank' }, pair.privateKey, 'RS256', 'k1'));
    t.equal(good.statusCode, 201, `${name}: signed with the right key`);
    t.equal((await svc.app.pg.query('SELECT user_id FROM push_tokens WHERE token = $1', [token])).rows[0].user_id, 'frank');
    const forged = await post(await sign({ sub: 'mallory' }, other.privateKey, 'RS256', 'k1'));
    t.equal(forged.statusCode, 401, `${name}: signed with another key`);
  }
});
