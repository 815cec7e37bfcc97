// Test doubles for the client core's ports, shared by the unit tests here and the server's
// integration test (server/test/client). Plain Node TypeScript: they never reach the app.
import {
  Cancellation,
  CancelledError,
  type Clock,
  type KeyValueStore,
  type Logger,
  type RegistrationApi,
  type TokenRegistration,
  type TokenSource
} from '../../src/index';

/** Time that only moves when a delay is awaited or the test advances it. */
export class FakeClock implements Clock {
  readonly delays: number[] = [];
  /** Runs inside each delay, before it resolves: lets a test bring a server up or stop the registrar. */
  onDelay: (ms: number, index: number) => void | Promise<void> = () => undefined;

  constructor(public time = Date.UTC(2025, 0, 1)) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  async delay(ms: number, cancellation: Cancellation): Promise<void> {
    cancellation.throwIfCancelled();
    this.delays.push(ms);
    await this.onDelay(ms, this.delays.length - 1);
    if (cancellation.isCancelled()) throw new CancelledError();
    this.time += ms;
  }
}

export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

export class MemoryLogger implements Logger {
  readonly lines: string[] = [];

  info(message: string): void {
    this.lines.push(`info ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }

  error(message: string): void {
    this.lines.push(`error ${message}`);
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** Push Kit as seen by the registrar: after deleteToken, the next getToken issues a new token. */
export class FakeTokenSource implements TokenSource {
  getTokenCalls = 0;
  deleteTokenCalls = 0;
  /** Thrown by the next calls of getToken, in order. */
  readonly getTokenFailures: Error[] = [];
  private issued = 0;

  constructor(
    public token: string,
    private readonly events: string[] = []
  ) {}

  async getToken(): Promise<string> {
    this.getTokenCalls++;
    this.events.push('getToken');
    const failure = this.getTokenFailures.shift();
    if (failure) throw failure;
    return this.token;
  }

  async deleteToken(): Promise<void> {
    this.deleteTokenCalls++;
    this.events.push('deleteToken');
    this.token = `${this.token.slice(0, 24)}-reissued-${++this.issued}`;
  }
}

/** A registration API that records every call and fails the calls a test scripts. */
export class FakeApi implements RegistrationApi {
  readonly uploads: TokenRegistration[] = [];
  readonly unregistered: string[] = [];
  readonly unbound: string[] = [];
  /** Thrown by the next calls (any method), in order. */
  readonly failures: Error[] = [];
  /** Thrown by every call while set (a server that stays down). */
  down: Error | undefined;

  constructor(private readonly events: string[] = []) {}

  async upload(registration: TokenRegistration): Promise<void> {
    this.uploads.push({ ...registration });
    this.fail(`upload ${registration.token}`);
  }

  async unregister(token: string): Promise<void> {
    this.unregistered.push(token);
    this.fail(`unregister ${token}`);
  }

  async unbindUser(token: string): Promise<void> {
    this.unbound.push(token);
    this.fail(`unbindUser ${token}`);
  }

  private fail(event: string): void {
    this.events.push(event);
    const failure = this.down ?? this.failures.shift();
    if (failure) throw failure;
  }
}

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
