import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine, type Machine } from './machine';
import { RESULTS_DIR } from './paths';

export interface Goal {
  name: string;
  value: number;
  /** As written in the issue, e.g. "≥ 0.5". */
  target: string;
  met: boolean;
}

export const atLeast = (name: string, value: number, target: number): Goal =>
  ({ name, value, target: `≥ ${target}`, met: value >= target });

export const below = (name: string, value: number, target: number): Goal =>
  ({ name, value, target: `< ${target}`, met: value < target });

export const atMost = (name: string, value: number, target: number): Goal =>
  ({ name, value, target: `≤ ${target}`, met: value <= target });

export interface BenchmarkResult {
  benchmark: string;
  date: string;
  machine: Machine;
  figures: Record<string, unknown>;
  goals: Goal[];
  notes: string[];
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const mebibytes = (bytes: number): number => round(bytes / 2 ** 20, 1);

export function printHeader(title: string, m: Machine): void {
  console.log(`\n=== ${title} ===`);
  console.log(`machine: ${describeMachine(m)}`);
}

export function printRows(rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

/** Goals are reported, never asserted: a benchmark that misses one still succeeds. */
export function printGoals(goals: Goal[]): void {
  for (const goal of goals) {
    console.log(`  goal ${goal.name} ${goal.target}: ${goal.value} ${goal.met ? 'met' : 'MISSED'}`);
  }
}

export async function writeResult(result: BenchmarkResult): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.benchmark}.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  for (const note of result.notes) console.log(`  note: ${note}`);
  console.log(`  result: ${path.relative(process.cwd(), file)}`);
}
