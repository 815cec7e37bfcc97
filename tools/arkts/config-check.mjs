// Checks the DevEco configuration the way the build and the device would, without either:
// every resource reference resolves, entry files and pages exist, and the Push Kit rules of
// module.json5 hold. Exit 1 on any problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP, CUSTOMER_APP, ROOT, SHARED, readJson5, rel, ts, walk } from './project.mjs';

const PUSH_LISTENER = 'action.ohos.push.listener';
const REQUIRED_DEVICE_TYPES = ['phone', 'tablet', '2in1', 'wearable', 'tv'];
const APP_SCOPE_RESOURCES = path.join(ROOT, 'AppScope/resources');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const problems = [];
const problem = (file, message) => problems.push(`${rel(file)}: ${message}`);

/** `type:name` → defined, for one resources folder; only `base` counts, it is the fallback for every device. */
function resourceIndex(resourcesDir) {
  const defined = new Set();
  const base = path.join(resourcesDir, 'base');
  if (!existsSync(base)) return defined;
  const element = path.join(base, 'element');
  if (existsSync(element)) {
    for (const file of readdirSync(element).filter((f) => f.endsWith('.json'))) {
      const full = path.join(element, file);
      for (const [type, entries] of Object.entries(JSON.parse(readFileSync(full, 'utf8')))) {
        for (const entry of entries) defined.add(`${type}:${entry.name}`);
      }
    }
  }
  const media = path.join(base, 'media');
  if (existsSync(media)) {
    for (const file of readdirSync(media)) {
      const full = path.join(media, file);
      if (file.endsWith('.png') && !readFileSync(full).subarray(0, 8).equals(PNG_SIGNATURE)) problem(full, 'is not a PNG');
      defined.add(`media:${path.parse(file).name}`);
    }
  }
  const profile = path.join(base, 'profile');
  if (existsSync(profile)) {
    for (const file of readdirSync(profile).filter((f) => f.endsWith('.json'))) {
      JSON.parse(readFileSync(path.join(profile, file), 'utf8'));
      defined.add(`profile:${path.parse(file).name}`);
    }
  }
  return defined;
}

/** Every string in a parsed json5 value, with where it sits. */
function* strings(value, where = '') {
  if (typeof value === 'string') yield [where, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${where}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${where}.${k}`);
}

function checkJsonReferences(file, json, defined) {
  for (const [where, text] of strings(json)) {
    const match = /^\$(string|media|color|profile|float|integer|boolean):(\w+)$/.exec(text);
    if (match && !defined.has(`${match[1]}:${match[2]}`)) problem(file, `${where} references ${text}, which no resources/base defines`);
  }
}

function checkEtsReferences(file, defined) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\$r\(\s*'app\.(\w+)\.(\w+)'\s*\)/g)) {
    if (!defined.has(`${match[1]}:${match[2]}`)) problem(file, `$r('app.${match[1]}.${match[2]}') does not resolve`);
  }
  return text;
}

/** One HAP source set: module.json5, its ets/ sources and its resources (merged with AppScope's). */
function checkSourceSet(srcDir) {
  const moduleFile = path.join(srcDir, 'module.json5');
  const module = readJson5(moduleFile).module;
  const defined = new Set([...resourceIndex(APP_SCOPE_RESOURCES), ...resourceIndex(path.join(srcDir, 'resources'))]);
  checkJsonReferences(moduleFile, module, defined);

  const pages = [];
  if (typeof module.pages === 'string') {
    const pagesFile = path.join(srcDir, 'resources/base/profile', `${module.pages.split(':')[1]}.json`);
    if (existsSync(pagesFile)) {
      for (const page of JSON.parse(readFileSync(pagesFile, 'utf8')).src) {
        pages.push(page);
        if (!existsSync(path.join(srcDir, 'ets', `${page}.ets`))) problem(pagesFile, `page ${page} has no ets/${page}.ets`);
      }
    }
  }
  for (const ability of module.abilities ?? []) {
    if (!existsSync(path.join(srcDir, ability.srcEntry))) problem(moduleFile, `${ability.name}.srcEntry ${ability.srcEntry} does not exist`);
  }
  for (const file of walk(path.join(srcDir, 'ets'), (f) => f.endsWith('.ets'))) {
    const text = checkEtsReferences(file, defined);
    for (const match of text.matchAll(/loadContent\(\s*'([^']+)'/g)) {
      if (!pages.includes(match[1])) problem(file, `loadContent('${match[1]}') is not listed in the module's pages profile`);
    }
  }
  return { moduleFile, module };
}

/** The rules Push Kit and the product put on the app module's manifest. */
function checkPushRules(sourceSets) {
  const listeners = [];
  for (const { moduleFile, module } of sourceSets) {
    for (const ability of module.abilities ?? []) {
      for (const skill of ability.skills ?? []) {
        if ((skill.actions ?? []).includes(PUSH_LISTENER)) {
          listeners.push(`${rel(moduleFile)}#${ability.name}`);
          if ((skill.uris ?? []).length > 0) problem(moduleFile, `${ability.name}: a skill with ${PUSH_LISTENER} must not declare uris`);
          if (ability.launchType !== 'singleton') problem(moduleFile, `${ability.name}: the push listener must have launchType "singleton"`);
          if (ability.exported !== false) problem(moduleFile, `${ability.name}: the push listener must have exported: false`);
        }
      }
    }
  }
  if (listeners.length !== 1) {
    problems.push(`exactly one ability must declare ${PUSH_LISTENER}; found ${listeners.length}: ${listeners.join(', ') || 'none'}`);
  }

  const [{ moduleFile, module }] = sourceSets;
  for (const type of REQUIRED_DEVICE_TYPES) {
    if (!(module.deviceTypes ?? []).includes(type)) problem(moduleFile, `deviceTypes lacks "${type}"`);
  }
  // Huawei's "开通推送服务" page (push-config-setting): since HarmonyOS NEXT Developer Beta2 no Client ID is
  // configured; a leftover placeholder would only mislead whoever troubleshoots 1000900010.
  if ((module.metadata ?? []).some((entry) => entry.name === 'client_id' && String(entry.value).startsWith('REPLACE_'))) {
    problem(moduleFile, 'metadata "client_id" holds a placeholder: HarmonyOS NEXT apps need no client_id, remove it');
  }
  if (!(module.requestPermissions ?? []).some((permission) => permission.name === 'ohos.permission.INTERNET')) {
    problem(moduleFile, 'requestPermissions lacks ohos.permission.INTERNET');
  }
}

/**
 * hvigor's documentation does not say how it loads hvigorfile.ts; a CommonJS loader fails (ERR_REQUIRE_ESM) on a
 * file whose nearest package.json declares "type": "module", so none may.
 */
function checkHvigorfileModuleType(dir) {
  for (let at = dir; at.startsWith(ROOT); at = path.dirname(at)) {
    const packageFile = path.join(at, 'package.json');
    if (existsSync(packageFile)) {
      if (JSON.parse(readFileSync(packageFile, 'utf8')).type === 'module') {
        problem(path.join(dir, 'hvigorfile.ts'), `its nearest package.json (${rel(packageFile)}) declares "type": "module"`);
      }
      return;
    }
    if (at === ROOT) return;
  }
}

/** Every module the root build-profile lists is a complete hvigor module, and local ohpm dependencies exist. */
function checkModules() {
  const profileFile = path.join(ROOT, 'build-profile.json5');
  checkHvigorfileModuleType(ROOT);
  for (const { name, srcPath } of readJson5(profileFile).modules) {
    const dir = path.join(ROOT, srcPath);
    checkHvigorfileModuleType(dir);
    // Every DevEco module template (HAP and HAR alike) carries a base string.json.
    for (const file of ['hvigorfile.ts', 'build-profile.json5', 'oh-package.json5', 'src/main/module.json5',
      'src/main/resources/base/element/string.json']) {
      if (!existsSync(path.join(dir, file))) problem(profileFile, `module ${name} (${srcPath}) has no ${file}`);
    }
    const moduleFile = path.join(dir, 'src/main/module.json5');
    if (existsSync(moduleFile)) {
      const module = readJson5(moduleFile).module;
      if (module.name !== name) problem(moduleFile, `module name is not "${name}"`);
      const defined = new Set([...resourceIndex(APP_SCOPE_RESOURCES), ...resourceIndex(path.join(dir, 'src/main/resources'))]);
      checkJsonReferences(moduleFile, module, defined);
    }
    const packageFile = path.join(dir, 'oh-package.json5');
    if (existsSync(packageFile)) checkLocalDependencies(packageFile);
  }
}

/** Local `file:` dependencies of an oh-package.json5 point at ohpm packages. */
function checkLocalDependencies(packageFile) {
  for (const [dependency, spec] of Object.entries(readJson5(packageFile).dependencies ?? {})) {
    if (spec.startsWith('file:') && !existsSync(path.join(path.dirname(packageFile), spec.slice(5), 'oh-package.json5'))) {
      problem(packageFile, `${dependency} points at ${spec}, which is no ohpm package`);
    }
  }
}

/**
 * What the ohpm central repository asks of a published HAR: a module-level oh-package.json5 with the fields below
 * (license as an SPDX identifier) whose `main` exists, and non-empty README.md, LICENSE and CHANGELOG.md, the
 * changelog naming the version (Huawei's oh-package.json5 reference and the ohpm publishing rules).
 */
function checkPublishable(dir) {
  const packageFile = path.join(dir, 'oh-package.json5');
  const manifest = readJson5(packageFile);
  for (const field of ['name', 'version', 'description', 'main', 'license', 'author']) {
    if (typeof manifest[field] !== 'string' || manifest[field].trim() === '') problem(packageFile, `"${field}" is empty`);
  }
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) problem(packageFile, '"keywords" is empty');
  if (typeof manifest.repository !== 'string' || !/^https:\/\//.test(manifest.repository)) problem(packageFile, '"repository" is no https URL');
  if (manifest.license !== 'Apache-2.0') problem(packageFile, `"license" is ${JSON.stringify(manifest.license)}, not Apache-2.0`);
  if (typeof manifest.main === 'string' && !existsSync(path.join(dir, manifest.main))) problem(packageFile, `"main" ${manifest.main} does not exist`);
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    const full = path.join(dir, file);
    if (!existsSync(full) || readFileSync(full, 'utf8').trim() === '') problem(full, 'is missing or empty: ohpm publishes no package without it');
  }
  const changelog = path.join(dir, 'CHANGELOG.md');
  if (existsSync(changelog) && !readFileSync(changelog, 'utf8').includes(`## ${manifest.version}`)) {
    problem(changelog, `has no "## ${manifest.version}" section for the version in oh-package.json5`);
  }
}

/** Kits only the HAR talks to: an app that integrates harmony-push reaches them through HarmonyPush alone. */
const FACADE_KITS = ['@kit.PushKit', '@kit.NotificationKit', '@kit.NetworkKit', '@kit.ArkData'];

/** The demo app's and the fixture's own code calls only the facade: no kit the HAR wraps, no HAR internals. */
function checkUsesOnlyTheFacade(srcDir) {
  for (const file of walk(srcDir, (f) => f.endsWith('.ets'))) {
    for (const [, from] of readFileSync(file, 'utf8').matchAll(/^import [^;]* from '([^']+)';/gm)) {
      if (FACADE_KITS.includes(from) || from.startsWith('@harmony-push/shared/')) {
        problem(file, `imports ${from}: apps reach Push Kit and the HAR's adapters only through HarmonyPush`);
      }
    }
  }
}

/** Lines without indentation or blank lines: a snippet of the guide matches however it is indented. */
const codeLines = (text) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0).join('\n');

/**
 * The HAR's integration guide is the customer-app fixture: every ArkTS block of shared/README.md appears in one of
 * the fixture's files, and the push listener ability of its module.json5 block is the fixture's.
 */
function checkGuideMatchesFixture(readmeFile, fixtureDir) {
  const readme = readFileSync(readmeFile, 'utf8');
  const sources = walk(fixtureDir, (f) => f.endsWith('.ets')).map((file) => codeLines(readFileSync(file, 'utf8')));
  for (const [, block] of readme.matchAll(/```ts\n([\s\S]*?)```/g)) {
    if (!sources.some((source) => source.includes(codeLines(block)))) {
      problem(readmeFile, `the guide's code block starting "${block.split('\n')[0]}" is in no file of ${rel(fixtureDir)}`);
    }
  }
  const listener = (abilities) => JSON.stringify((abilities ?? []).find((ability) => ability.name === 'PushMessageAbility'));
  const fixtureModule = readJson5(path.join(fixtureDir, 'src/main/module.json5')).module;
  for (const [, block] of readme.matchAll(/```json5\n([\s\S]*?)```/g)) {
    if (!block.includes('"abilities"')) continue;
    const parsed = ts.parseConfigFileTextToJson(readmeFile, `{${block}}`);
    if (parsed.error || listener(parsed.config.abilities) !== listener(fixtureModule.abilities)) {
      problem(readmeFile, `the guide's module.json5 block does not declare PushMessageAbility as ${rel(fixtureDir)} does`);
    }
  }
}

/**
 * Every package.json and module-level oh-package.json5 (the project-level one has no licence field) states the
 * licence of the root LICENSE.
 */
function checkLicenceFields() {
  if (!existsSync(path.join(ROOT, 'LICENSE'))) problems.push('LICENSE: missing at the repository root');
  for (const file of walk(ROOT, (f) => /(^|\/)(package\.json|oh-package\.json5)$/.test(f))) {
    const manifest = file.endsWith('.json5') ? readJson5(file) : JSON.parse(readFileSync(file, 'utf8'));
    const isPackage = file.endsWith('package.json') || manifest.name !== undefined;
    if (isPackage && manifest.license !== 'Apache-2.0') problem(file, `"license" is ${JSON.stringify(manifest.license)}, not Apache-2.0`);
  }
}

checkModules();
checkPublishable(SHARED);
checkLicenceFields();
const appScopeFile = path.join(ROOT, 'AppScope/app.json5');
checkJsonReferences(appScopeFile, readJson5(appScopeFile), resourceIndex(APP_SCOPE_RESOURCES));
const sourceSets = ['src/main', 'src/ohosTest'].map((dir) => checkSourceSet(path.join(APP, dir)));
checkPushRules(sourceSets);
checkUsesOnlyTheFacade(path.join(APP, 'src/main/ets'));
sourceSets.push(checkSourceSet(path.join(SHARED, 'src/ohosTest')));
// The customer-app fixture is a module of its own: its manifest follows the same Push Kit rules.
const customer = checkSourceSet(path.join(CUSTOMER_APP, 'src/main'));
checkPushRules([customer]);
sourceSets.push(customer);
checkLocalDependencies(path.join(CUSTOMER_APP, 'oh-package.json5'));
checkGuideMatchesFixture(path.join(SHARED, 'README.md'), CUSTOMER_APP);
checkUsesOnlyTheFacade(path.join(CUSTOMER_APP, 'src/main/ets'));
for (const file of walk(ROOT, (f) => f.endsWith('.json5'))) readJson5(file);

for (const line of problems) console.log(line);
console.log(`arkts config: ${sourceSets.length} source sets, ${problems.length} problems`);
process.exitCode = problems.length === 0 ? 0 : 1;
