import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from './lib/paths';
import type { BenchmarkResult } from './lib/report';

/** `npm run bench`: each benchmark in its own process, one after the other, so none measures another's leftovers. */
const BENCHMARKS = ['registration', 'registration-at-scale', 'fan-out', 'flow-control', 'receipts', 'jwt-signings', 'embedded-memory'];

let current: ChildProcess | undefined;
let interrupted = false;
// The running benchmark cleans up after itself (a Ctrl-C reaches it directly, with the whole process group); then
// nothing else starts.
process.on('SIGINT', () => {
  interrupted = true;
});
process.on('SIGTERM', () => {
  interrupted = true;
  current?.kill('SIGTERM');
});

const started = new Date();
const failed: string[] = [];
for (const name of BENCHMARKS) {
  if (interrupted) break;
  current = spawn(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { cwd: REPO_ROOT, stdio: 'inherit' });
  const [code] = (await once(current, 'exit')) as [number | null];
  if (code !== 0) failed.push(name);
}

console.log('\n=== Summary ===');
for (const name of BENCHMARKS) {
  const result = await readFile(path.join(RESULTS_DIR, `${name}.json`), 'utf8')
    .then((text) => JSON.parse(text) as BenchmarkResult)
    .catch(() => undefined);
  if (!result || new Date(result.date) < started) {
    console.log(`  ${name}: no result from this run`);
    continue;
  }
  for (const goal of result.goals) console.log(`  ${name}: ${goal.name} ${goal.value} (goal ${goal.target}) ${goal.met ? 'met' : 'MISSED'}`);
}
if (failed.length > 0 || interrupted) {
  console.log(`did not complete: ${failed.join(', ') || 'interrupted'}`);
  process.exitCode = 1;
}
