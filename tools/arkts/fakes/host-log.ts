/** hilog and console output of the suites; shown only with HYPIUM_VERBOSE=1 to keep the report readable. */
export const verbose = process.env.HYPIUM_VERBOSE === '1';

export function hostLog(line: string): void {
  if (verbose) process.stderr.write(`${line}\n`);
}
