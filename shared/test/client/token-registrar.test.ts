import t from 'tap';
import {
  CancelledError,
  DEFAULT_REFRESH_INTERVAL_MS,
  DeviceType,
  FixedDeviceProfile,
  maskToken,
  NetworkError,
  PushKitError,
  RECORD_KEY,
  RegistrationPhase,
  RequestRejectedError,
  ServerBusyError,
  TokenRegistrar,
  UnregisterOutcome,
  type DeviceProfile,
  type RegistrationRecord,
  type RetryPolicy
} from '../../src/index';
import { FakeApi, FakeClock, FakeTokenSource, MemoryLogger, MemoryStore, rejection } from './fakes';

const TOKEN = 'MAAALgE4G98BAAAAfirst-token-0123456789abcdefghijklmnopqrstuvwxyz';
const OTHER = 'MAAALgE4G98BAAAAsecond-token-0123456789abcdefghijklmnopqrstuvwxy';
const DAY = 24 * 60 * 60 * 1000;
const POLICY: RetryPolicy = { maxAttempts: 4, initialDelayMs: 1000, maxDelayMs: 8000, multiplier: 2 };
const PHONE: DeviceProfile = { deviceType: DeviceType.PHONE, osApiVersion: 12, appVersion: '1.0.0', notificationsEnabled: true };

/** One app install: the store, clock and Push Kit outlive registrars, as they outlive app starts. */
class Install {
  readonly events: string[] = [];
  readonly store = new MemoryStore();
  readonly clock = new FakeClock();
  readonly logger = new MemoryLogger();
  readonly tokens = new FakeTokenSource(TOKEN, this.events);
  readonly api = new FakeApi(this.events);
  device: DeviceProfile = PHONE;

  /** A registrar as one app start creates it. */
  start(): TokenRegistrar {
    return new TokenRegistrar({
      tokenSource: this.tokens,
      api: this.api,
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      device: new FixedDeviceProfile(this.device),
      retryPolicy: POLICY,
      random: () => 0.5
    });
  }

  record(): RegistrationRecord {
    return JSON.parse(this.store.values.get(RECORD_KEY) ?? '{}') as RegistrationRecord;
  }
}

t.test('first start uploads the token with the device profile and remembers it', async (t) => {
  const install = new Install();
  const registrar = install.start();
  const state = await registrar.start();
  t.same(install.api.uploads, [
    { token: TOKEN, deviceType: 'phone', osApiVersion: 12, appVersion: '1.0.0', notificationsEnabled: true }
  ]);
  t.equal(state.notificationsEnabled, true, 'the page shows whether notifications are allowed');
  t.equal(state.phase, RegistrationPhase.REGISTERED);
  t.equal(state.lastUploadAt, install.clock.time);
  t.equal(install.record().token, TOKEN);
  t.notOk(state.maskedToken?.includes(TOKEN), 'the state shows a masked token');
});

t.test('a second start with the same token makes no request', async (t) => {
  const install = new Install();
  await install.start().start();
  install.clock.advance(DAY);
  const state = await install.start().start();
  t.equal(install.api.uploads.length, 1);
  t.equal(install.tokens.getTokenCalls, 2, 'asks Push Kit once per start');
  t.equal(state.phase, RegistrationPhase.REGISTERED);
  t.equal(state.lastUploadAt, install.clock.time - DAY, 'shows when the server last accepted the token');
});

t.test('a changed token is uploaded with previousToken', async (t) => {
  const install = new Install();
  await install.start().start();
  install.tokens.token = OTHER;
  await install.start().start();
  t.equal(install.api.uploads.length, 2);
  t.equal(install.api.uploads[1].token, OTHER);
  t.equal(install.api.uploads[1].previousToken, TOKEN);
  t.equal(install.record().token, OTHER);
});

t.test('an unchanged token is uploaded again once the refresh interval has passed', async (t) => {
  const install = new Install();
  await install.start().start();
  install.clock.advance(DEFAULT_REFRESH_INTERVAL_MS - 1);
  await install.start().start();
  t.equal(install.api.uploads.length, 1, 'not before the interval');
  install.clock.advance(1);
  await install.start().start();
  t.equal(install.api.uploads.length, 2, 'at the interval');
  t.equal(install.api.uploads[1].previousToken, undefined, 'a refresh replaces nothing');
});

t.test('a clock set backwards counts as due for a refresh', async (t) => {
  const install = new Install();
  await install.start().start();
  install.clock.advance(-DAY);
  await install.start().start();
  t.equal(install.api.uploads.length, 2);
});

t.test('an OS or app update is uploaded even with the same token', async (t) => {
  const install = new Install();
  await install.start().start();
  install.device = { ...PHONE, osApiVersion: 13 };
  await install.start().start();
  t.equal(install.api.uploads.length, 2);
  t.equal(install.api.uploads[1].osApiVersion, 13);
});

t.test('a new app version is uploaded on the next start', async (t) => {
  const install = new Install();
  await install.start().start();
  install.device = { ...PHONE, appVersion: '1.1.0' };
  await install.start().start();
  t.equal(install.api.uploads.length, 2);
  t.equal(install.api.uploads[1].appVersion, '1.1.0');
  t.equal(install.api.uploads[1].previousToken, undefined);
});

t.test('a changed notification setting is uploaded on the next start, in both directions', async (t) => {
  const install = new Install();
  install.device = { ...PHONE, notificationsEnabled: false };
  await install.start().start();
  install.device = { ...PHONE, notificationsEnabled: true };
  const state = await install.start().start();
  install.device = { ...PHONE, notificationsEnabled: false };
  await install.start().start();
  t.same(install.api.uploads.map((upload) => upload.notificationsEnabled), [false, true, false]);
  t.equal(state.notificationsEnabled, true);
  await install.start().start();
  t.equal(install.api.uploads.length, 3, 'an unchanged setting uploads nothing');
});

t.test('an unknown notification setting is left out of the registration', async (t) => {
  const install = new Install();
  install.device = { deviceType: DeviceType.PHONE, osApiVersion: 12 };
  const state = await install.start().start();
  t.notOk('notificationsEnabled' in install.api.uploads[0]);
  t.equal(state.notificationsEnabled, undefined);
});

t.test('a stored record that cannot be read costs one upload, nothing more', async (t) => {
  const install = new Install();
  install.store.values.set(RECORD_KEY, '{not json');
  await install.start().start();
  t.equal(install.api.uploads.length, 1);
  t.equal(install.record().token, TOKEN);
});

t.test('transient upload failures are retried with growing, jittered backoff', async (t) => {
  const install = new Install();
  install.api.failures.push(new NetworkError('offline'), new ServerBusyError(503, 'database unavailable', 0));
  const state = await install.start().start();
  t.equal(install.api.uploads.length, 3);
  t.same(install.clock.delays, [750, 1500], 'equal jitter: half the step fixed, half random (pinned to 0.5)');
  t.equal(state.phase, RegistrationPhase.REGISTERED);
  t.match(install.logger.text(), /upload failed \(offline\); attempt 1 of 4, retrying in 1 s/);
});

t.test('Retry-After is honoured up to the backoff ceiling', async (t) => {
  const install = new Install();
  install.api.failures.push(new ServerBusyError(429, 'slow down', 5000), new ServerBusyError(503, 'busy', 60000));
  await install.start().start();
  t.same(install.clock.delays, [5000, 8000]);
});

t.test('retries are bounded: the last failure is surfaced and nothing is remembered', async (t) => {
  const install = new Install();
  install.api.down = new NetworkError('connection refused');
  const registrar = install.start();
  const error = await rejection(registrar.start());
  t.type(error, NetworkError);
  t.equal(install.api.uploads.length, POLICY.maxAttempts);
  t.equal(install.clock.delays.length, POLICY.maxAttempts - 1);
  t.equal(registrar.state().phase, RegistrationPhase.FAILED);
  t.equal(registrar.state().lastError, 'connection refused');
  t.equal(install.record().token, undefined);

  install.api.down = undefined;
  await install.start().start();
  t.equal(install.record().token, TOKEN, 'the next start tries again');
});

t.test('a 4xx answer is not retried and is surfaced with its hint', async (t) => {
  const install = new Install();
  install.api.failures.push(new RequestRejectedError(401, 'UNAUTHORIZED', 'unknown app key', [], 'check the app key'));
  const registrar = install.start();
  const error = await rejection(registrar.start());
  t.type(error, RequestRejectedError);
  t.equal(install.api.uploads.length, 1);
  t.same(install.clock.delays, []);
  t.equal(registrar.state().lastErrorHint, 'check the app key');
  t.match(install.logger.text(), /error Push registration failed: unknown app key Hint: check the app key/);
});

t.test('stop() cancels a pending retry; the registrar works again afterwards', async (t) => {
  const install = new Install();
  install.api.down = new NetworkError('offline');
  const registrar = install.start();
  install.clock.onDelay = () => registrar.stop();
  const error = await rejection(registrar.start());
  t.type(error, CancelledError);
  t.equal(install.api.uploads.length, 1, 'no attempt after the cancellation');
  t.not(registrar.state().phase, RegistrationPhase.FAILED, 'a cancellation is not shown as a failure');

  install.api.down = undefined;
  install.clock.onDelay = () => undefined;
  await registrar.start();
  t.equal(install.record().token, TOKEN);
});

t.test('stop() also abandons queued operations', async (t) => {
  const install = new Install();
  const registrar = install.start();
  const first = registrar.start();
  const queued = registrar.tokenUpdate(OTHER);
  registrar.stop();
  t.type(await rejection(first), CancelledError);
  t.type(await rejection(queued), CancelledError);
  t.same(install.api.uploads, []);
});

t.test('Push Kit errors: transient ones are retried, 1000900010 is surfaced with its hint', async (t) => {
  const install = new Install();
  install.tokens.getTokenFailures.push(new PushKitError(1000900008, 'Failed to connect to the push service'));
  await install.start().start();
  t.equal(install.tokens.getTokenCalls, 2);
  t.equal(install.api.uploads.length, 1);

  const fresh = new Install();
  fresh.tokens.getTokenFailures.push(new PushKitError(1000900010, 'Illegal application identity'));
  const registrar = fresh.start();
  const error = await rejection(registrar.start());
  t.type(error, PushKitError);
  t.equal(fresh.tokens.getTokenCalls, 1, 'not retried');
  t.same(fresh.api.uploads, []);
  t.match(registrar.state().lastError, /1000900010/);
  t.match(registrar.state().lastErrorHint, /client_id/);
  t.match(registrar.state().lastErrorHint, /signing profile/);
});

t.test('tokenUpdate uploads the new token with previousToken; the same token again is a no-op', async (t) => {
  const install = new Install();
  const registrar = install.start();
  await registrar.start();
  await registrar.tokenUpdate(OTHER);
  t.equal(install.api.uploads[1].token, OTHER);
  t.equal(install.api.uploads[1].previousToken, TOKEN);
  t.equal(install.api.uploads[1].notificationsEnabled, true, 'with the profile read for this upload');
  await registrar.tokenUpdate(OTHER);
  t.equal(install.api.uploads.length, 2);
  t.equal(install.record().token, OTHER);
});

t.test('operations run one at a time in call order', async (t) => {
  const install = new Install();
  const registrar = install.start();
  await Promise.all([registrar.start(), registrar.tokenUpdate(OTHER)]);
  t.same(install.api.uploads.map((u) => [u.token, u.previousToken]), [[TOKEN, undefined], [OTHER, TOKEN]]);
});

t.test('unregister deletes at Push Kit, then at the server, then forgets the token', async (t) => {
  const install = new Install();
  const registrar = install.start();
  await registrar.start();
  install.events.length = 0;
  t.equal(await registrar.unregister(), UnregisterOutcome.COMPLETED);
  t.same(install.events, ['deleteToken', `unregister ${TOKEN}`]);
  t.same(install.record(), { pendingRemovals: [] });
  t.equal(registrar.state().phase, RegistrationPhase.UNREGISTERED);
  t.match(install.logger.text(), /unregistered/);
});

t.test('unregister with the server down is remembered and finished on the next start', async (t) => {
  const install = new Install();
  await install.start().start();
  install.api.down = new NetworkError('offline');
  const registrar = install.start();
  t.equal(await registrar.unregister(), UnregisterOutcome.PENDING);
  t.equal(install.tokens.deleteTokenCalls, 1);
  t.same(install.record().pendingRemovals, [TOKEN]);
  t.equal(install.record().token, undefined);
  t.equal(registrar.state().lastError, 'offline');

  // Still down at the next start: kept for later, and the new token is not uploaded either.
  await rejection(install.start().start());
  t.same(install.record().pendingRemovals, [TOKEN]);

  install.api.down = undefined;
  install.events.length = 0;
  await install.start().start();
  const newToken = install.tokens.token;
  t.same(install.events, [`unregister ${TOKEN}`, 'getToken', `upload ${newToken}`], 'removal first, once');
  t.same(install.record().pendingRemovals, []);
  t.equal(install.api.uploads.at(-1)?.previousToken, undefined, 'the removed token is not "replaced"');
});

t.test('unregister rejected by the server (4xx) is surfaced and stays remembered', async (t) => {
  const install = new Install();
  await install.start().start();
  install.api.failures.push(new RequestRejectedError(401, 'UNAUTHORIZED', 'unknown app key', [], ''));
  const registrar = install.start();
  t.type(await rejection(registrar.unregister()), RequestRejectedError);
  t.same(install.record().pendingRemovals, [TOKEN]);
  t.equal(registrar.state().phase, RegistrationPhase.FAILED);
});

t.test('unregister stops before the server when Push Kit cannot delete the token', async (t) => {
  const install = new Install();
  await install.start().start();
  install.tokens.deleteToken = async () => {
    throw new PushKitError(1000900010, 'Illegal application identity');
  };
  t.type(await rejection(install.start().unregister()), PushKitError);
  t.same(install.api.unregistered, []);
  t.equal(install.record().token, TOKEN, 'still registered: the token still works');
});

t.test('bindUser uploads at once; unbindUser unbinds the registered token', async (t) => {
  const install = new Install();
  const registrar = install.start();
  await registrar.start();
  await registrar.bindUser();
  t.equal(install.api.uploads.length, 2, 'uploaded although fresh, so the server sees the login');
  await registrar.unbindUser();
  t.same(install.api.unbound, [TOKEN]);
});

t.test('logs never hold a full token', async (t) => {
  const install = new Install();
  await install.start().start();
  install.api.failures.push(new NetworkError('offline'));
  await install.start().tokenUpdate(OTHER);
  install.api.down = new NetworkError('offline');
  await install.start().unregister();
  install.api.down = undefined;
  await install.start().start();
  t.ok(install.logger.lines.length >= 5);
  for (const token of [TOKEN, OTHER, install.tokens.token]) {
    t.notOk(install.logger.text().includes(token), 'no full token in the log');
  }
});

t.test('listeners see every state change until they unsubscribe', async (t) => {
  const install = new Install();
  const registrar = install.start();
  const seen: string[] = [];
  const other: string[] = [];
  const unsubscribe = registrar.subscribe((state) => seen.push(state.phase));
  registrar.subscribe((state) => other.push(state.phase));
  await registrar.start();
  t.same(seen, [RegistrationPhase.REGISTERING, RegistrationPhase.REGISTERED], 'the status page follows the upload');
  unsubscribe();
  await registrar.unregister();
  t.same(seen, [RegistrationPhase.REGISTERING, RegistrationPhase.REGISTERED], 'nothing after unsubscribing');
  t.same(other, [RegistrationPhase.REGISTERING, RegistrationPhase.REGISTERED, RegistrationPhase.UNREGISTERED],
    'the other listener still hears');
});

t.test('a successful unregister keeps the other removals that are still pending', async (t) => {
  const install = new Install();
  await install.start().start();
  const OLD = 'MAAALgE4G98BAAAAold-token-0123456789abcdefghijklmnopqrstuvwxyz0123';
  install.store.values.set(RECORD_KEY, JSON.stringify({ ...install.record(), pendingRemovals: [OLD] }));
  t.equal(await install.start().unregister(), UnregisterOutcome.COMPLETED);
  t.same(install.api.unregistered, [TOKEN]);
  t.same(install.record().pendingRemovals, [OLD], 'the older removal is still owed to the server');
  await install.start().start();
  t.same(install.api.unregistered, [TOKEN, OLD], 'and the next start finishes it');
  t.same(install.record().pendingRemovals, []);
});

t.test('an app update (a changed appVersion) uploads again', async (t) => {
  const install = new Install();
  await install.start().start();
  install.device = { ...PHONE, appVersion: '1.1.0' };
  await install.start().start();
  t.same(install.api.uploads.map((upload) => upload.appVersion), ['1.0.0', '1.1.0']);
  install.device = { ...PHONE, appVersion: '1.1.0', osApiVersion: 13 };
  await install.start().start();
  t.same(install.api.uploads.map((upload) => upload.osApiVersion), [12, 12, 13], 'an OS update too');
  await install.start().start();
  t.equal(install.api.uploads.length, 3, 'nothing changed: no upload');
});

t.test('unregister and unbind before any registration', async (t) => {
  const install = new Install();
  t.equal(await install.start().unregister(), UnregisterOutcome.COMPLETED, 'nothing to remove at the server');
  t.equal(install.tokens.deleteTokenCalls, 1, 'the Push Kit token is still deleted');
  t.same(install.api.unregistered, []);
  t.same(install.record().pendingRemovals, []);
  await install.start().unbindUser();
  t.same(install.api.unbound, [], 'no token, nothing to unbind');
});

t.test('without an injected random source the backoff jitter still stays within its step', async (t) => {
  const install = new Install();
  const registrar = new TokenRegistrar({
    tokenSource: install.tokens,
    api: install.api,
    store: install.store,
    clock: install.clock,
    logger: install.logger,
    device: new FixedDeviceProfile(install.device),
    retryPolicy: POLICY
  });
  install.api.failures.push(new NetworkError('offline'), new NetworkError('offline'));
  const state = await registrar.start();
  t.equal(state.phase, RegistrationPhase.REGISTERED);
  t.equal(install.clock.delays.length, 2);
  t.ok(install.clock.delays[0] >= 500 && install.clock.delays[0] <= 1000, `first delay ${install.clock.delays[0]} in [500, 1000]`);
  t.ok(install.clock.delays[1] >= 1000 && install.clock.delays[1] <= 2000, `second delay ${install.clock.delays[1]} in [1000, 2000]`);
});

t.test('a registrar that has done nothing yet shows idle', async (t) => {
  const registrar = new Install().start();
  t.same(registrar.state(), { phase: RegistrationPhase.IDLE });
});

t.test('the registration and the state carry only what the device reported', async (t) => {
  const install = new Install();
  install.device = { deviceType: DeviceType.TV };
  const state = await install.start().start();
  t.same(Object.keys(install.api.uploads[0]).sort(), ['deviceType', 'token'], 'no previousToken, OS or app version, switch');
  t.notOk('notificationsEnabled' in state);
  install.device = { deviceType: DeviceType.TV, notificationsEnabled: true };
  await install.start().start();
  t.same(install.api.uploads.map((upload) => upload.notificationsEnabled), [undefined, true], 'a switch that becomes known');
  install.device = { deviceType: DeviceType.TV, osApiVersion: 12, notificationsEnabled: true };
  await install.start().start();
  install.device = { deviceType: DeviceType.TV, appVersion: '12', notificationsEnabled: true };
  await install.start().start();
  t.equal(install.api.uploads.length, 4, 'OS 12 without an app version is another profile than app version 12 without an OS');
});

t.test('a failure that is no client error (the store cannot write) is shown without a hint', async (t) => {
  const install = new Install();
  install.store.set = async () => {
    throw new Error('disk full');
  };
  const registrar = install.start();
  t.equal((await rejection(registrar.start())).message, 'disk full');
  t.match(registrar.state(), { phase: RegistrationPhase.FAILED, lastError: 'disk full', lastErrorHint: '' });
  t.same(install.logger.lines.at(-1), 'error Push registration failed: disk full');
});

t.test('the log tells the developer what happened and what is retried, tokens masked', async (t) => {
  const install = new Install();
  const [first, second] = [maskToken(TOKEN), maskToken(OTHER)];
  await install.start().start();
  await install.start().start();
  const registrar = install.start();
  install.api.failures.push(new NetworkError('offline'));
  await registrar.tokenUpdate(OTHER);
  install.api.failures.push(new NetworkError('offline'));
  await registrar.unbindUser();
  install.api.failures.push(new RequestRejectedError(403, 'FORBIDDEN', 'not yours', [], ''));
  await rejection(registrar.unbindUser());
  t.same(install.logger.lines, [
    `info Push token ${first} registered.`,
    `info Push token ${first} is registered and fresh; nothing to upload.`,
    'warn upload failed (offline); attempt 1 of 4, retrying in 1 s.',
    `info Push token ${second} registered, replacing ${first}.`,
    'warn unbind user failed (offline); attempt 1 of 4, retrying in 1 s.',
    `info Push token ${second} unbound from its user.`,
    'error Push registration failed: not yours'
  ]);

  install.logger.lines.length = 0;
  const deleteToken = install.tokens.deleteToken.bind(install.tokens);
  let deleteFailures = 1;
  install.tokens.deleteToken = async () => {
    if (deleteFailures-- > 0) throw new PushKitError(1000900008, 'Failed to connect to the push service');
    await deleteToken();
  };
  install.api.down = new NetworkError('offline');
  await registrar.unregister();
  install.api.down = undefined;
  install.api.failures.push(new NetworkError('still offline'));
  install.tokens.getTokenFailures.push(new PushKitError(1000900008, 'Failed to connect to the push service'));
  await install.start().start();
  const third = maskToken(install.tokens.token);
  await install.start().start();
  await install.start().unregister();
  t.same(install.logger.lines, [
    'warn deleteToken failed (Push Kit error 1000900008: Failed to connect to the push service); attempt 1 of 4, retrying in 1 s.',
    'warn unregister failed (offline); attempt 1 of 4, retrying in 1 s.',
    'warn unregister failed (offline); attempt 2 of 4, retrying in 2 s.',
    'warn unregister failed (offline); attempt 3 of 4, retrying in 3 s.',
    `warn Could not remove push token ${second} from the server (offline); it will be removed on the next start.`,
    `warn Removing push token ${second} failed again: still offline`,
    'warn getToken failed (Push Kit error 1000900008: Failed to connect to the push service); attempt 1 of 4, retrying in 1 s.',
    `info Push token ${third} registered.`,
    `info Push token ${second} unregistered (remembered from an earlier outage).`,
    `info Push token ${third} is registered and fresh; nothing to upload.`,
    `info Push token ${third} unregistered.`
  ]);
});
