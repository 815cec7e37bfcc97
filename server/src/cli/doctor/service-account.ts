import { createPrivateKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { maskToken } from '@harmony-push/shared';
import type { Config } from '../../config';
import { DEV_SERVICE_ACCOUNT_FILE } from '../../emulator/dev-service-account';
import { loadServiceAccount, ServiceAccountError, type ServiceAccount } from '../../pushkit/service-account';
import { fail, ok, warn, type CheckResult } from './check';

export const SERVICE_ACCOUNT = 'service account';

/** Where the key file comes from (Huawei's push-jwt-token guide): worth saying whenever a new one is needed. */
const NEW_KEY_FILE =
  "Download the key file again, or create a new service-account key in Huawei's API Console (Credentials > Service account key; Huawei keeps no copy of the private key)";

/** The fields the loader names in its problems (the loader's root-level problems name none). */
const KEY_FILE_FIELDS = ['project_id', 'key_id', 'sub_account', 'private_key', 'auth_uri', 'token_uri', 'auth_provider_cert_uri', 'client_cert_uri'];

/** What the loader's problem with the file means, and what to do, in words. */
interface Explained {
  what: string;
  fix: string;
}

/** Why `private_key` is not usable, from its value (never printed): the loader only says it is not PKCS#8 RSA. */
export function privateKeyProblem(value: unknown): string {
  if (typeof value !== 'string') return 'private_key is not a PEM private key';
  const pem = value.replace(/\\n/g, '\n').trim();
  if (pem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----')) return 'private_key is an encrypted private key; the server needs it unencrypted, as Huawei hands it out';
  if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return 'private_key is a PKCS#1 RSA key ("BEGIN RSA PRIVATE KEY"); Huawei\'s key files carry PKCS#8 ("BEGIN PRIVATE KEY")';
  if (!pem.startsWith('-----BEGIN PRIVATE KEY-----')) return 'private_key is not a PEM private key (it must start with "-----BEGIN PRIVATE KEY-----")';
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType;
  } catch {
    return 'private_key looks like a PEM private key but does not parse: it is truncated or damaged (copying it may have broken a line)';
  }
  return `private_key is ${type === undefined ? 'not an RSA key' : `an ${type.toUpperCase()} key`}; Push Kit JWTs are signed with RSA (PS256)`;
}

function explain(problem: string, file: string, raw: Record<string, unknown> | undefined): Explained {
  const unreadable = /^cannot be read \((\w+)\)$/.exec(problem)?.[1];
  if (unreadable === 'ENOENT') return { what: `${file} does not exist`, fix: `Set PUSHKIT_SERVICE_ACCOUNT to the path of the key file. ${NEW_KEY_FILE}.` };
  if (unreadable === 'EACCES' || unreadable === 'EPERM') {
    return { what: `this user (uid ${process.getuid?.() ?? '?'}) may not read ${file}`, fix: `Make it readable by the user the server runs as, and by no one else (chmod 600).` };
  }
  if (unreadable === 'EISDIR') return { what: `${file} is a directory, not the key file`, fix: 'Set PUSHKIT_SERVICE_ACCOUNT to the JSON key file itself.' };
  if (unreadable !== undefined) return { what: `${file} cannot be read (${unreadable})`, fix: 'Check the path and the file system.' };
  if (problem === 'is not valid JSON') {
    return { what: `${file} is not JSON`, fix: `It must be the key file exactly as downloaded: a JSON object with project_id, key_id, sub_account and private_key. ${NEW_KEY_FILE}.` };
  }
  const fieldProblem = /^(\w+): (.*)$/s.exec(problem);
  if (!fieldProblem || !KEY_FILE_FIELDS.includes(fieldProblem[1])) return { what: `${file} is JSON but not a key file (${problem})`, fix: `${NEW_KEY_FILE}.` };
  const [, field, message] = fieldProblem;
  if (field === 'private_key' && message.startsWith('must be')) return { what: privateKeyProblem(raw?.private_key), fix: `${NEW_KEY_FILE}.` };
  const words: Record<string, string> = { 'is required': 'is missing', 'must be a string': 'is not a string', 'must not be empty': 'is empty' };
  return { what: `${field} ${words[message] ?? message}`, fix: `The file was edited or is another kind of file. ${NEW_KEY_FILE}.` };
}

async function rawFields(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The loader's refusal, each problem in words, on one line. */
async function refusal(error: ServiceAccountError, setting: string): Promise<CheckResult> {
  const raw = await rawFields(error.file);
  const explained = error.problems.map((problem) => explain(problem, error.file, raw));
  return fail(SERVICE_ACCOUNT, `${setting}: ${explained.map((e) => e.what).join('; ')}`, [...new Set(explained.map((e) => e.fix))].join(' '));
}

export interface ServiceAccountCheck {
  result: CheckResult;
  account?: ServiceAccount;
  /** Whether sends go to Huawei (a configured key file) or to the local emulator (the development key). */
  huawei: boolean;
}

/**
 * The key file the server would use, loaded by the server's own loader: PUSHKIT_SERVICE_ACCOUNT, or without it the
 * emulator's development key in DATA_DIR (not created here: `npm start` does that).
 */
export async function checkServiceAccount(config: Config): Promise<ServiceAccountCheck> {
  const configured = config.pushKit.serviceAccountFile;
  const file = configured ?? path.resolve(config.dataDir, DEV_SERVICE_ACCOUNT_FILE);
  const setting = configured ? `PUSHKIT_SERVICE_ACCOUNT=${configured}` : `the development key ${file}`;
  if (!configured && !(await stat(file).then(() => true, () => false))) {
    return {
      huawei: false,
      result: warn(
        SERVICE_ACCOUNT,
        'PUSHKIT_SERVICE_ACCOUNT is not set: the server sends to its local Push Kit emulator, whose development key npm start creates in DATA_DIR (none there yet)',
        'To send to Huawei, set PUSHKIT_SERVICE_ACCOUNT to the service-account key file from Huawei\'s API Console.'
      )
    };
  }
  let account: ServiceAccount;
  try {
    account = await loadServiceAccount(file);
  } catch (error) {
    if (!(error instanceof ServiceAccountError)) throw error;
    return { huawei: Boolean(configured), result: await refusal(error, setting) };
  }
  const identity = `project ${account.projectId}, key id ${maskToken(account.keyId)}, sub_account ${account.subAccount}`;
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o077) {
    return {
      huawei: Boolean(configured),
      account,
      result: warn(SERVICE_ACCOUNT, `${setting}: usable (${identity}), but other users may read it (mode ${mode.toString(8)})`, `It holds the private key: chmod 600 ${file}`)
    };
  }
  if (!configured) {
    return {
      huawei: false,
      account,
      result: warn(
        SERVICE_ACCOUNT,
        `PUSHKIT_SERVICE_ACCOUNT is not set: the server sends to its local Push Kit emulator, with ${setting} (${identity})`,
        'To send to Huawei, set PUSHKIT_SERVICE_ACCOUNT to the service-account key file from Huawei\'s API Console.'
      )
    };
  }
  return { huawei: true, account, result: ok(SERVICE_ACCOUNT, `${setting}: fields present, private key parses (${identity})`) };
}
