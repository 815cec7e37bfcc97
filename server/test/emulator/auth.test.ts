import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import t from 'tap';
import { SignJWT, importPKCS8 } from 'jose';
import { PushType } from '@harmony-push/shared';
import { PUSH_KIT_JWT_AUDIENCE } from '../../src/pushkit/jwt';
import { START_MS, startTestEmulator, testAccount } from '../helpers/emulator';

const account = await testAccount();
const signingKey = await importPKCS8(account.privateKey, 'PS256');
const NOW = START_MS / 1000;

interface Forgery {
  kid?: string;
  iss?: string;
  aud?: string;
  /** null leaves the claim out. */
  iat?: number | null;
  exp?: number | null;
  alg?: 'PS256' | 'RS256';
  key?: KeyObject;
}

/** A JWT like the sender's, with one thing changed. */
async function jwt(forgery: Forgery = {}): Promise<string> {
  const alg = forgery.alg ?? 'PS256';
  const token = new SignJWT({})
    .setProtectedHeader({ kid: forgery.kid ?? account.keyId, typ: 'JWT', alg })
    .setIssuer(forgery.iss ?? account.subAccount)
    .setAudience(forgery.aud ?? PUSH_KIT_JWT_AUDIENCE);
  if (forgery.iat !== null) token.setIssuedAt(forgery.iat ?? NOW);
  if (forgery.exp !== null) token.setExpirationTime(forgery.exp ?? NOW + 3600);
  const key = forgery.key ?? (alg === 'PS256' ? signingKey : await importPKCS8(account.privateKey, alg));
  return token.sign(key);
}

t.test('the emulator checks the JWT like Push Kit (§6)', async (t) => {
  const emulator = await startTestEmulator(t);
  const token = await emulator.device();
  const body = { payload: { extraData: 'x' }, target: { token: [token] } };
  const answer = async (authorization: string | null, projectId?: string) => {
    const { status, body: reply } = await emulator.send(PushType.BACKGROUND, body, { authorization, projectId });
    return `${status} ${reply.code} ${reply.msg}`;
  };
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  t.equal(await answer(`Bearer ${await jwt()}`), '200 80000000 Success', 'a JWT as Huawei describes it');
  t.equal(await answer(`Bearer ${await emulator.jwt.token()}`), '200 80000000 Success', "the signer's JWT");

  const authError = '401 80200001 Authentication Error.';
  t.equal(await answer(null), authError, 'no Authorization header');
  t.equal(await answer(''), authError, 'an empty one');
  t.equal(await answer(await jwt()), authError, 'no Bearer');
  t.equal(await answer(`Basic ${await jwt()}`), authError, 'another scheme');
  t.equal(await answer(`Bearer ${await jwt()}`, '999999999'), authError, 'a projectId that is not the key\'s');
  t.equal(await answer(`Bearer ${await jwt({ kid: 'other-key' })}`), authError, 'another kid');
  t.equal(await answer(`Bearer ${await jwt({ iss: 'other-account' })}`), authError, 'another iss');
  t.equal(await answer(`Bearer ${await jwt({ aud: 'https://example.com' })}`), authError, 'another aud');
  t.equal(await answer(`Bearer ${await jwt({ key: otherKey })}`), authError, 'signed with another key');
  t.equal(await answer(`Bearer ${await jwt({ alg: 'RS256' })}`), authError, 'RS256 instead of PS256');
  t.equal(await answer('Bearer ya29.an-oauth-access-token'), authError, 'an OAuth access token');
  t.equal(await answer(`Bearer ${await jwt({ exp: null })}`), authError, 'no exp');
  t.equal(await answer(`Bearer ${await jwt({ iat: null })}`), authError, 'no iat');

  t.equal(await answer(`Bearer ${await jwt({ iat: NOW - 3600, exp: NOW })}`), '401 80200005 Jwt token expired.', 'expired');
  t.equal(
    await answer(`Bearer ${await jwt({ iat: NOW, exp: NOW + 86_401 })}`),
    '401 80300036 JWT expire period over threshold.',
    'a lifetime over one day'
  );
  t.equal(await answer(`Bearer ${await jwt({ iat: NOW, exp: NOW + 86_400 })}`), '200 80000000 Success', 'exactly one day');
});

t.test('expiry follows the clock: the signer renews before the emulator refuses', async (t) => {
  const emulator = await startTestEmulator(t);
  const body = { payload: { extraData: 'x' }, target: { token: [await emulator.device()] } };
  const first = await emulator.jwt.token();
  emulator.clock.ms += 3600 * 1000;
  t.equal((await emulator.send(PushType.BACKGROUND, body, { authorization: `Bearer ${first}` })).body.code, '80200005');
  t.equal((await emulator.send(PushType.BACKGROUND, body)).body.code, '80000000', 'the signer re-signed');
  t.equal(emulator.jwt.signings, 2);
});

t.test('authentication comes before the push-type and the body', async (t) => {
  const emulator = await startTestEmulator(t);
  const answer = await emulator.send('nonsense', { nonsense: true }, { authorization: null });
  t.equal(answer.body.code, '80200001');
});
