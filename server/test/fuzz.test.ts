import { randomUUID } from 'node:crypto';
import t from 'tap';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import type { InjectOptions } from 'fastify';
import { ADMIN_KEY, APP_KEY, startTestService } from './helpers/service';
import { HUAWEI_EXAMPLES } from './helpers/huawei-examples';
import { storedDataDigest } from './helpers/stored-data';
import { tokenOf } from './helpers/tokens';
import { RECEIPT_CREDENTIALS, receiptEnv } from './helpers/receipts';
import { signCallbackId } from '../src/receipts/signature';

/*
 * Issue 10, part 3: property-based fuzzing of every route of the service. Whatever the body, query, path or
 * headers, the answer is a 2xx or a JSON 4xx with { error, message }, never a 5xx, and after a 4xx nothing stored
 * has changed. Fixed seed and bounded runs, so a failure replays and the suite's time stays modest.
 */
const SEED = 20_261_130;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SECRET = 'user-jwt-secret-for-tests-0123456789abcdef';
const ISSUER = 'https://login.test';
const AUDIENCE = 'tests';

const { app } = await startTestService(t, {
  USER_JWT_SECRET: SECRET,
  USER_JWT_ISSUER: ISSUER,
  USER_JWT_AUDIENCE: AUDIENCE,
  ...receiptEnv()
});
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const device = { 'x-app-key': APP_KEY };
/** A receipt callback's signature, fresh for each request (a nonce is good once). */
const signed = () => ({ 'x-huawei-callback-id': signCallbackId(RECEIPT_CREDENTIALS, Date.now(), randomUUID()) });

/** Registered tokens, one bound to a user, so that sends and listings have something to find. */
const known = [tokenOf('fuzz-a'), tokenOf('fuzz-b')];
for (const token of known) {
  const res = await app.inject({ method: 'POST', url: '/tokens', headers: device, payload: { token, deviceType: 'phone' } });
  if (res.statusCode !== 201) throw new Error(`set-up registration failed: ${res.body}`);
}
await app.pg.query(`UPDATE push_tokens SET user_id = 'fuzz-user' WHERE token = $1`, [known[0]]);

/** Every answer seen, by status: the report of what the suite tried. */
const statuses = new Map<number, number>();
t.teardown(() => {
  const seen = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
  t.comment(`fuzz answers by status: ${seen.join(', ')}`);
});

/** The property every request must keep. */
async function holds(request: InjectOptions): Promise<void> {
  const before = await storedDataDigest(app);
  const res = await app.inject(request);
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const where = `${request.method} ${String(request.url).slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
  if (res.statusCode >= 300) {
    let body: { error?: unknown; message?: unknown };
    try {
      body = res.json();
    } catch {
      throw new Error(`a 4xx without a JSON body: ${where}`);
    }
    if (typeof body.error !== 'string' || typeof body.message !== 'string') throw new Error(`a 4xx without { error, message }: ${where}`);
    if ((await storedDataDigest(app)) !== before) throw new Error(`a 4xx changed stored data: ${where}`);
  }
}

const check = <T>(property: fc.IAsyncPropertyWithHooks<[T]>, runs = RUNS) =>
  fc.assert(property, { seed: SEED, numRuns: runs, endOnFailure: true });

// ---- Generators ------------------------------------------------------------------------------------------------

/** Strings that once broke something: NUL, lone surrogates, huge, empty, look-alikes of syntax. */
const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\udc00x',
  'x\ud800',
  '\ud83d',
  '\ud83d\ude00',
  '',
  ' ',
  '\t\n',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
  '\u202e\u200b',
  '%00',
  "'; DROP TABLE push_tokens; --",
  '${1}',
  '$1',
  '9999999999999999999',
  '-1',
  'null',
  'true'
);
const anyString = fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }));

/**
 * Deep nesting travels as a placeholder string that `toJson` expands into raw JSON text: a value 20,000 levels deep
 * would overflow this test's own JSON.stringify before it reached the server.
 */
const DEEP = '\u0001deep:';
const nested = (depth: number, arrays: boolean): string => `${DEEP}${depth}:${arrays ? 'a' : 'o'}`;

function toJson(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0001deep:(\d+):([ao])"/g, (_match, depth: string, kind: string) => {
    const n = Number(depth);
    return kind === 'a' ? `${'['.repeat(n)}"leaf"${']'.repeat(n)}` : `${'{"a":'.repeat(n)}"leaf"${'}'.repeat(n)}`;
  });
}

const anyNumber = fc.oneof(
  fc.constantFrom(9_999_999_999_999_999_999, 2 ** 63, 2 ** 31, -(2 ** 31) - 1, 0, -0, 1e308, -1e308, 1.5, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true })
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  anyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(anyString, anyString, { maxKeys: 4 }),
  fc.array(anyString, { maxLength: 4 }),
  fc.integer({ min: 20, max: 20_000 }).chain((depth) => fc.boolean().map((arrays) => nested(depth, arrays))),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}'))
);

type Path = (string | number)[];

/** Every path inside a JSON value, the root included. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const paths: Path[] = [path];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...path, index])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...path, key]));
  }
  return paths;
}

type Mutation =
  | { kind: 'set'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'taint'; fragment: string };

/** Fragments no stored string may hold, slipped into an otherwise valid value. */
const fragment = fc.constantFrom('\u0000', '\udc00', '\ud800', 'x\u0000', '\ud83d');

/** `value` with `fragment` slipped in: into a string, as a key of an object, into an array. */
function taint(value: unknown, fragment: string): unknown {
  if (typeof value === 'string') return `${value.slice(0, 1)}${fragment}${value.slice(1)}`;
  if (Array.isArray(value)) return [...value, fragment];
  if (typeof value === 'object' && value !== null) return { ...value, [`k${fragment}`]: 'v' };
  return fragment;
}

/** A copy of `base` with one change at `path`. */
function mutate(base: unknown, path: Path, mutation: Mutation): unknown {
  const copy = structuredClone(base);
  if (path.length === 0) return mutation.kind === 'set' ? mutation.value : mutation.kind === 'taint' ? taint(copy, mutation.fragment) : copy;
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy); // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = path[path.length - 1];
  if (mutation.kind === 'set') parent[key] = mutation.value;
  else if (mutation.kind === 'taint') parent[key] = taint(parent[key], mutation.fragment);
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key])) {
    Object.defineProperty(parent[key], mutation.key, { value: mutation.value, enumerable: true, configurable: true, writable: true });
  } else parent[key] = mutation.value;
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: anyValue.map((value) => ({ kind: 'set' as const, value })) },
  { weight: 4, arbitrary: fragment.map((fragment) => ({ kind: 'taint' as const, fragment })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 2, arbitrary: fc.tuple(anyString, anyValue).map(([key, value]) => ({ kind: 'add' as const, key, value })) }
);

/** Valid bodies with one random change somewhere inside (the unchanged valid body now and then). */
const mutated = (bases: unknown[]) =>
  fc.constantFrom(...bases).chain((base) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(base) },
      { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...pathsOf(base)), mutation).map(([path, change]) => mutate(base, path, change)) }
    )
  );

const registrations = [
  { token: tokenOf('fuzz-new'), deviceType: 'phone', osApiVersion: 12, appVersion: '1.0.0', notificationsEnabled: true },
  { token: known[1], deviceType: 'tablet', previousToken: known[0] },
  { token: tokenOf('fuzz-rot'), deviceType: 'wearable', previousToken: tokenOf('fuzz-gone'), notificationsEnabled: false }
];

/** Registrations field by field: each field mostly valid, now and then hostile or absent. */
const fieldByField = fc.record(
  {
    token: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(tokenOf('fuzz-field'), known[1]) }, { weight: 1, arbitrary: anyValue }),
    deviceType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('phone', 'tv', '2in1') }, { weight: 1, arbitrary: anyValue }),
    osApiVersion: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }) }, { weight: 1, arbitrary: anyValue }),
    appVersion: fc.oneof({ weight: 2, arbitrary: fc.constantFrom('1.0.0', '2.1') }, { weight: 1, arbitrary: anyString }),
    notificationsEnabled: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyValue }),
    previousToken: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(known[0], tokenOf('fuzz-prev')) }, { weight: 1, arbitrary: anyValue })
  },
  { requiredKeys: ['token', 'deviceType'] }
);

const targets = [{ tokens: [known[1]] }, { userIds: ['fuzz-user'] }, { deviceTypes: ['phone', 'tv'] }, { tokens: [known[0]], all: true }, { testDevices: true }];
const sends = HUAWEI_EXAMPLES.map((example, index) => ({
  pushType: example.pushType,
  payload: example.body.payload,
  ...(example.body.pushOptions ? { pushOptions: example.body.pushOptions } : {}),
  target: targets[index % targets.length]
}));

const receiptCallbacks = [
  {
    statuses: [
      { token: known[0], pushType: 0, appPackageName: 'com.example', requestId: '1796069055892998114', biTag: '', deliveryStatus: { result: 2, timestamp: 1_764_000_000_000 } },
      { token: tokenOf('fuzz-receipt'), pushType: 6, appPackageName: 'com.example', requestId: 'r', deliveryStatus: { result: 27, timestamp: 1_764_000_000_001 } }
    ]
  },
  { statuses: [{ token: known[1], pushType: 1, appPackageName: 'com.example', requestId: 'r', formStatus: { formId: 7, result: 151, timestamp: 1_764_000_000_000 } }] }
];

/** Absent three times in four: most requests should reach the body's validation. */
const withoutMostly = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

/** A header value Node would put on the wire (visible Latin-1); anything else never reaches a server. */
const headerValue = fc.oneof(nasty, fc.string({ unit: 'binary-ascii', maxLength: 60 })).map((value) => value.replace(/[^\t\x20-\x7e]/g, '?'));

/** A user JWT: garbage, or properly signed with a hostile subject (signed when the request is made). */
type UserJwt = { garbage: string } | { subject: string };
const userJwt: fc.Arbitrary<UserJwt> = fc.oneof(
  headerValue.map((garbage) => ({ garbage })),
  anyString.map((subject) => ({ subject }))
);

async function bearer(jwt: UserJwt): Promise<string> {
  if ('garbage' in jwt) return `Bearer ${jwt.garbage}`;
  const signed = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('10m')
    .setSubject(jwt.subject)
    .sign(new TextEncoder().encode(SECRET));
  return `Bearer ${signed}`;
}

/** A URL component: well encoded, or percent-escapes that decode to nothing valid. */
const urlPart = fc.oneof(
  anyString.map((value) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?'))),
  fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '%E0%A4%A', '%C0%AF', '%FF', 'a%2Fb', '..', '%2e%2e'),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((value) => value.replace(/[^\x21-\x7e]|[#?]/g, '_'))
);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;', 'application/jsonx', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'];

/** Raw bodies for the JSON parser: broken JSON, deep brackets, huge numbers, duplicate keys, invalid UTF-8. */
const rawBody = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.integer({ min: 1, max: 200_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 200_000 }).map((depth) => `{"token":"abc","deviceType":"phone","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
  fc.constantFrom(
    '{"token":"dup","token":"dup2","deviceType":"phone","deviceType":"tv"}',
    `{"token":"${tokenOf('num')}","deviceType":"phone","osApiVersion":1e999}`,
    `{"token":"${tokenOf('num')}","deviceType":"phone","osApiVersion":99999999999999999999999}`,
    '{"token":"a\\u0000","deviceType":"phone"}',
    '{"__proto__":{"admin":true},"token":"proto","deviceType":"phone"}',
    '{"constructor":{"prototype":{"admin":true}},"token":"ctor","deviceType":"phone"}',
    '',
    ' ',
    'null',
    '"string"',
    '[]',
    '\ufeff{}'
  ),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes))
);

// ---- Properties, one per route ---------------------------------------------------------------------------------

t.test('POST /tokens: mutated registrations, with and without a user JWT', async () => {
  await check(
    fc.asyncProperty(fc.tuple(fc.oneof(mutated(registrations), fieldByField), withoutMostly(userJwt)), async ([body, jwt]) =>
      holds({
        method: 'POST',
        url: '/tokens',
        headers: { ...device, 'content-type': 'application/json', ...(jwt === undefined ? {} : { authorization: await bearer(jwt) }) },
        payload: toJson(body)
      })
    ),
    RUNS * 3
  );
});

t.test('POST /send: mutated Huawei examples, with Idempotency-Keys', async () => {
  await check(
    fc.asyncProperty(
      fc.tuple(mutated(sends), withoutMostly(fc.constantFrom('k1', 'k2', 'k3', ' ', 'x'.repeat(300)))).map(
        ([body, key]): InjectOptions => ({
          method: 'POST',
          url: '/send',
          headers: { ...admin, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
          payload: toJson(body)
        })
      ),
      holds
    ),
    RUNS * 3
  );
});

t.test('POST /receipts: mutated callbacks, signed', async () => {
  await check(
    fc.asyncProperty(
      mutated(receiptCallbacks).map(
        (body): InjectOptions => ({
          method: 'POST',
          url: '/receipts',
          headers: { ...signed(), 'content-type': 'application/json' },
          payload: toJson(body)
        })
      ),
      holds
    ),
    RUNS * 2
  );
});

t.test('raw bodies and content types to every route that takes a body', async () => {
  const keysFor = (url: string) => (url === '/send' ? admin : url === '/receipts' ? signed() : device);
  await check(
    fc.asyncProperty(
      fc.tuple(fc.constantFrom('/tokens', '/send', '/receipts', `/tokens/${encodeURIComponent(known[1])}`), rawBody, fc.constantFrom(...JSON_TYPES)).map(
        ([url, body, type]): InjectOptions => ({
          method: url.startsWith('/tokens/') ? 'DELETE' : 'POST',
          url,
          headers: { ...keysFor(url), 'content-type': type },
          payload: body
        })
      ),
      holds
    ),
    RUNS * 2
  );
});

t.test('GET /tokens: hostile query strings', async () => {
  const cursorOf = (id: string) => Buffer.from(id).toString('base64url');
  const valid: Record<string, fc.Arbitrary<string>> = {
    userId: fc.constantFrom('fuzz-user', 'nobody'),
    cursor: fc.constantFrom(cursorOf('1'), cursorOf('9223372036854775807'), cursorOf('9999999999999999999')),
    limit: fc.constantFrom('1', '500', '501', '0', '1e3'),
    status: fc.constantFrom('active', 'disabled'),
    deviceType: fc.constantFrom('phone', 'tv'),
    notificationsEnabled: fc.constantFrom('true', 'false'),
    testDevice: fc.constantFrom('true', 'false'),
    other: fc.constant('1'),
    'userId[]': fc.constant('x'),
    __proto__: fc.constant('x')
  };
  const pair = fc
    .constantFrom(...Object.keys(valid))
    .chain((key) => fc.tuple(fc.constant(key), fc.oneof({ weight: 2, arbitrary: valid[key] }, { weight: 1, arbitrary: urlPart })));
  await check(
    fc.asyncProperty(
      fc.array(pair, { maxLength: 4 }).map(
        (pairs): InjectOptions => ({ method: 'GET', url: `/tokens?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`, headers: admin })
      ),
      holds
    )
  );
});

t.test('token paths and send ids: hostile path segments', async () => {
  const route = fc.constantFrom(
    (part: string) => ({ method: 'DELETE' as const, url: `/tokens/${part}`, headers: device }),
    (part: string) => ({ method: 'DELETE' as const, url: `/tokens/${part}/user`, headers: device }),
    (part: string) => ({ method: 'GET' as const, url: `/sends/${part}`, headers: admin }),
    (part: string) => ({ method: 'POST' as const, url: `/sends/${part}/cancel`, headers: admin }),
    (part: string) => ({ method: 'POST' as const, url: `/sends/${part}/revoke`, headers: admin }),
    (part: string) => ({ method: 'PUT' as const, url: `/tokens/${part}/test-device`, headers: admin }),
    (part: string) => ({ method: 'DELETE' as const, url: `/tokens/${part}/test-device`, headers: admin }),
    (part: string) => ({ method: 'PUT' as const, url: `/tokens/by-id/${part}/test-device`, headers: admin }),
    (part: string) => ({ method: 'GET' as const, url: `/tokens/${part}`, headers: admin })
  );
  await check(fc.asyncProperty(fc.tuple(route, urlPart).map(([build, part]) => build(part)), holds));
});

t.test('odd headers on every route', async () => {
  const routes: InjectOptions[] = [
    { method: 'POST', url: '/tokens', payload: { token: tokenOf('hdr'), deviceType: 'phone' } },
    { method: 'DELETE', url: `/tokens/${encodeURIComponent(tokenOf('hdr-gone'))}` },
    { method: 'DELETE', url: `/tokens/${encodeURIComponent(known[1])}/user` },
    { method: 'GET', url: '/tokens' },
    { method: 'POST', url: '/send', payload: sends[0] },
    { method: 'GET', url: '/sends/00000000-0000-4000-8000-000000000000' },
    { method: 'POST', url: '/sends/00000000-0000-4000-8000-000000000000/cancel' },
    { method: 'POST', url: '/receipts', payload: receiptCallbacks[0] },
    { method: 'POST', url: '/sends/00000000-0000-4000-8000-000000000000/revoke' },
    { method: 'PUT', url: `/tokens/${encodeURIComponent(known[0])}/test-device` },
    { method: 'DELETE', url: `/tokens/${encodeURIComponent(known[1])}/test-device` },
    { method: 'PUT', url: '/tokens/by-id/1/test-device' },
    { method: 'GET', url: '/quota' },
    { method: 'GET', url: '/sends?limit=2' },
    { method: 'GET', url: '/sends/export.csv' },
    { method: 'POST', url: '/audience/count', payload: { all: true } },
    { method: 'GET', url: '/overview' },
    { method: 'GET', url: '/audit' },
    { method: 'GET', url: '/tokens/1' },
    { method: 'GET', url: '/metrics' },
    { method: 'GET', url: '/healthz' },
    { method: 'GET', url: '/readyz' },
    { method: 'GET', url: '/openapi.json' }
  ];
  const keyFor = (route: InjectOptions) =>
    route.url === '/receipts'
      ? signed()
      : route.method !== 'GET' && String(route.url).startsWith('/tokens') && !String(route.url).endsWith('/test-device')
        ? device
        : admin;
  const header = fc.constantFrom('x-app-key', 'authorization', 'idempotency-key', 'content-type', 'accept', 'x-forwarded-for', 'x-huawei-callback-id');
  await check(
    fc.asyncProperty(
      fc.tuple(fc.constantFrom(...routes), fc.dictionary(header, headerValue, { maxKeys: 3 }), fc.boolean()).map(
        ([route, headers, withKey]): InjectOptions => ({
          ...route,
          headers: { ...(withKey ? keyFor(route) : {}), ...headers }
        })
      ),
      holds
    ),
    RUNS * 2
  );
});
