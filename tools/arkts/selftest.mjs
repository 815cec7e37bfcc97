// Proves each ArkTS check can fail: runs it on a copy of the project with one deliberate defect
// and expects exit 1 with the defect named. A check that passes anyway is reported.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOOLS } from './project.mjs';

const SOURCE = path.resolve(TOOLS, '../..');
const COPIED = ['AppScope', 'build-profile.json5', 'package.json', 'LICENSE', 'harmony-app', 'shared/Index.ets', 'shared/oh-package.json5',
  'shared/package.json', 'shared/build-profile.json5', 'shared/hvigorfile.ts', 'shared/src', 'shared/README.md', 'shared/CHANGELOG.md',
  'shared/LICENSE', 'tools/arkts/stubs', 'tools/arkts/fixtures'];
const ADAPTERS = 'shared/src/main/ets/adapters';
const HAR_SUITES = 'shared/src/ohosTest/ets/test';
const CUSTOMER = 'tools/arkts/fixtures/customer-app/src/main/ets';

function replaceIn(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`self-test is stale: ${from} not found in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

const CASES = [
  {
    check: 'lint.mjs',
    defect: 'an untyped object literal in the shared client core',
    expect: /shared\/src\/client\/retry\.ts:\d+:\d+ .*arkts-no-untyped-obj-literals/,
    apply: (root) => appendFileSync(path.join(root, 'shared/src/client/retry.ts'), '\nexport const loose = { a: 1 };\n')
  },
  {
    check: 'lint.mjs',
    defect: 'var in an ohosTest suite',
    expect: /DeviceProfile\.test\.ets:\d+:\d+ .*arkts-no-var/,
    apply: (root) => appendFileSync(path.join(root, HAR_SUITES, 'DeviceProfile.test.ets'), '\nvar leftover: number = 1;\n')
  },
  {
    check: 'typecheck.mjs',
    defect: 'a kit member that does not exist',
    expect: /PreferencesStore\.ets:\d+:\d+ Property 'flushAll' does not exist/,
    apply: (root) => replaceIn(path.join(root, ADAPTERS, 'PreferencesStore.ets'), 'prefs.flush()', 'prefs.flushAll()')
  },
  {
    check: 'typecheck.mjs',
    defect: 'a wrong-arity call to a stubbed kit function (the 2-argument on(\'tokenUpdate\') DevEco rejects)',
    expect: /TokenUpdates\.ets:\d+:\d+ Expected 3 arguments, but got 2/,
    apply: (root) => replaceIn(path.join(root, ADAPTERS, 'TokenUpdates.ets'),
      "pushService.on('tokenUpdate', ability, callback)", "pushService.on('tokenUpdate', callback)")
  },
  {
    check: 'typecheck.mjs',
    defect: 'a plain Context where the SDK wants a UIAbilityContext (requestEnableNotification)',
    expect: /HarmonyPush\.ets:\d+:\d+ Argument of type .* is not assignable to parameter of type .*UIAbilityContext/,
    apply: (root) => replaceIn(path.join(root, 'shared/src/main/ets/HarmonyPush.ets'),
      'static requestNotificationPermission(context: common.UIAbilityContext)', 'static requestNotificationPermission(context: common.Context)')
  },
  {
    check: 'api-level.mjs',
    defect: 'an unguarded API-18 call in the customer-app fixture',
    expect: /customer-app\/src\/main\/ets\/pushability\/PushMessageAbility\.ets:\d+:\d+ off is @since API 18, newer than compatibleSdkVersion \(API 12\)/,
    apply: (root) => {
      const file = path.join(root, CUSTOMER, 'pushability/PushMessageAbility.ets');
      replaceIn(file, 'HarmonyPush.stopListening();', "pushService.off('tokenUpdate');");
      replaceIn(file, "import { HarmonyPush } from '@harmony-push/shared';", "import { HarmonyPush } from '@harmony-push/shared';\nimport { pushService } from '@kit.PushKit';");
    }
  },
  {
    check: 'typecheck.mjs',
    defect: 'the customer-app fixture reaching past the public API (an adapter the HAR does not export)',
    expect: /customer-app\/src\/main\/ets\/pushability\/PushMessageAbility\.ets:\d+:\d+ .*has no exported member 'PushKitTokenSource'/,
    apply: (root) => replaceIn(path.join(root, CUSTOMER, 'pushability/PushMessageAbility.ets'),
      "import { HarmonyPush } from '@harmony-push/shared';", "import { HarmonyPush, PushKitTokenSource } from '@harmony-push/shared';")
  },
  {
    check: 'typecheck.mjs',
    defect: 'a facade call without the configuration the guide passes',
    expect: /customer-app\/src\/main\/ets\/pushability\/PushMessageAbility\.ets:\d+:\d+ Expected 2-3 arguments, but got 1/,
    apply: (root) => replaceIn(path.join(root, CUSTOMER, 'pushability/PushMessageAbility.ets'), 'HarmonyPush.listen(this, PUSH_CONFIG)', 'HarmonyPush.listen(this)')
  },
  {
    check: 'lint.mjs',
    defect: 'var in the customer-app fixture',
    expect: /customer-app\/src\/main\/ets\/push\/PushSetup\.ets:\d+:\d+ .*arkts-no-var/,
    apply: (root) => appendFileSync(path.join(root, CUSTOMER, 'push/PushSetup.ets'), '\nvar leftover: number = 1;\n')
  },
  {
    check: 'api-level.mjs',
    defect: 'a guard one level too low',
    expect: /TokenUpdates\.ets:\d+:\d+ on is @since API 18/,
    apply: (root) => replaceIn(path.join(root, ADAPTERS, 'TokenUpdates.ets'),
      'if (deviceInfo.sdkApiVersion >= 18) {\n    try {\n      pushService.on', 'if (deviceInfo.sdkApiVersion > 16) {\n    try {\n      pushService.on')
  },
  {
    check: 'api-level.mjs',
    defect: 'an API-18 member taken out of its namespace by destructuring (also in a parameter), never called by name',
    expect: [/TokenUpdates\.ets:\d+:\d+ on is @since API 18, newer than compatibleSdkVersion/,
      /TokenUpdates\.ets:\d+:\d+ off is @since API 18, newer than compatibleSdkVersion/],
    apply: (root) => appendFileSync(path.join(root, ADAPTERS, 'TokenUpdates.ets'),
      '\nexport function plantedDestructuring(): Object {\n  const { on } = pushService;\n  return on;\n}\n' +
      'export const plantedParameter = ({ off }: typeof pushService): void => {};\n')
  },
  {
    check: 'api-level.mjs',
    defect: "API-18 calls through element access (pushService['off'], pushService[key] with a const key)",
    expect: [/TokenUpdates\.ets:\d+:\d+ off is @since API 18, newer than compatibleSdkVersion/,
      /TokenUpdates\.ets:\d+:\d+ on is @since API 18, newer than compatibleSdkVersion/],
    apply: (root) => appendFileSync(path.join(root, ADAPTERS, 'TokenUpdates.ets'),
      "\nexport function plantedElementAccess(callback: Callback<string>): void {\n  pushService['off']('tokenUpdate', callback);\n}\n" +
      "const KEY = 'on';\nexport function plantedKeyAccess(ability: UIAbility, callback: Callback<string>): void {\n" +
      "  pushService[KEY]('tokenUpdate', ability, callback);\n}\n")
  },
  {
    check: 'api-level.mjs',
    defect: 'an API-18 option set by a shorthand property of an SDK-typed object literal',
    expect: /ArkHttpTransport\.ets:\d+:\d+ plantedOption is @since API 18, newer than compatibleSdkVersion/,
    apply: (root) => {
      replaceIn(path.join(root, 'tools/arkts/stubs/network-kit.d.ts'), '      connectTimeout?: number;\n',
        '      connectTimeout?: number;\n      /**\n       * @since 18\n       */\n      plantedOption?: number;\n');
      const file = path.join(root, ADAPTERS, 'ArkHttpTransport.ets');
      replaceIn(file, '    const client = http.createHttp();', '    const plantedOption = 1;\n    const client = http.createHttp();');
      replaceIn(file, '        readTimeout: TIMEOUT_MS\n', '        readTimeout: TIMEOUT_MS,\n        plantedOption\n');
    }
  },
  {
    check: 'api-level.mjs',
    defect: "a push type newer than the member it is passed to (receiveMessage('DEFAULT'), valid from API 14)",
    expect: /BackgroundMessages\.ets:\d+:\d+ 'DEFAULT' as pushType is @since API 14, newer than compatibleSdkVersion/,
    apply: (root) => replaceIn(path.join(root, ADAPTERS, 'BackgroundMessages.ets'), "receiveMessage('BACKGROUND'", "receiveMessage('DEFAULT'")
  },
  {
    check: 'api-level.mjs',
    defect: 'a targetSdkVersion below the newest API the app calls',
    expect: /TokenUpdates\.ets:\d+:\d+ on is @since API 18: the SDK of targetSdkVersion \(API 17\) does not have it/,
    apply: (root) => replaceIn(path.join(root, 'build-profile.json5'), '"targetSdkVersion": "5.1.0(18)"', '"targetSdkVersion": "5.0.5(17)"')
  },
  {
    check: 'api-level.mjs',
    defect: 'a stub member without @since',
    expect: /stubs\/push-kit\.d\.ts:\d+:\d+ stub declaration deleteToken has no @since tag/,
    apply: (root) => replaceIn(path.join(root, 'tools/arkts/stubs/push-kit.d.ts'),
      '     * @since 4.0.0(10)\n     */\n    export function deleteToken', '     */\n    export function deleteToken')
  },
  {
    check: 'hypium-host.mjs',
    defect: 'a broken assertion',
    expect: /FAIL {2}PushKitErrors > maps 1000900010[\s\S]*shared, API 12\): Tests run: \d+, Failure: 1, Error: 0/,
    apply: (root) => replaceIn(path.join(root, HAR_SUITES, 'PushKitErrors.test.ets'),
      'assertEqual(1000900010)', 'assertEqual(1000900011)')
  },
  {
    check: 'hypium-host.mjs',
    defect: 'a tokenUpdate guard removed (Push Kit has no on() below API 18)',
    expect: /FAIL {2}TokenUpdates > listens for tokenUpdate[\s\S]*shared, API 12\): Tests run: \d+, Failure: \d+, Error: [1-9]/,
    apply: (root) => replaceIn(path.join(root, ADAPTERS, 'TokenUpdates.ets'),
      'if (deviceInfo.sdkApiVersion >= 18) {\n    try {\n      pushService.on', 'if (deviceInfo.sdkApiVersion >= 0) {\n    try {\n      pushService.on')
  },
  {
    check: 'hypium-host.mjs',
    defect: 'a suite missing from List.test.ets',
    expect: /not run by List\.test\.ets: .*shared\/src\/ohosTest\/ets\/test\/SystemClock\.test\.ets/,
    apply: (root) => {
      const list = path.join(root, HAR_SUITES, 'List.test.ets');
      replaceIn(list, "import systemClockTest from './SystemClock.test';\n", '');
      replaceIn(list, '  systemClockTest();\n', '');
    }
  },
  {
    check: 'config-check.mjs',
    defect: 'an hvigorfile.ts under a "type": "module" package.json',
    expect: /shared\/hvigorfile\.ts: its nearest package\.json \(shared\/package\.json\) declares "type": "module"/,
    apply: (root) => replaceIn(path.join(root, 'shared/package.json'), '"private": true,', '"private": true,\n  "type": "module",')
  },
  {
    check: 'config-check.mjs',
    defect: 'an integration guide that no longer matches the customer-app fixture (code and module.json5)',
    expect: [/shared\/README\.md: the guide's code block starting "import \{ AbilityConstant, UIAbility, Want \} from '@kit\.AbilityKit';" is in no file/,
      /shared\/README\.md: the guide's module\.json5 block does not declare PushMessageAbility/],
    apply: (root) => {
      const readme = path.join(root, 'shared/README.md');
      replaceIn(readme, 'HarmonyPush.listen(this, PUSH_CONFIG);', 'HarmonyPush.listen(this);');
      replaceIn(readme, '"launchType": "singleton",', '"launchType": "multiton",');
    }
  },
  {
    check: 'config-check.mjs',
    defect: 'the demo app calling Push Kit itself instead of the facade',
    expect: /harmony-app\/src\/main\/ets\/pushability\/PushMessageAbility\.ets: imports @kit\.PushKit/,
    apply: (root) => replaceIn(path.join(root, 'harmony-app/src/main/ets/pushability/PushMessageAbility.ets'),
      "import { HarmonyPush } from '@harmony-push/shared';", "import { HarmonyPush } from '@harmony-push/shared';\nimport { pushService } from '@kit.PushKit';")
  },
  {
    check: 'config-check.mjs',
    defect: 'a HAR ohpm would not publish: no licence, an empty CHANGELOG.md',
    expect: [/shared\/oh-package\.json5: "license" is "", not Apache-2\.0/, /shared\/CHANGELOG\.md: is missing or empty/],
    apply: (root) => {
      replaceIn(path.join(root, 'shared/oh-package.json5'), '"license": "Apache-2.0"', '"license": ""');
      writeFileSync(path.join(root, 'shared/CHANGELOG.md'), '\n');
    }
  },
  {
    check: 'config-check.mjs',
    defect: 'a second push listener and a dangling $string',
    expect: [/exactly one ability must declare action\.ohos\.push\.listener; found 2/, /\$string:EntryAbility_labl/],
    apply: (root) => {
      const file = path.join(root, 'harmony-app/src/main/module.json5');
      replaceIn(file, '"actions": ["ohos.want.action.home"]', '"actions": ["ohos.want.action.home", "action.ohos.push.listener"]');
      replaceIn(file, '$string:EntryAbility_label', '$string:EntryAbility_labl');
    }
  }
];

let failures = 0;
for (const { check, defect, expect, apply } of CASES) {
  const root = mkdtempSync(path.join(tmpdir(), 'arkts-selftest-'));
  try {
    for (const entry of COPIED) cpSync(path.join(SOURCE, entry), path.join(root, entry), { recursive: true });
    symlinkSync(path.join(SOURCE, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    apply(root);
    const run = spawnSync(process.execPath, [path.join(TOOLS, check)], {
      env: { ...process.env, ARKTS_PROJECT_ROOT: root },
      encoding: 'utf8'
    });
    const caught = run.status === 1 && [expect].flat().every((pattern) => pattern.test(run.stdout));
    if (!caught) failures++;
    console.log(`  ${caught ? 'ok  ' : 'MISS'}  ${check} fails on ${defect}`);
    if (!caught) console.log(run.stdout + run.stderr);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
console.log(`arkts self-test: ${CASES.length} deliberate defects, ${failures} missed`);
process.exitCode = failures === 0 ? 0 : 1;
