import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

/** Starts an entry point with exactly `env` (plus PATH), capturing its output. */
export function run(entry: keyof typeof ENTRY, env: Record<string, string>, options: RunOptions = {}): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY[entry]], {
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
