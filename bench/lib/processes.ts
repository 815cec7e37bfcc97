import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

const OUTPUT_LINES_KEPT = 40;
const STOP_GRACE_MS = 15_000;

const running = new Set<ChildProcess>();
let interrupted = false;

// A benchmark that throws or is interrupted must not leave servers behind holding ports and database sessions.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
// A first interrupt stops the servers: the benchmark then fails, and unwinds through its finally blocks (which drop
// its databases). A second one exits at once.
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(128 + number);
    interrupted = true;
    console.error(`\n${signal}: stopping the benchmark's processes, then cleaning up (again to quit at once)`);
    for (const child of running) child.kill('SIGTERM');
  });
}

export interface NodeProcess {
  readonly name: string;
  readonly pid: number;
  /** Rejects when the process ends before stop() was called. */
  readonly unexpectedExit: Promise<never>;
  /** The last lines it wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Only what Node needs: configuration comes from `env`, never from the caller's shell. */
function baseEnvironment(): Record<string, string> {
  const names = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}

/** Runs `node <args>` from the repository root: the pid is the process itself, whose memory is measured. */
export function startNode(name: string, args: string[], env: Record<string, string>): NodeProcess {
  if (interrupted) throw new Error(`interrupted: ${name} not started`);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...baseEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopping = false;
  const exited = once(child, 'exit');
  const unexpectedExit = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (!stopping) reject(new Error(`${name} exited (code ${code}, signal ${signal}):\n${lines.join('\n')}`));
    });
  });
  // Nobody may be waiting on it when the process dies; whoever waits next still sees the rejection.
  unexpectedExit.catch(() => undefined);

  return {
    name,
    pid: child.pid as number,
    unexpectedExit,
    output: () => lines.join('\n'),
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
  };
}

/** Runs `node <args>` to completion from the repository root; a failure carries its output. */
export async function runNode(args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** Resolves once `url` gives any HTTP answer; rejects when `target` dies first or takes longer than `timeoutMs`. */
export async function waitForHttp(url: string, target: NodeProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(5000) })).arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${target.name} did not answer at ${url} within ${timeoutMs} ms:\n${target.output()}`);
    }
    await Promise.race([sleep(100), target.unexpectedExit]);
  }
}
