import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Git-ignored. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench/results');
