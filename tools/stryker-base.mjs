// What both StrykerJS runs of `npm run mutation` share (shared/ and server/ stryker.config.mjs): the tap runner on
// TypeScript through tsx, per-test-file coverage, and reports under reports/mutation/<name>.{html,json}.
// MUTATION_TEST_FILES (comma-separated, relative to the workspace) narrows the test files for a run over one file
// (`npx stryker run --mutate <file>`), so that it does not start by running every test file of the configuration.
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
