import { Unsubscribe } from './cancellation';
import { ClientConfig } from './client-config';
import { ClientError } from './errors';
import { Logger } from './logger';
import { NotificationSettings, requestNotificationPermission } from './notification-permission';
import { RegistrationListener, RegistrationPhase, RegistrationState } from './registration-state';
import { RegistrarDependencies, TokenRegistrar, UnregisterOutcome } from './token-registrar';

/** Builds the registrar's ports for the app's configuration; called once per process. */
export type RegistrarFactory = (config: ClientConfig) => RegistrarDependencies;

/** A call that needs the registrar came before `start()` (or `listen()`) configured it. */
export class NotStartedError extends ClientError {
  constructor(what: string) {
    super('NotStartedError', what + ' was called before start()', false,
      'Call HarmonyPush.start(context, config) in EntryAbility.onCreate before anything else of HarmonyPush.');
  }
}

/** What the first configure() made: the registrar, and the configuration it was made with. */
interface Configured {
  registrar: TokenRegistrar;
  config: ClientConfig;
}

/**
 * The process-wide push client behind the `HarmonyPush` facade, free of any kit so that it is tested on Node.
 * One registrar per process: EntryAbility and PushMessageAbility run in the same process and must not race on
 * the same stored record, so whichever of them comes first creates it, and the other one shares it.
 */
export class PushClient {
  private readonly logger: Logger;
  /** Set once, by the first configure(). */
  private configured: Configured | undefined = undefined;
  private listeners: RegistrationListener[] = [];

  /** Hands a token Push Kit replaced (`on('tokenUpdate')`) to the registrar; failures end up in `state()`. */
  readonly onTokenUpdate = (token: string): void => {
    const registrar = this.registrar;
    if (registrar !== undefined) {
      registrar.tokenUpdate(token).catch((): void => {});
    }
  };

  constructor(logger: Logger) {
    this.logger = logger;
  }

  private get registrar(): TokenRegistrar | undefined {
    return this.configured?.registrar;
  }

  /** Creates the registrar on the first call; later calls share it (their configuration is not used). */
  configure(config: ClientConfig, factory: RegistrarFactory): TokenRegistrar {
    const existing = this.configured;
    if (existing !== undefined) {
      const first = existing.config;
      if (first.serverUrl !== config.serverUrl || first.appKey !== config.appKey) {
        this.logger.warn('HarmonyPush is configured already (server ' + first.serverUrl + '); a different configuration ' +
          'is not used: pass the same one to start() and listen().');
      }
      return existing.registrar;
    }
    const created = new TokenRegistrar(factory(config));
    created.subscribe((state: RegistrationState): void => {
      this.listeners.forEach((listener: RegistrationListener) => listener(state));
    });
    const configured: Configured = { registrar: created, config: config };
    this.configured = configured;
    return created;
  }

  /**
   * Registers (or confirms) this device's token. Resolves with the resulting state and never rejects: a failure
   * is the state's `FAILED` phase with `lastError` and `lastErrorHint`, and is logged.
   */
  start(config: ClientConfig, factory: RegistrarFactory): Promise<RegistrationState> {
    return this.sync(this.configure(config, factory));
  }

  /**
   * `start()` again with the configuration it was given: a UI's "register" button after `unregister()` or a
   * failure. Resolves like `start()`; rejects only with NotStartedError.
   */
  async register(): Promise<RegistrationState> {
    return this.sync(this.started('register()'));
  }

  /** Uploads at once so the server binds the token to the user `ClientConfig.userJwt` returns now. */
  async bindUser(): Promise<RegistrationState> {
    return this.started('bindUser()').bindUser();
  }

  /** The token stays registered for anonymous pushes, but leaves the user. */
  async unbindUser(): Promise<void> {
    return this.started('unbindUser()').unbindUser();
  }

  /** Push off for this install: the token is deleted at Push Kit, then at the server (or at the next start). */
  async unregister(): Promise<UnregisterOutcome> {
    return this.started('unregister()').unregister();
  }

  /**
   * Asks the user to allow notifications unless they already are, then registers again so that the server
   * learns the answer now rather than at the next start. Resolves with the answer (`undefined` when it cannot be
   * read) and never rejects.
   */
  async requestNotificationPermission(settings: NotificationSettings): Promise<boolean | undefined> {
    const allowed = await requestNotificationPermission(settings, this.logger);
    const registrar = this.registrar;
    // Stryker disable next-line ConditionalExpression: without it, undefined.start() throws into the catch below: nothing happens either way
    if (registrar !== undefined) {
      try {
        await registrar.start();
      } catch (e) {
        // Recorded in state() and logged by the registrar.
      }
    }
    return allowed;
  }

  /** The registration as the app may show it (the token masked); `IDLE` before `start()`. */
  state(): RegistrationState {
    const registrar = this.registrar;
    if (registrar === undefined) {
      const idle: RegistrationState = { phase: RegistrationPhase.IDLE };
      return idle;
    }
    return registrar.state();
  }

  /** Called on every change of `state()`, also for a registrar created after the call. */
  subscribe(listener: RegistrationListener): Unsubscribe {
    this.listeners.push(listener);
    return (): void => {
      this.listeners = this.listeners.filter((candidate: RegistrationListener) => candidate !== listener);
    };
  }

  /** Abandons pending retries (the ability is being destroyed); the next start redoes what is needed. */
  stop(): void {
    const registrar = this.registrar;
    if (registrar !== undefined) {
      registrar.stop();
    }
  }

  private async sync(registrar: TokenRegistrar): Promise<RegistrationState> {
    try {
      return await registrar.start();
    } catch (e) {
      return registrar.state();
    }
  }

  private started(what: string): TokenRegistrar {
    const registrar = this.registrar;
    if (registrar === undefined) {
      throw new NotStartedError(what);
    }
    return registrar;
  }
}
