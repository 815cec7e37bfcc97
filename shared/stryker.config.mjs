// Mutation testing of the client core (`npm run mutation` at the repository root). Per-test-file coverage: each
// mutant runs only the test files that reach it. Not part of `npm test`: too slow for every run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  tap: { testFiles: ['test/**/*.test.ts'], nodeArgs: ['--import', 'tsx'] },
  coverageAnalysis: 'perTest',
  mutate: ['src/client/**/*.ts'],
  ignorePatterns: ['src/main', 'src/ohosTest'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: '../reports/mutation/shared.html' },
  jsonReporter: { fileName: '../reports/mutation/shared.json' },
  tempDirName: '../.stryker-tmp/shared',
  cleanTempDir: 'always',
  concurrency: 2,
  timeoutMS: 20000
};
