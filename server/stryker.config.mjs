// Mutation testing of the server's core (`npm run mutation` at the repository root): Push Kit answers and flow
// control, the push-type rules, the registry's token lifecycle and the receipt ingestion. Not part of `npm test`:
// too slow for every run.
import { strykerOptions } from '../tools/stryker-base.mjs';

export default {
  ...strykerOptions('server', {
    testFiles: ['test/pushkit/**/*.test.ts', 'test/push-types/**/*.test.ts', 'test/registry/**/*.test.ts', 'test/receipts/**/*.test.ts',
      // push-types/marketing.ts is reached only through the send route
      'test/sending/marketing.test.ts'],
    mutate: ['src/pushkit/**/*.ts', 'src/push-types/**/*.ts', 'src/registry/lifecycle.ts', 'src/receipts/**/*.ts'],
    timeoutMS: 60000
  }),
  ignorePatterns: ['dist', 'data']
};
