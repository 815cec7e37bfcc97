// Runs the ohosTest hypium suites of each module on the host (the shared HAR's: adapters and facade; the demo
// app's: its page model): esbuild bundles the module's TestAbility, its suites and the real @ohos/hypium from npm, with the @kit modules replaced by the fakes in ./fakes; a minimal ability
// delegator collects hypium's report. The suites run once per host device (API 12, the oldest the app
// supports, and API 18, where on/off('tokenUpdate') appear), each run in fresh module instances.
// Exit 1 when a test fails or errs, or when no test ran.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { APP, ROOT, SHARED, TOOLS, readJson5, rel } from './project.mjs';

/** The modules with an ohosTest source set, each run as DevEco runs it: through its own TestAbility. */
const MODULES = [
  { name: 'shared', dir: SHARED },
  { name: 'entry', dir: APP }
];
const suitesOf = (module) => path.join(module.dir, 'src/ohosTest/ets/test');
const TIMEOUT_MS = 120000;
const HOST_DEVICES = [
  { deviceType: 'phone', sdkApiVersion: 12 },
  { deviceType: 'wearable', sdkApiVersion: 18 }
];
const FAKES = {
  '@kit.AbilityKit': 'kit-ability.ts',
  '@kit.ArkData': 'kit-ark-data.ts',
  '@kit.ArkUI': 'kit-arkui.ts',
  '@kit.BasicServicesKit': 'kit-basic-services.ts',
  '@kit.NetworkKit': 'kit-network.ts',
  '@kit.NotificationKit': 'kit-notification.ts',
  '@kit.PerformanceAnalysisKit': 'kit-performance-analysis.ts',
  '@kit.PushKit': 'kit-push.ts',
  '@kit.TestKit': 'kit-test.ts'
};

/** A suite that List.test.ets forgets would silently never run, here or on the device. */
function unlistedSuites(module) {
  const suites = suitesOf(module);
  const list = readFileSync(path.join(suites, 'List.test.ets'), 'utf8');
  const imported = new Set([...list.matchAll(/from '\.\/([\w.]+)'/g)].map((m) => `${m[1]}.ets`));
  return readdirSync(suites).filter((f) => f.endsWith('.test.ets') && f !== 'List.test.ets' && !imported.has(f))
    .map((f) => rel(path.join(suites, f)));
}

const hostKits = {
  name: 'host-kits',
  setup(builder) {
    builder.onResolve({ filter: /^@kit\./ }, (args) => {
      const fake = FAKES[args.path];
      if (!fake) return { errors: [{ text: `${args.path} has no host fake in tools/arkts/fakes` }] };
      return { path: path.join(TOOLS, 'fakes', fake) };
    });
    builder.onResolve({ filter: /^@harmony-push\/shared$/ }, () => ({ path: path.join(SHARED, 'Index.ets') }));
  }
};

/** Starts the suites the way the device does: through TestAbility.onCreate, after the delegator is in place. */
const entryOf = (module) => `
import './fakes/kit-arkui';
import { setHostBundle } from './fakes/kit-ability';
import { setHostDevice } from './fakes/kit-basic-services';
import { installDelegator } from './fakes/kit-test';
import TestAbility from ${JSON.stringify(path.join(module.dir, 'src/ohosTest/ets/testability/TestAbility.ets'))};

export function runSuites(delegator, args, device, versionName) {
  setHostDevice(device);
  setHostBundle(versionName);
  installDelegator(delegator, args);
  new TestAbility().onCreate({ bundleName: args.bundleName }, {});
}
`;

async function bundle(module, outDir) {
  const outfile = path.join(outDir, `${module.name}-suites.mjs`);
  await build({
    stdin: { contents: entryOf(module), resolveDir: TOOLS, sourcefile: `hypium-entry-${module.name}.ts`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    loader: { '.ets': 'ts' },
    resolveExtensions: ['.ets', '.ts', '.js'],
    plugins: [hostKits],
    logLevel: 'error'
  });
  return outfile;
}

/** Turns hypium's OHOS_REPORT lines into one line per test. */
function describeSpec(message) {
  const field = (name) => message.match(new RegExp(`OHOS_REPORT_STATUS: ${name}=(.*)`))?.[1];
  const code = message.match(/OHOS_REPORT_STATUS_CODE: (-?\d+)/)?.[1];
  if (code === undefined || code === '1') return undefined;
  const name = `${field('class')} > ${field('test')}`;
  return code === '0' ? `  ok    ${name}` : `  FAIL  ${name}\n        ${field('stack')}`;
}

function runSuites(runSuitesOnHost, device, app) {
  return new Promise((resolve, reject) => {
    const report = [];
    const timer = setTimeout(() => reject(new Error(`hypium did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    const delegator = {
      getAppContext: () => ({ filesDir: '/data/storage/el2/base/haps/entry/files' }),
      printSync: (message) => report.push(message),
      print: async (message) => report.push(message),
      executeShellCommand: (cmd, timeout, callback) => callback(null, { stdResult: '', exitCode: 0 }),
      finishTest: (message, code, callback) => {
        clearTimeout(timer);
        callback?.();
        resolve(report);
      }
    };
    const args = { bundleName: app.bundleName, parameters: {}, testCaseNames: '', testRunnerClassName: '' };
    runSuitesOnHost(delegator, args, device, app.versionName);
  });
}

const unlisted = MODULES.flatMap(unlistedSuites);
if (unlisted.length > 0) {
  console.log(`not run by List.test.ets: ${unlisted.join(', ')}`);
  process.exit(1);
}

const outDir = mkdtempSync(path.join(tmpdir(), 'hypium-host-'));
const quiet = { info: console.info, debug: console.debug, log: console.log };
const app = readJson5(path.join(ROOT, 'AppScope/app.json5')).app;
let allPassed = true;
try {
  for (const module of MODULES) {
    const bundled = pathToFileURL(await bundle(module, outDir)).href;
    for (const device of HOST_DEVICES) {
      // A query string makes a fresh module graph: no state of the previous run (fakes, hypium) carries over.
      const { runSuites: runSuitesOnHost } = await import(`${bundled}?api=${device.sdkApiVersion}`);
      // hypium narrates every step on the console; its report through the delegator is what counts.
      if (process.env.HYPIUM_VERBOSE !== '1') console.info = console.debug = console.log = () => undefined;
      const report = await runSuites(runSuitesOnHost, device, app);
      Object.assign(console, quiet);
      console.log(`${module.name}: ${device.deviceType} at API ${device.sdkApiVersion}:`);
      for (const message of report) {
        const line = describeSpec(message);
        if (line) console.log(line);
      }
      const summary = report.join('').match(/Tests run: (\d+), Failure: (\d+), Error: (\d+), Pass: (\d+), Ignore: (\d+)/);
      if (!summary) throw new Error(`hypium finished ${module.name} without its OHOS_REPORT_RESULT summary`);
      const [run, failure, error, pass, ignore] = summary.slice(1).map(Number);
      console.log(`hypium on host (${module.name}, API ${device.sdkApiVersion}): Tests run: ${run}, Failure: ${failure}, ` +
        `Error: ${error}, Pass: ${pass}, Ignore: ${ignore}`);
      allPassed &&= run > 0 && failure + error === 0;
    }
  }
  process.exitCode = allPassed ? 0 : 1;
} finally {
  Object.assign(console, quiet);
  rmSync(outDir, { recursive: true, force: true });
}
