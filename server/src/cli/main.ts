import { processIo } from './io';
import { runCli } from './program';

/** `npx harmony-push`: the launcher (bin/harmony-push.mjs) runs this bundle. */
process.exit(await runCli(process.argv.slice(2), processIo()));
