// What both StrykerJS runs of `npm run mutation` share (shared/ and server/ stryker.config.mjs): the tap runner on
// TypeScript through tsx, per-test-file coverage, and reports under reports/mutation/<name>.{html,json}.
/** @returns {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export function strykerOptions(name, { testFiles, mutate, timeoutMS }) {
  return {
    testRunner: 'tap',
    tap: { testFiles, nodeArgs: ['--import', 'tsx'] },
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
