// What both StrykerJS runs of `npm run mutation` share (shared/ and server/ stryker.config.mjs): the tap runner on
// TypeScript through tsx, per-test-file coverage, and reports under reports/mutation/<name>.{html,json}.
// MUTATION_TEST_FILES (comma-separated, relative to the workspace) narrows the test files for a run over one file
// (`npx stryker run --mutate <file>`), so that it does not start by running every test file of the configuration.
// Stryker's tap runner starts each test file with node, not through tap's CLI, so the workspace's tap `timeout` does not
// apply; on a loaded machine tap's 30 s default would count a slow test as a kill.
process.env.TAP_TIMEOUT ??= '300';

/** @returns {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export function strykerOptions(name, { testFiles, mutate, timeoutMS }) {
  return {
    testRunner: 'tap',
    tap: { testFiles: process.env.MUTATION_TEST_FILES?.split(',') ?? testFiles, nodeArgs: ['--import', 'tsx'] },
    coverageAnalysis: 'perTest',
    mutate,
    reporters: ['html', 'json', 'clear-text', 'progress'],
    htmlReporter: { fileName: `../reports/mutation/${name}.html` },
    jsonReporter: { fileName: `../reports/mutation/${name}.json` },
    tempDirName: `../.stryker-tmp/${name}`,
    cleanTempDir: 'always',
    concurrency: 2,
    timeoutMS
  };
}
