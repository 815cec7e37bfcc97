import { PostgresUnavailable } from './postgres';

/** The entry of each benchmark file: a missing PostgreSQL is one clear line, anything else its stack. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof PostgresUnavailable ? `benchmark not run: ${error.message}` : error);
    process.exitCode = 1;
  });
}
