import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config';

export interface DevKeys {
  appKey: string;
  adminKey: string;
}

/** Where development keys are kept: `npm start` writes them, the CLI reads the admin key back. */
export const devKeysFile = (dataDir: string): string => path.resolve(dataDir, 'dev-keys.json');

/** The development keys kept in `dataDir`, if a server generated some there. */
export async function readDevKeys(dataDir: string): Promise<DevKeys | undefined> {
  try {
    return JSON.parse(await readFile(devKeysFile(dataDir), 'utf8')) as DevKeys;
  } catch {
    return undefined;
  }
}

const newKey = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;

/**
 * With no keys configured, a development server still needs some: they are generated once,
 * kept in DATA_DIR (readable by the owner only) so restarts keep working, and printed once.
 */
export async function withDevelopmentKeys(config: Config, print: (line: string) => void): Promise<Config> {
  if (config.appKeys.length > 0 && config.adminKeys.length > 0) return config;
  const file = devKeysFile(config.dataDir);
  let keys = await readDevKeys(config.dataDir);
  if (keys) {
    print(`Using development keys from ${file} (set APP_KEYS and ADMIN_KEYS to replace them).`);
  } else {
    keys = { appKey: newKey('app'), adminKey: newKey('admin') };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
    print('No APP_KEYS/ADMIN_KEYS configured: generated development keys (shown once, kept in ' + file + ')');
    if (config.appKeys.length === 0) print(`  app key (X-App-Key):                    ${keys.appKey}`);
    if (config.adminKeys.length === 0) print(`  admin key (Authorization: Bearer ...): ${keys.adminKey}`);
  }
  return {
    ...config,
    appKeys: config.appKeys.length > 0 ? config.appKeys : [keys.appKey],
    adminKeys: config.adminKeys.length > 0 ? config.adminKeys : [keys.adminKey]
  };
}
