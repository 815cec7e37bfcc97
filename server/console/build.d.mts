/** Builds the console into `outdir` (server/dist/console by default); returns the directory. */
export function buildConsole(outdir?: string): Promise<string>;
