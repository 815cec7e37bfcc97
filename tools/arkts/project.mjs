// What the off-device ArkTS checks look at, and the ohos-typescript setup they share.
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOLS = path.dirname(fileURLToPath(import.meta.url));
/** The project checked; the self-test points it at a deliberately broken copy. */
export const ROOT = process.env.ARKTS_PROJECT_ROOT ?? path.resolve(TOOLS, '../..');
export const APP = path.join(ROOT, 'harmony-app');
export const SHARED = path.join(ROOT, 'shared');

// ohos-typescript's `tsc` bin shadows TypeScript's, so it is only ever loaded as a library.
export const ts = createRequire(import.meta.url)('ohos-typescript');

const SKIPPED_DIRS = new Set(['.git', '.tap', 'node_modules', 'oh_modules', 'build', '.hvigor', '.preview', '.test']);

export function walk(dir, accept) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...walk(full, accept));
    } else if (accept(full)) {
      found.push(full);
    }
  }
  return found.sort();
}

export const rel = (file) => path.relative(ROOT, file);

/**
 * The shared HAR (Index.ets + src/**) copied to a temporary folder with every .ts renamed to .ets: the linter only
 * checks .ets files, and on a device the platform-neutral sources are compiled as ArkTS too. The HAR's own ArkTS
 * (src/main/ets: adapters and facade; src/ohosTest/ets: its hypium suites) comes along, so that its relative
 * imports of the core resolve in the copy exactly as in the repository.
 */
export function stageShared() {
  const dir = mkdtempSync(path.join(tmpdir(), 'arkts-shared-'));
  cpSync(path.join(SHARED, 'Index.ets'), path.join(dir, 'Index.ets'));
  cpSync(path.join(SHARED, 'src'), path.join(dir, 'src'), { recursive: true });
  const originals = new Map();
  for (const file of walk(dir, (f) => f.endsWith('.ts') || f.endsWith('.ets'))) {
    const original = path.join(SHARED, path.relative(dir, file));
    const ets = file.endsWith('.ts') ? file.slice(0, -3) + '.ets' : file;
    if (ets !== file) renameSync(file, ets);
    originals.set(ets, original);
  }
  return { dir, index: path.join(dir, 'Index.ets'), files: [...originals.keys()], originals, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The customer-app fixture: a second entry module that uses only the HAR's public API, as the HAR's README says. */
export const CUSTOMER_APP = path.join(ROOT, 'tools/arkts/fixtures/customer-app');
export const customerEtsFiles = () => walk(CUSTOMER_APP, (f) => f.endsWith('.ets'));

/** Every .ets source of the app module (main and ohosTest). */
export const appEtsFiles = () => walk(APP, (f) => f.endsWith('.ets'));

/** What the lint, type and API-level checks read: the demo app, the customer fixture and the staged HAR. */
export const checkedEtsFiles = (staged) => [...appEtsFiles(), ...customerEtsFiles(), ...staged.files];

/** The SDK stubs of the project checked (the self-test breaks copies of them too). */
export const STUBS = path.join(ROOT, 'tools/arkts/stubs');
export const stubFiles = () => walk(STUBS, (f) => f.endsWith('.d.ts'));

const ARKUI_COMPONENTS = ['Column', 'Row', 'Text', 'Button'];

/** Compiler options close to the ArkTS compiler's: ES2020 library only (no DOM, no Node), ArkUI syntax on. */
export function compilerOptions(sharedIndex, extra = {}) {
  return {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ES2020,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    // Every .ets file is a module to the ArkTS compiler, also a page that imports nothing (two modules' test pages
    // may both be called Index).
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2020.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    baseUrl: ROOT,
    paths: {
      '@harmony-push/shared': [sharedIndex],
      '@ohos/hypium': [path.join(ROOT, 'node_modules/@ohos/hypium/index.d.ts')]
    },
    ets: {
      render: { method: ['build', 'pageTransition'], decorator: ['Builder', 'LocalBuilder'] },
      components: ARKUI_COMPONENTS,
      extend: {
        decorator: ['Extend', 'AnimatableExtend'],
        components: ARKUI_COMPONENTS.map((name) => ({ name, type: `${name}Attribute`, instance: `${name}Instance` }))
      },
      styles: { decorator: 'Styles', component: { name: 'Common', type: 'T', instance: 'CommonInstance' }, property: 'stateStyles' },
      customComponent: 'CustomComponent'
    },
    ...extra
  };
}

/** Maps a diagnostic back to the repository file it is about (staged shared copies included). */
export function formatDiagnostic(diagnostic, staged) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const name = path.normalize(diagnostic.file.fileName);
  const original = staged.originals.get(name) ?? name;
  return `${rel(original)}:${line + 1}:${character + 1} ${message}`;
}

/** JSON5 as DevEco writes it (comments, trailing commas, quoted keys), read with the TS config parser. */
export function readJson5(file) {
  const parsed = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (parsed.error) throw new Error(`${rel(file)}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
  return parsed.config;
}
