import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import type { TestDatabase } from './database';
import { ADMIN_KEY, APP_KEY } from './service';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** The process entry points behind `npm start`, `npm run worker` and `npm run emulator`, run from source with tsx. */
export const ENTRY = {
  server: path.join(SRC, 'server.ts'),
  worker: path.join(SRC, 'worker.ts'),
  emulator: path.join(SRC, 'emulator/main.ts')
} as const;

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr as they came. */
  output(): string;
}

export interface RunOptions {
  /** Run as another user (tests running as root use it to meet a permission they would otherwise bypass). */
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** Root may write anywhere and listen on any port: as root, a test meets those limits by running as nobody. */
export function unprivileged(): { options: RunOptions; uid: number } {
  const uid = process.getuid?.() ?? -1;
  return uid === 0 ? { options: { uid: 65534, gid: 65534 }, uid: 65534 } : { options: {}, uid };
}

/** Starts an entry point with exactly `env` (plus PATH), capturing its output. */
export function run(entry: keyof typeof ENTRY, env: Record<string, string>, options: RunOptions = {}): Running {
  // tsx by its full path, so that any working directory will do.
  const node = [process.execPath, '--import', import.meta.resolve('tsx'), ENTRY[entry]];
  // tap hands every node process it spawns a process-info hook (through NODE_OPTIONS) that writes under .tap/ at
  // exit, which another user may not: such a process runs without it.
  const [command, ...args] = options.uid === undefined ? node : ['/usr/bin/env', '-u', 'NODE_OPTIONS', ...node];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
    output += chunk;
  });
  return { child, stdout: () => stdout, stderr: () => stderr, output: () => output };
}

/** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
export function waitForOutput(running: Running, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(running.output());
      if (match) {
        clearInterval(poll);
        running.child.off('exit', onExit);
        resolve(match);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      clearInterval(poll);
      check();
      reject(new Error(`exited with ${code ?? signal} before printing ${pattern}:\n${running.output()}`));
    };
    const poll = setInterval(check, 50);
    running.child.once('exit', onExit);
  });
}

/** Runs the server as `npm start` does and waits until it listens; resolves with its base URL. */
export async function startServer(env: Record<string, string>, options?: RunOptions): Promise<Running & { baseUrl: string }> {
  const running = run('server', env, options);
  const [, baseUrl] = await waitForOutput(running, /harmony-push listening on (http:\/\/[^\s;"]+)/);
  return { ...running, baseUrl };
}

/** The exit code (or signal) of a process, waiting for it if it still runs. */
export async function exited(running: Running): Promise<number | string | null> {
  const { child } = running;
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return child.exitCode ?? child.signalCode;
}

/** SIGTERM (the graceful path), then the exit code. */
export async function stop(running: Running): Promise<number | string | null> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
  return exited(running);
}

/** Holds a loopback port (picked by the kernel, never guessed) as another program would; close it at teardown. */
export async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}

/** A loopback port that was free a moment ago: nothing answers there. */
export async function freePort(): Promise<number> {
  const held = await occupyPort();
  await held.close();
  return held.port;
}

/** The environment of a server process on the test file's database, on free loopback ports; `extra` overrides. */
export function serverEnv(db: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    EMULATOR_PORT: '0',
    DATA_DIR: db.dataDir,
    APP_KEYS: APP_KEY,
    ADMIN_KEYS: ADMIN_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'info',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ...extra
  };
}

const STACK_LINE = /^\s+at \S/m;

/** A start-up failure as a person should see it: exit code 1, exactly `lines` on stderr, no stack trace anywhere. */
export async function assertStartupFailure(t: Test, running: Running, lines: string[] | RegExp): Promise<void> {
  t.equal(await exited(running), 1, 'exit code 1');
  if (Array.isArray(lines)) t.equal(running.stderr(), lines.join('\n') + '\n', 'the exact message');
  else t.match(running.stderr(), lines, 'the message');
  t.notMatch(running.output(), STACK_LINE, 'no stack-trace line');
  t.notMatch(running.output(), /"stack"/, 'no stack trace in the logs either');
}
