// Mutation testing of the client core (`npm run mutation` at the repository root). Not part of `npm test`: too slow
// for every run.
import { strykerOptions } from '../tools/stryker-base.mjs';

export default {
  ...strykerOptions('shared', { testFiles: ['test/**/*.test.ts'], mutate: ['src/client/**/*.ts'], timeoutMS: 20000 }),
  ignorePatterns: ['src/main', 'src/ohosTest']
};
