import t from 'tap';
import {
  DeviceProfileReader,
  DeviceType,
  FixedDeviceProfile,
  NotStartedError,
  PushClient,
  PushKitError,
  RegistrationPhase,
  UnregisterOutcome,
  notificationErrorOf,
  type ClientConfig,
  type DeviceProfileSource,
  type NotificationSettings,
  type RegistrarDependencies,
  type RegistrationState
} from '../../src/index';
import { FakeApi, FakeClock, FakeTokenSource, MemoryLogger, MemoryStore, rejection } from './fakes';

const TOKEN = 'MAAALgE4G98BAAAAfirst-token-0123456789abcdefghijklmnopqrstuvwxyz';
const OTHER = 'MAAALgE4G98BAAAAsecond-token-0123456789abcdefghijklmnopqrstuvwxy';
const CONFIG: ClientConfig = { serverUrl: 'https://push.example.com', appKey: 'app-key-0123456789abcdef' };

/** One app process: the ports the facade's factory would build over the kits. */
class Process {
  readonly store = new MemoryStore();
  readonly clock = new FakeClock();
  readonly logger = new MemoryLogger();
  readonly tokens = new FakeTokenSource(TOKEN);
  readonly api = new FakeApi();
  readonly configs: ClientConfig[] = [];
  device: DeviceProfileSource = new FixedDeviceProfile({ deviceType: DeviceType.PHONE, osApiVersion: 12 });
  readonly client = new PushClient(this.logger);

  readonly factory = (config: ClientConfig): RegistrarDependencies => {
    this.configs.push(config);
    return {
      tokenSource: this.tokens,
      api: this.api,
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      device: this.device,
      retryPolicy: { maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 4000, multiplier: 2 },
      random: () => 0.5
    };
  };
}

/** The notification switch and dialog; the dialog's answer flips the switch, as the notification service does. */
class Dialog implements NotificationSettings {
  requests = 0;
  constructor(
    public enabled: boolean,
    private readonly allow: boolean
  ) {}

  async isEnabled(): Promise<boolean> {
    return this.enabled;
  }

  async requestEnable(): Promise<void> {
    this.requests++;
    if (!this.allow) throw notificationErrorOf(1600004, 'Notification disabled');
    this.enabled = true;
  }
}

t.test('start uploads the token, and a second start (another ability) shares the first registrar', async (t) => {
  const app = new Process();
  const first = await app.client.start(CONFIG, app.factory);
  t.equal(first.phase, RegistrationPhase.REGISTERED);
  const second = await app.client.start({ ...CONFIG, appKey: 'another-key-0123456789' }, app.factory);
  t.equal(second.phase, RegistrationPhase.REGISTERED);
  t.same(app.configs, [CONFIG], 'the registrar is built once, from the first configuration');
  t.equal(app.api.uploads.length, 1, 'the second start finds the token registered and fresh');
  t.match(app.logger.text(), /warn HarmonyPush is configured already .*pass the same one to start\(\) and listen\(\)/);
  t.notMatch(app.logger.text(), /app-key/, 'the app key is not logged');
});

t.test('the same configuration again (listen after start) is shared without a warning', async (t) => {
  const app = new Process();
  await app.client.start(CONFIG, app.factory);
  app.client.configure({ ...CONFIG }, app.factory);
  t.notMatch(app.logger.text(), /configured already/);
  t.same(app.configs, [CONFIG]);
});

t.test('start never rejects: a failure is the FAILED state with its hint', async (t) => {
  const app = new Process();
  app.tokens.getTokenFailures.push(new PushKitError(1000900010, 'Illegal application identity'));
  const state = await app.client.start(CONFIG, app.factory);
  t.equal(state.phase, RegistrationPhase.FAILED);
  t.match(state.lastError, /1000900010/);
  t.match(state.lastErrorHint, /signing profile/);
  t.same(app.client.state(), state);
  t.equal(app.api.uploads.length, 0);
});

t.test('before start: state() is IDLE and the user calls reject with NotStartedError', async (t) => {
  const app = new Process();
  t.same(app.client.state(), { phase: RegistrationPhase.IDLE });
  for (const call of [() => app.client.register(), () => app.client.bindUser(), () => app.client.unbindUser(), () => app.client.unregister()]) {
    const error = await rejection(call());
    t.ok(error instanceof NotStartedError);
    t.match(error.message, /before start\(\)/);
    t.match((error as NotStartedError).hint, /HarmonyPush\.start/);
  }
  t.equal(app.tokens.getTokenCalls + app.tokens.deleteTokenCalls, 0);
});

t.test('a listener subscribed before start sees every state of the registrar start creates, until it unsubscribes', async (t) => {
  const app = new Process();
  const seen: RegistrationState[] = [];
  const unsubscribe = app.client.subscribe((state) => seen.push(state));
  await app.client.start(CONFIG, app.factory);
  t.same(seen.map((state) => state.phase), [RegistrationPhase.REGISTERING, RegistrationPhase.REGISTERED]);
  t.notOk(seen.some((state) => (state.maskedToken ?? '').includes(TOKEN)), 'the token is masked');
  unsubscribe();
  await app.client.unregister();
  t.equal(seen.length, 2);
  t.equal(app.client.state().phase, RegistrationPhase.UNREGISTERED);
});

t.test('tokenUpdate replaces the token, naming the previous one; ignored before anything configured the client', async (t) => {
  const app = new Process();
  app.client.onTokenUpdate(OTHER);
  await app.client.start(CONFIG, app.factory);
  t.equal(app.api.uploads.length, 1);
  t.equal(app.api.uploads[0].token, TOKEN);

  const updated = new Promise<RegistrationState>((resolve) => {
    app.client.subscribe((state) => {
      if (state.phase === RegistrationPhase.REGISTERED) resolve(state);
    });
  });
  app.client.onTokenUpdate(OTHER);
  await updated;
  t.equal(app.api.uploads.length, 2);
  t.equal(app.api.uploads[1].token, OTHER);
  t.equal(app.api.uploads[1].previousToken, TOKEN);
});

t.test('a failed tokenUpdate is recorded in state(), not thrown', async (t) => {
  const app = new Process();
  await app.client.start(CONFIG, app.factory);
  app.api.failures.push(new PushKitError(401, 'unexpected'));
  const failed = new Promise<RegistrationState>((resolve) => {
    app.client.subscribe((state) => {
      if (state.phase === RegistrationPhase.FAILED) resolve(state);
    });
  });
  app.client.onTokenUpdate(OTHER);
  t.match((await failed).lastError, /401/);
});

t.test('requestNotificationPermission asks, then registers again so the server learns the answer now', async (t) => {
  for (const allow of [true, false]) {
    const app = new Process();
    const dialog = new Dialog(false, allow);
    app.device = new DeviceProfileReader(
      { deviceType: () => 'phone', osApiVersion: () => 12, appVersion: async () => '2.1.0' }, dialog, app.logger);
    await app.client.start(CONFIG, app.factory);
    t.equal(app.api.uploads[0].notificationsEnabled, false);
    t.equal(await app.client.requestNotificationPermission(dialog), allow);
    t.equal(dialog.requests, 1);
    t.equal(app.api.uploads.length, allow ? 2 : 1, allow ? 'the changed setting is uploaded' : 'nothing changed');
    t.equal(app.client.state().notificationsEnabled, allow);
  }
});

t.test('requestNotificationPermission before start answers without registering', async (t) => {
  const app = new Process();
  t.equal(await app.client.requestNotificationPermission(new Dialog(true, false)), true);
  t.equal(app.tokens.getTokenCalls, 0);
  t.same(app.configs, []);
});

t.test('stop abandons the retries of a running start; the next start runs normally', async (t) => {
  const app = new Process();
  app.api.failures.push(new PushKitError(1000900008, 'Failed to connect'));
  app.clock.onDelay = () => app.client.stop();
  const state = await app.client.start(CONFIG, app.factory);
  t.equal(app.api.uploads.length, 1, 'no retry after stop()');
  t.not(state.phase, RegistrationPhase.REGISTERED);
  app.clock.onDelay = () => undefined;
  t.equal((await app.client.start(CONFIG, app.factory)).phase, RegistrationPhase.REGISTERED);
});

t.test('unregister deletes at Push Kit and at the server; register() brings push back with the new token', async (t) => {
  const app = new Process();
  await app.client.start(CONFIG, app.factory);
  t.equal(await app.client.unregister(), UnregisterOutcome.COMPLETED);
  t.equal(app.tokens.deleteTokenCalls, 1);
  t.same(app.api.unregistered, [TOKEN]);
  const state = await app.client.register();
  t.equal(state.phase, RegistrationPhase.REGISTERED);
  t.equal(app.api.uploads.length, 2);
  t.equal(app.api.uploads[1].token, app.tokens.token);
  t.not(app.tokens.token, TOKEN);
  t.same(app.configs, [CONFIG]);
});

t.test('register() never rejects once started: a failure is the FAILED state', async (t) => {
  const app = new Process();
  await app.client.start(CONFIG, app.factory);
  app.tokens.getTokenFailures.push(new PushKitError(1000900012, 'Push rights are not activated.'));
  const state = await app.client.register();
  t.equal(state.phase, RegistrationPhase.FAILED);
  t.match(state.lastErrorHint, /enable Push Kit/);
});

t.test('bindUser uploads at once; unbindUser unbinds the registered token', async (t) => {
  const app = new Process();
  await app.client.start(CONFIG, app.factory);
  await app.client.bindUser();
  t.equal(app.api.uploads.length, 2, 'bindUser uploads even though the token is fresh');
  await app.client.unbindUser();
  t.same(app.api.unbound, [TOKEN]);
});

t.test('another server URL on a later start is not used either, and the warning names the server in use', async (t) => {
  const app = new Process();
  await app.client.start(CONFIG, app.factory);
  app.client.configure({ ...CONFIG, serverUrl: 'https://staging.example.com' }, app.factory);
  t.same(app.logger.lines.filter((line) => line.startsWith('warn')), [
    'warn HarmonyPush is configured already (server https://push.example.com); a different configuration is not used: ' +
      'pass the same one to start() and listen().'
  ]);
  t.same(app.configs, [CONFIG]);
});

t.test('NotStartedError names the call that came too early', async (t) => {
  const app = new Process();
  const calls: [string, () => Promise<unknown>][] = [
    ['register()', () => app.client.register()],
    ['bindUser()', () => app.client.bindUser()],
    ['unbindUser()', () => app.client.unbindUser()],
    ['unregister()', () => app.client.unregister()]
  ];
  for (const [what, call] of calls) {
    const error = await rejection(call());
    t.equal(String(error), `NotStartedError: ${what} was called before start()`);
    t.equal((error as NotStartedError).retryable, false, 'calling again cannot help before start()');
  }
});

t.test('unsubscribing one listener leaves the others subscribed', async (t) => {
  const app = new Process();
  const seen: string[] = [];
  const unsubscribeA = app.client.subscribe((state) => seen.push(`a ${state.phase}`));
  app.client.subscribe((state) => seen.push(`b ${state.phase}`));
  unsubscribeA();
  await app.client.start(CONFIG, app.factory);
  t.same(seen, [`b ${RegistrationPhase.REGISTERING}`, `b ${RegistrationPhase.REGISTERED}`]);
});

t.test('stop before start has nothing to stop', async (t) => {
  const app = new Process();
  t.doesNotThrow(() => app.client.stop());
  t.equal((await app.client.start(CONFIG, app.factory)).phase, RegistrationPhase.REGISTERED);
});
