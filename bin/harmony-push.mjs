#!/usr/bin/env node
// `npx harmony-push <command>` from the repository: bundles the CLI from server/src with esbuild, as `npm start`
// bundles the server (a few hundred milliseconds), then runs it. No build step to remember, and no dev dependency
// needed, so it works on a production install too.
import { pathToFileURL } from 'node:url';
import { buildCli } from '../server/build.mjs';

await import(pathToFileURL(await buildCli()).href);
