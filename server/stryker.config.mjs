// Mutation testing of the server's core (`npm run mutation` at the repository root): Push Kit answers and flow
// control, the push-type rules, the registry's token lifecycle and the receipt ingestion. Per-test-file coverage:
// each mutant runs only the test files that reach it. Not part of `npm test`: too slow for every run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  tap: {
    testFiles: ['test/pushkit/**/*.test.ts', 'test/push-types/**/*.test.ts', 'test/registry/**/*.test.ts', 'test/receipts/**/*.test.ts'],
    nodeArgs: ['--import', 'tsx']
  },
  coverageAnalysis: 'perTest',
  mutate: ['src/pushkit/**/*.ts', 'src/push-types/**/*.ts', 'src/registry/lifecycle.ts', 'src/receipts/**/*.ts'],
  ignorePatterns: ['dist', 'data'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: '../reports/mutation/server.html' },
  jsonReporter: { fileName: '../reports/mutation/server.json' },
  tempDirName: '../.stryker-tmp/server',
  cleanTempDir: 'always',
  concurrency: 2,
  timeoutMS: 60000
};
