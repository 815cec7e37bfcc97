// The client core (TokenRegistrar + HttpRegistrationApi over fetch) against the real server and its
// database: what the app does on a device, with Push Kit, storage and time faked.
import t, { type Test } from 'tap';
import { SignJWT } from 'jose';
import {
  DEFAULT_REFRESH_INTERVAL_MS,
  DeviceType,
  FixedDeviceProfile,
  HttpRegistrationApi,
  PushKitError,
  RegistrationPhase,
  RequestRejectedError,
  TokenRegistrar,
  UnregisterOutcome,
  type RetryPolicy
} from '@harmony-push/shared';
import { FakeClock, FakeTokenSource, MemoryLogger, MemoryStore, rejection } from '../../../shared/test/client/fakes';
import { APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';
import { FetchTransport } from './fetch-transport';
import { TcpLink } from '../helpers/tcp-link';

const JWT_SECRET = 'user-jwt-secret-for-client-tests-0123456789';
const JWT_ISSUER = 'https://login.example.com';
const JWT_AUDIENCE = 'harmony-push-client-tests';
const POLICY: RetryPolicy = { maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 4000, multiplier: 2 };

const service = await startTestService(t, {
  USER_JWT_SECRET: JWT_SECRET,
  USER_JWT_ISSUER: JWT_ISSUER,
  USER_JWT_AUDIENCE: JWT_AUDIENCE
});
const link = new TcpLink(new URL(await service.listen()));
const serverUrl = (await link.listen()).origin;
t.teardown(() => link.close());

interface TokenRow {
  device_type: string;
  os_api_version: number | null;
  app_version: string | null;
  user_id: string | null;
  status: string;
  last_seen_at: Date;
}

async function row(token: string): Promise<TokenRow | undefined> {
  const result = await service.app.pg.query<TokenRow>(
    'SELECT device_type, os_api_version, app_version, user_id, status, last_seen_at FROM push_tokens WHERE token = $1',
    [token]
  );
  return result.rows[0];
}

const loginJwt = (userId: string): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET));

/** One app install on one device: what survives app restarts (storage, Push Kit, the clock). */
class Device {
  readonly store = new MemoryStore();
  readonly clock = new FakeClock();
  readonly logger = new MemoryLogger();
  readonly transport = new FetchTransport();
  readonly tokens: FakeTokenSource;
  /** The logged-in user's JWT, if any. */
  jwt: string | undefined;

  constructor(label: string) {
    this.tokens = new FakeTokenSource(tokenOf(label));
  }

  /** The registrar of one app start. */
  start(appKey = APP_KEY): TokenRegistrar {
    const config = { serverUrl, appKey, userJwt: async () => this.jwt };
    return new TokenRegistrar({
      tokenSource: this.tokens,
      api: new HttpRegistrationApi(config, this.transport),
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      device: new FixedDeviceProfile({ deviceType: DeviceType.PHONE, osApiVersion: 12, appVersion: '1.0.0' }),
      retryPolicy: POLICY,
      random: () => 0.5
    });
  }
}

function keepLinkUp(t: Test): void {
  t.teardown(() => link.restore());
}

t.test('first start uploads; the token lands in the database', async (t) => {
  const device = new Device('first');
  const state = await device.start().start();
  t.same(device.transport.sent, ['POST /tokens']);
  t.match(await row(device.tokens.token), { device_type: 'phone', os_api_version: 12, app_version: '1.0.0', status: 'active', user_id: null });
  t.equal(state.phase, RegistrationPhase.REGISTERED);
});

t.test('second start with the same token makes no request', async (t) => {
  const device = new Device('second');
  await device.start().start();
  const seen = (await row(device.tokens.token))?.last_seen_at;
  await device.start().start();
  t.same(device.transport.sent, ['POST /tokens'], 'still only the first upload');
  t.same((await row(device.tokens.token))?.last_seen_at, seen);
});

t.test('a changed token is uploaded with previousToken and replaces the old record', async (t) => {
  const device = new Device('changed');
  await device.start().start();
  const old = device.tokens.token;
  device.tokens.token = tokenOf('changed-new');
  await device.start().start();
  t.same(device.transport.sent, ['POST /tokens', 'POST /tokens']);
  t.equal(await row(old), undefined, 'the old token is gone');
  t.ok(await row(device.tokens.token), 'the new one is registered');
});

t.test('an unchanged token is refreshed after the interval, moving last-seen', async (t) => {
  const device = new Device('refresh');
  await device.start().start();
  const before = (await row(device.tokens.token))?.last_seen_at as Date;
  device.clock.advance(DEFAULT_REFRESH_INTERVAL_MS);
  await device.start().start();
  t.equal(device.transport.sent.length, 2);
  const after = (await row(device.tokens.token))?.last_seen_at as Date;
  t.ok(after.getTime() > before.getTime(), 'the server saw the device again');
});

t.test('server down, then up: the upload is retried, then succeeds', async (t) => {
  keepLinkUp(t);
  const device = new Device('outage');
  link.cut();
  device.clock.onDelay = (_ms, index) => {
    if (index === 1) link.restore();
  };
  const state = await device.start().start();
  t.same(device.transport.sent, ['POST /tokens', 'POST /tokens', 'POST /tokens'], 'two refused, the third accepted');
  t.same(device.clock.delays, [750, 1500]);
  t.match(device.logger.text(), /upload failed .*; attempt 1 of 3, retrying/);
  t.equal(state.phase, RegistrationPhase.REGISTERED);
  t.ok(await row(device.tokens.token));
});

t.test('a 4xx is not retried and is surfaced', async (t) => {
  const device = new Device('rejected');
  const registrar = device.start('not-an-app-key-0123456789');
  const error = await rejection(registrar.start());
  t.type(error, RequestRejectedError);
  t.match(error, { status: 401, code: 'UNAUTHORIZED', hint: /app key/ });
  t.same(device.transport.sent, ['POST /tokens'], 'one request, no retry');
  t.same(device.clock.delays, []);
  t.equal(registrar.state().phase, RegistrationPhase.FAILED);
  t.equal(await row(device.tokens.token), undefined);

  const invalid = new Device('invalid');
  invalid.tokens.token = 'tökén-with-non-ascii';
  const validation = await rejection(invalid.start().start());
  t.match(validation, { status: 400, code: 'VALIDATION_FAILED', details: [{ path: 'body.token' }] });
});

t.test('tokenUpdate moves the user binding only with the user JWT; login and logout move it', async (t) => {
  const device = new Device('user');
  device.jwt = await loginJwt('user-42');
  const registrar = device.start();
  await registrar.start();
  t.equal((await row(device.tokens.token))?.user_id, 'user-42');

  const old = device.tokens.token;
  const replacement = tokenOf('user-updated');
  await registrar.tokenUpdate(replacement);
  t.equal(await row(old), undefined, 'the old record of the same user is replaced');
  t.equal((await row(replacement))?.user_id, 'user-42', 'the JWT binds the new token');

  await registrar.unbindUser();
  t.equal((await row(replacement))?.user_id, null, 'logout unbinds, the token stays');

  device.tokens.token = replacement;
  device.jwt = await loginJwt('user-7');
  await registrar.bindUser();
  t.equal((await row(replacement))?.user_id, 'user-7', 'login binds at once, without waiting for a refresh');

  device.jwt = undefined;
  const anonymous = tokenOf('user-anonymous');
  await registrar.tokenUpdate(anonymous);
  t.equal((await row(anonymous))?.user_id, null, 'without a JWT the new token starts unbound');
  t.equal((await row(replacement))?.user_id, 'user-7', 'and the bound old record stays');
});

t.test('unregister deletes at Push Kit and removes the token from the database', async (t) => {
  const device = new Device('unregister');
  const registrar = device.start();
  await registrar.start();
  const token = device.tokens.token;
  t.equal(await registrar.unregister(), UnregisterOutcome.COMPLETED);
  t.equal(device.tokens.deleteTokenCalls, 1);
  t.equal(device.transport.sent.at(-1), `DELETE /tokens/${encodeURIComponent(token)}`);
  t.equal(await row(token), undefined);
});

t.test('unregister with the server down is finished on the next start', async (t) => {
  keepLinkUp(t);
  const device = new Device('unregister-outage');
  await device.start().start();
  const token = device.tokens.token;

  link.cut();
  const registrar = device.start();
  t.equal(await registrar.unregister(), UnregisterOutcome.PENDING);
  t.equal(device.tokens.deleteTokenCalls, 1, 'dead at Push Kit already');
  t.type(registrar.state().lastError, 'string');
  t.ok(await row(token), 'the server could not hear of it yet');

  link.restore();
  device.transport.sent.length = 0;
  await device.start().start();
  t.same(device.transport.sent, [`DELETE /tokens/${encodeURIComponent(token)}`, 'POST /tokens']);
  t.equal(await row(token), undefined, 'removed on the next start');
  t.ok(await row(device.tokens.token), 'and the new token Push Kit issued is registered');
});

t.test('Push Kit 1000900010 is mapped with its hint and nothing reaches the server', async (t) => {
  const device = new Device('identity');
  device.tokens.getTokenFailures.push(new PushKitError(1000900010, 'Illegal application identity'));
  const registrar = device.start();
  const error = await rejection(registrar.start());
  t.type(error, PushKitError);
  t.match(registrar.state(), {
    phase: RegistrationPhase.FAILED,
    lastError: /1000900010/,
    lastErrorHint: /AppGallery Connect.*signing profile.*client_id/s
  });
  t.same(device.transport.sent, []);
});

t.test('the server never logged a full token', async (t) => {
  t.ok(service.logs.lines.length > 0);
  const tokens = await service.app.pg.query<{ token: string }>('SELECT token FROM push_tokens');
  for (const { token } of tokens.rows) t.notOk(service.logs.text().includes(token));
});
