import { request as httpRequest } from 'node:http';
import t, { type Test } from 'tap';
import { SignJWT } from 'jose';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, APP_KEY, startTestService } from './helpers/service';
import { storedData } from './helpers/stored-data';
import { tokenOf } from './helpers/tokens';

/*
 * Issue 10, part 3: inputs that once answered 500. Each must answer a JSON 4xx naming the field, and store nothing.
 */
const SECRET = 'user-jwt-secret-for-tests-0123456789abcdef';
const svc = await startTestService(t, { USER_JWT_SECRET: SECRET, USER_JWT_ISSUER: 'https://login.test', USER_JWT_AUDIENCE: 'tests' });
const { app } = svc;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const device = { 'x-app-key': APP_KEY };

const token = tokenOf('known');
const registered = await app.inject({ method: 'POST', url: '/tokens', headers: device, payload: { token, deviceType: 'phone' } });
if (registered.statusCode !== 201) throw new Error(`set-up registration failed: ${registered.body}`);
await app.pg.query(`UPDATE push_tokens SET user_id = 'someone' WHERE token = $1`, [token]);

const alert = (notification: Record<string, unknown> = {}) => ({
  pushType: PushType.ALERT,
  payload: { notification: { category: 'IM', title: 'Hello', body: 'A message', clickAction: { actionType: 0 }, ...notification } },
  target: { tokens: [token] }
});

/** A raw JSON text, so that escapes such as \u0000 and \udc00 reach the server exactly as written. */
const raw = (json: string) => ({ payload: json, headers: { 'content-type': 'application/json' } });

type Answer = Awaited<ReturnType<typeof app.inject>>;

/** A 4xx JSON error whose details (or message) name `field`, and nothing stored changed. */
async function refused(t: Test, send: () => Promise<Answer>, status: number, field: string) {
  const before = await storedData(app);
  const res = await send();
  t.equal(res.statusCode, status, `${field}: ${res.body.slice(0, 200)}`);
  t.match(res.headers['content-type'], /application\/json/);
  const body = res.json();
  t.type(body.error, 'string');
  t.type(body.message, 'string');
  const named = [body.message, ...(body.details ?? []).map((detail: { path: string }) => detail.path)].join(' ');
  t.match(named, field, `the answer names ${field}`);
  t.same(await storedData(app), before, 'nothing stored changed');
  return body;
}

const postSend = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/send', headers: { ...admin, ...headers }, payload: payload as Record<string, unknown> });
const postSendRaw = (json: string) => app.inject({ method: 'POST', url: '/send', headers: { ...admin, ...raw(json).headers }, payload: json });

t.test('NUL in a registration string', async (t) => {
  await refused(
    t,
    () => app.inject({ method: 'POST', url: '/tokens', headers: device, payload: { token: tokenOf('nul'), deviceType: 'phone', appVersion: 'x\u0000' } }),
    400,
    'body.appVersion'
  );
});

t.test('NUL in every /send string', async (t) => {
  const cases: [string, unknown][] = [
    ['body.payload.notification.title', alert({ title: 'x\u0000' })],
    ['body.payload.notification.body', alert({ body: 'x\u0000' })],
    ['body.payload.notification.clickAction.data', alert({ clickAction: { actionType: 0, data: { 'k\u0000': 'v' } } })],
    ['body.payload.notification.clickAction.data.k', alert({ clickAction: { actionType: 0, data: { k: 'v\u0000' } } })],
    [
      'body.payload.extraData',
      { pushType: PushType.BACKGROUND, payload: { extraData: 'x\u0000' }, target: { tokens: [token] } }
    ],
    ['body.pushOptions.biTag', { ...alert(), pushOptions: { biTag: 'tag\u0000' } }],
    ['body.target.userIds.0', { ...alert(), target: { userIds: ['u\u0000'] } }]
  ];
  for (const [field, body] of cases) await refused(t, () => postSend(body), 400, field);
});

t.test('a lone surrogate in a /send payload', async (t) => {
  const json = JSON.stringify(alert({ title: '\udc00x' }));
  t.match(json, /\\udc00/, 'the body carries the escape');
  await refused(t, () => postSendRaw(json), 400, 'body.payload.notification.title');
  await refused(t, () => postSendRaw(JSON.stringify(alert({ body: 'a\ud800' }))), 400, 'body.payload.notification.body');
});

t.test('NUL in GET /tokens?userId= and in a verified user JWT subject', async (t) => {
  await refused(t, () => app.inject({ method: 'GET', url: '/tokens?userId=a%00b', headers: admin }), 400, 'querystring.userId');
  for (const subject of ['alice\u0000', '\udc00alice', 'u'.repeat(257)]) {
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://login.test')
      .setAudience('tests')
      .setExpirationTime('10m')
      .setSubject(subject)
      .sign(new TextEncoder().encode(SECRET));
    await refused(
      t,
      () =>
        app.inject({
          method: 'POST',
          url: '/tokens',
          headers: { ...device, authorization: `Bearer ${jwt}` },
          payload: { token: tokenOf('jwt-sub'), deviceType: 'phone' }
        }),
      400,
      'headers.authorization.sub'
    );
  }
});

t.test('a cursor that overflows bigint', async (t) => {
  const cursor = Buffer.from('9999999999999999999').toString('base64url');
  await refused(t, () => app.inject({ method: 'GET', url: `/tokens?cursor=${cursor}`, headers: admin }), 400, 'querystring.cursor');
});

t.test('deep nesting is refused at parse time', async (t) => {
  let data = '"leaf"';
  for (let i = 0; i < 10_000; i++) data = `{"a":${data}}`;
  const deepData = JSON.stringify(alert()).replace('"clickAction":{"actionType":0}', `"clickAction":{"actionType":0,"data":${data}}`);
  await refused(t, () => postSendRaw(deepData), 400, 'body');
  const arrays = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
  const deepExtra = `{"pushType":${PushType.BACKGROUND},"payload":{"extraData":${arrays}},"target":{"tokens":["${token}"]}}`;
  await refused(t, () => postSendRaw(deepExtra), 400, 'body');
  const deepRegistration = `{"token":"${tokenOf('deep')}","deviceType":"phone","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  await refused(
    t,
    () => app.inject({ method: 'POST', url: '/tokens', headers: { ...device, 'content-type': 'application/json' }, payload: deepRegistration }),
    400,
    'body'
  );
});

t.test('413, 414 and 431 answer with the error body and true figures', async (t) => {
  const big = await refused(
    t,
    () => app.inject({ method: 'POST', url: '/tokens', headers: device, payload: { token: tokenOf('big'), deviceType: 'phone', pad: 'x'.repeat(20_000) } }),
    413,
    'body'
  );
  t.match(big.message, /16384 bytes/, 'the route\'s own limit');
  t.equal(big.error, 'PAYLOAD_TOO_LARGE');

  const long = await refused(
    t,
    () => app.inject({ method: 'DELETE', url: `/tokens/${'a'.repeat(13_000)}`, headers: device }),
    414,
    'path'
  );
  t.equal(long.error, 'URI_TOO_LONG');

  const base = await svc.listen();
  const { status, type, body } = await new Promise<{ status?: number; type?: string; body: string }>((resolve, reject) => {
    const req = httpRequest(`${base}/health`, { headers: { 'x-padding': 'x'.repeat(20_000) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: text }));
    });
    req.on('error', reject);
    req.end();
  });
  t.equal(status, 431);
  t.match(type, /application\/json/);
  t.match(JSON.parse(body), { error: 'HEADERS_TOO_LARGE', message: /headers/ });
});

t.test('an Idempotency-Key reused with another body is a 409', async (t) => {
  const key = `key-${Date.now()}`;
  t.equal((await postSend(alert(), { 'idempotency-key': key })).statusCode, 200);
  const body = await refused(t, () => postSend(alert({ title: 'Another title' }), { 'idempotency-key': key }), 409, 'Idempotency-Key');
  t.equal(body.error, 'IDEMPOTENCY_KEY_REUSED');
  const again = await postSend(alert(), { 'idempotency-key': key });
  t.equal(again.statusCode, 200, 'the same body still replays');
  t.equal(again.headers['idempotent-replayed'], 'true');
});
