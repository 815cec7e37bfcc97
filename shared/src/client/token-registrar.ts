import { TokenRegistration } from '../contract/tokens';
import { maskToken } from '../mask';
import { Cancellation, Unsubscribe } from './cancellation';
import { Clock } from './clock';
import { DeviceProfile, DeviceProfileSource } from './device-profile';
import { CancelledError, ClientError } from './errors';
import { KeyValueStore } from './key-value-store';
import { Logger } from './logger';
import { RegistrationApi } from './registration-api';
import { RegistrationRecord, RegistrationRecords } from './registration-record';
import { RegistrationListener, RegistrationPhase, RegistrationState } from './registration-state';
import { DEFAULT_RETRY_POLICY, RandomSource, RetryOptions, RetryPolicy, withRetry } from './retry';
import { TokenSource } from './token-source';

/** Re-upload an unchanged token this often so the server's last-seen stays fresh (it prunes stale tokens). */
export const DEFAULT_REFRESH_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

export interface RegistrarDependencies {
  tokenSource: TokenSource;
  api: RegistrationApi;
  store: KeyValueStore;
  clock: Clock;
  logger: Logger;
  /** Read before every registration decision: the notification switch can change between starts. */
  device: DeviceProfileSource;
  refreshIntervalMs?: number;
  retryPolicy?: RetryPolicy;
  /** Jitter source; tests pin it. */
  random?: RandomSource;
}

export enum UnregisterOutcome {
  COMPLETED = 'completed',
  /** Deleted at Push Kit, but the server was unreachable: the next `start()` finishes it. */
  PENDING = 'pending'
}

type Operation<T> = (cancellation: Cancellation) => Promise<T>;

/** Everything a registration carries besides the token, as a JSON list: a change of any of it is uploaded. */
function profileKey(device: DeviceProfile): string {
  const fields: (string | number | boolean | null)[] = [device.deviceType.valueOf(), device.osApiVersion ?? null,
    device.appVersion ?? null, device.notificationsEnabled ?? null];
  return JSON.stringify(fields);
}

/**
 * Keeps the server's copy of this device's push token right: uploads it when it is new, changed or
 * due for a refresh, replaces it on `tokenUpdate`, and removes it on unregister even across an
 * outage. Operations run one at a time in call order; `stop()` abandons the running and queued ones.
 */
export class TokenRegistrar {
  private readonly deps: RegistrarDependencies;
  private readonly records: RegistrationRecords;
  private readonly refreshIntervalMs: number;
  private cancellation: Cancellation = new Cancellation();
  private queue: Promise<void> = Promise.resolve();
  private current: RegistrationState = { phase: RegistrationPhase.IDLE };
  private listeners: RegistrationListener[] = [];

  constructor(deps: RegistrarDependencies) {
    this.deps = deps;
    this.records = new RegistrationRecords(deps.store);
    this.refreshIntervalMs = deps.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
  }

  /** Call on every app start: finishes remembered unregisters, then uploads the token if needed. */
  start(): Promise<RegistrationState> {
    return this.enqueue<RegistrationState>((cancellation: Cancellation) => this.sync(false, cancellation));
  }

  /** Push Kit replaced the token (`pushService.on('tokenUpdate')`). */
  tokenUpdate(token: string): Promise<RegistrationState> {
    return this.enqueue<RegistrationState>(async (cancellation: Cancellation): Promise<RegistrationState> => {
      const record = await this.records.load();
      const device = await this.deps.device.read();
      if (this.needsUpload(record, token, device)) {
        await this.upload(record, token, device, cancellation);
      }
      return this.current;
    });
  }

  /** After login: uploads at once so the server binds the token to the user of `ClientConfig.userJwt`. */
  bindUser(): Promise<RegistrationState> {
    return this.enqueue<RegistrationState>((cancellation: Cancellation) => this.sync(true, cancellation));
  }

  /** After logout: the token stays registered for anonymous pushes but leaves the user. */
  unbindUser(): Promise<void> {
    return this.enqueue<void>(async (cancellation: Cancellation): Promise<void> => {
      const record = await this.records.load();
      const token = record.token;
      if (token !== undefined) {
        await withRetry<void>(() => this.deps.api.unbindUser(token), this.retryOptions('unbind user', cancellation));
        this.deps.logger.info('Push token ' + maskToken(token) + ' unbound from its user.');
      }
    });
  }

  /**
   * Push off for this app install: the token is deleted at Push Kit first (so it is dead even if the
   * server never hears of it), then at the server, then forgotten locally. The removal is written
   * down before the server is called, so an outage or a crash only delays it to the next start.
   */
  unregister(): Promise<UnregisterOutcome> {
    return this.enqueue<UnregisterOutcome>(async (cancellation: Cancellation): Promise<UnregisterOutcome> => {
      const record = await this.records.load();
      await withRetry<void>(() => this.deps.tokenSource.deleteToken(), this.retryOptions('deleteToken', cancellation));
      const token = record.token;
      const pending = token === undefined || record.pendingRemovals.includes(token) ?
        record.pendingRemovals : record.pendingRemovals.concat([token]);
      await this.records.save({ pendingRemovals: pending });
      this.setState({ phase: RegistrationPhase.UNREGISTERED });
      if (token === undefined) {
        return UnregisterOutcome.COMPLETED;
      }
      try {
        await withRetry<void>(() => this.deps.api.unregister(token), this.retryOptions('unregister', cancellation));
      } catch (e) {
        if (e instanceof ClientError && e.retryable) {
          this.deps.logger.warn('Could not remove push token ' + maskToken(token) + ' from the server (' +
            e.message + '); it will be removed on the next start.');
          this.setState({ phase: RegistrationPhase.UNREGISTERED, lastError: e.message, lastErrorHint: e.hint });
          return UnregisterOutcome.PENDING;
        }
        throw e as Error;
      }
      await this.records.save({ pendingRemovals: pending.filter((t: string) => t !== token) });
      this.deps.logger.info('Push token ' + maskToken(token) + ' unregistered.');
      return UnregisterOutcome.COMPLETED;
    });
  }

  /** Abandons the running and queued operations (the ability is being destroyed); later calls run normally. */
  stop(): void {
    this.cancellation.cancel();
    this.cancellation = new Cancellation();
  }

  state(): RegistrationState {
    return this.current;
  }

  subscribe(listener: RegistrationListener): Unsubscribe {
    this.listeners.push(listener);
    return (): void => {
      this.listeners = this.listeners.filter((candidate: RegistrationListener) => candidate !== listener);
    };
  }

  private async sync(force: boolean, cancellation: Cancellation): Promise<RegistrationState> {
    const record = await this.finishPendingRemovals(await this.records.load());
    const token = await withRetry<string>(() => this.deps.tokenSource.getToken(),
      this.retryOptions('getToken', cancellation));
    const device = await this.deps.device.read();
    if (force || this.needsUpload(record, token, device)) {
      await this.upload(record, token, device, cancellation);
    } else {
      this.deps.logger.info('Push token ' + maskToken(token) + ' is registered and fresh; nothing to upload.');
      this.setRegistered(token, record.uploadedAt, device);
    }
    return this.current;
  }

  private needsUpload(record: RegistrationRecord, token: string, device: DeviceProfile): boolean {
    // Stryker disable next-line ConditionalExpression: records.load() keeps a token only with its uploadedAt
    if (record.token !== token || record.uploadedAt === undefined || record.profile !== profileKey(device)) {
      return true;
    }
    const age = this.deps.clock.now() - record.uploadedAt;
    // A clock set backwards would otherwise postpone the refresh for as long as it was moved.
    return age < 0 || age >= this.refreshIntervalMs;
  }

  private async upload(record: RegistrationRecord, token: string, device: DeviceProfile,
    cancellation: Cancellation): Promise<void> {
    const registration: TokenRegistration = { token: token, deviceType: device.deviceType };
    if (device.osApiVersion !== undefined) {
      registration.osApiVersion = device.osApiVersion;
    }
    if (device.appVersion !== undefined) {
      registration.appVersion = device.appVersion;
    }
    if (device.notificationsEnabled !== undefined) {
      registration.notificationsEnabled = device.notificationsEnabled;
    }
    if (record.token !== undefined && record.token !== token) {
      registration.previousToken = record.token;
    }
    this.setState({ phase: RegistrationPhase.REGISTERING, maskedToken: maskToken(token), lastUploadAt: record.uploadedAt });
    await withRetry<void>(() => this.deps.api.upload(registration), this.retryOptions('upload', cancellation));
    const uploadedAt = this.deps.clock.now();
    await this.records.save({
      token: token,
      uploadedAt: uploadedAt,
      profile: profileKey(device),
      pendingRemovals: record.pendingRemovals
    });
    const replaced = registration.previousToken !== undefined ? ', replacing ' + maskToken(registration.previousToken) : '';
    this.deps.logger.info('Push token ' + maskToken(token) + ' registered' + replaced + '.');
    this.setRegistered(token, uploadedAt, device);
  }

  private setRegistered(token: string, uploadedAt: number | undefined, device: DeviceProfile): void {
    const state: RegistrationState = { phase: RegistrationPhase.REGISTERED, maskedToken: maskToken(token), lastUploadAt: uploadedAt };
    if (device.notificationsEnabled !== undefined) {
      state.notificationsEnabled = device.notificationsEnabled;
    }
    this.setState(state);
  }

  /** One attempt each: the upload that follows has its own backoff, and the next start tries again. */
  private async finishPendingRemovals(record: RegistrationRecord): Promise<RegistrationRecord> {
    // Stryker disable next-line ConditionalExpression,BlockStatement: without it the same record is saved again, nothing else
    if (record.pendingRemovals.length === 0) {
      return record;
    }
    const remaining: string[] = [];
    for (const token of record.pendingRemovals) {
      try {
        await this.deps.api.unregister(token);
        this.deps.logger.info('Push token ' + maskToken(token) + ' unregistered (remembered from an earlier outage).');
      } catch (e) {
        this.deps.logger.warn('Removing push token ' + maskToken(token) + ' failed again: ' + (e as Error).message);
        remaining.push(token);
      }
    }
    const updated: RegistrationRecord = {
      token: record.token,
      uploadedAt: record.uploadedAt,
      profile: record.profile,
      pendingRemovals: remaining
    };
    await this.records.save(updated);
    return updated;
  }

  private retryOptions(what: string, cancellation: Cancellation): RetryOptions {
    const options = new RetryOptions(this.deps.clock, cancellation);
    options.policy = this.deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
    if (this.deps.random !== undefined) {
      options.random = this.deps.random;
    }
    options.onRetry = (error: ClientError, attempt: number, delayMs: number): void => {
      this.deps.logger.warn(what + ' failed (' + error.message + '); attempt ' + attempt.toString() + ' of ' +
        options.policy.maxAttempts.toString() + ', retrying in ' + Math.round(delayMs / 1000).toString() + ' s.');
    };
    return options;
  }

  /** Serialises operations and records failures in the state the app displays. */
  private enqueue<T>(operation: Operation<T>): Promise<T> {
    const cancellation = this.cancellation;
    const result = this.queue.then(async (): Promise<T> => {
      cancellation.throwIfCancelled();
      try {
        return await operation(cancellation);
      } catch (e) {
        this.recordFailure(e as Error);
        throw e as Error;
      }
    });
    this.queue = result.then((): void => {}, (): void => {});
    return result;
  }

  private recordFailure(error: Error): void {
    if (error instanceof CancelledError) {
      return;
    }
    const hint = error instanceof ClientError ? error.hint : '';
    this.deps.logger.error('Push registration failed: ' + error.message + (hint.length > 0 ? ' Hint: ' + hint : ''));
    this.setState({
      phase: RegistrationPhase.FAILED,
      maskedToken: this.current.maskedToken,
      lastUploadAt: this.current.lastUploadAt,
      notificationsEnabled: this.current.notificationsEnabled,
      lastError: error.message,
      lastErrorHint: hint
    });
  }

  private setState(state: RegistrationState): void {
    this.current = state;
    this.listeners.forEach((listener: RegistrationListener) => listener(state));
  }
}
