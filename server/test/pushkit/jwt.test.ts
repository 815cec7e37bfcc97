import t from 'tap';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { JWT_LIFETIME_SECONDS, JWT_RENEW_BEFORE_SECONDS, PUSH_KIT_JWT_AUDIENCE, PushKitJwt } from '../../src/pushkit/jwt';
import { publicKeyOf } from '../../src/pushkit/service-account';
import { newServiceAccount } from '../helpers/service-account';

const { account } = await newServiceAccount();
const START_MS = 1_800_000_000_000;

/** A signer on a clock the test moves. */
function signerAt(startMs = START_MS) {
  const clock = { ms: startMs };
  return { jwt: new PushKitJwt(account, { now: () => clock.ms }), clock };
}

t.test('header { kid, typ, alg: PS256 } and claims iss, aud, iat, exp = iat + 3600, signed with the key', async (t) => {
  const { jwt } = signerAt();
  const token = await jwt.token();
  t.same(decodeProtectedHeader(token), { kid: account.keyId, typ: 'JWT', alg: 'PS256' });
  const iat = START_MS / 1000;
  t.same(decodeJwt(token), { iss: account.subAccount, aud: PUSH_KIT_JWT_AUDIENCE, iat, exp: iat + 3600 });
  const verified = await jwtVerify(token, publicKeyOf(account), {
    algorithms: ['PS256'],
    issuer: account.subAccount,
    audience: PUSH_KIT_JWT_AUDIENCE,
    currentDate: new Date(START_MS)
  });
  t.equal(verified.payload.iss, account.subAccount);
  t.equal(decodeJwt(token).aud, 'https://oauth-login.cloud.huawei.com/oauth2/v3/token', "push-jwt-token's aud");
});

t.test('tells when it last signed', async (t) => {
  const { jwt, clock } = signerAt();
  t.equal(jwt.lastSignedAt, undefined, 'nothing signed yet');
  await jwt.token();
  t.equal(jwt.lastSignedAt, START_MS);
  clock.ms += 10_000;
  await jwt.token();
  t.equal(jwt.lastSignedAt, START_MS, 'reusing the JWT is no signing');
});

t.test('without a clock it signs on the system clock', async (t) => {
  const jwt = new PushKitJwt(account);
  const { payload } = await jwtVerify(await jwt.token(), publicKeyOf(account), { algorithms: ['PS256'] });
  t.equal((payload.exp ?? 0) - (payload.iat ?? 0), JWT_LIFETIME_SECONDS, 'valid now');
});

t.test('one signing serves many calls, concurrent ones included', async (t) => {
  const { jwt } = signerAt();
  const concurrent = await Promise.all(Array.from({ length: 20 }, () => jwt.token()));
  const later = [await jwt.token(), await jwt.token()];
  t.equal(new Set([...concurrent, ...later]).size, 1);
  t.equal(jwt.signings, 1);
});

t.test('renewed a few minutes before expiry, not earlier', async (t) => {
  const { jwt, clock } = signerAt();
  const first = await jwt.token();
  const renewAt = START_MS + (JWT_LIFETIME_SECONDS - JWT_RENEW_BEFORE_SECONDS) * 1000;
  clock.ms = renewAt - 1000;
  t.equal(await jwt.token(), first, 'still reused one second before the renewal point');
  clock.ms = renewAt;
  const second = await jwt.token();
  t.not(second, first);
  t.equal(jwt.signings, 2);
  t.equal(decodeJwt(second).iat, renewAt / 1000);
  t.equal(decodeJwt(second).exp, renewAt / 1000 + JWT_LIFETIME_SECONDS);
});

t.test('invalidate() makes the next call sign again', async (t) => {
  const { jwt } = signerAt();
  const first = await jwt.token();
  jwt.invalidate();
  const second = await jwt.token();
  t.not(second, first);
  t.equal(jwt.signings, 2);
  t.equal(await jwt.token(), second, 'and the new one is cached');
});

t.test('a JWT signed before invalidate() is not cached afterwards', async (t) => {
  const { jwt } = signerAt();
  const pending = jwt.token();
  jwt.invalidate();
  const stale = await pending;
  const fresh = await jwt.token();
  t.not(fresh, stale);
  t.equal(jwt.signings, 2);
});

t.test('a signing started before invalidate() does not disturb the one started after', async (t) => {
  const { jwt } = signerAt();
  const stale = jwt.token();
  jwt.invalidate();
  const fresh = jwt.token();
  // Called as the stale signing ends, while the fresh one may still be under way: it must share the fresh one.
  const next = stale.then(() => jwt.token());
  t.equal(await next, await fresh);
  t.equal(jwt.signings, 2);
});
