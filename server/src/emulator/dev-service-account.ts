import { generateKeyPair, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { createOnceInDataDir } from '../data-dir-file';
import { loadServiceAccount, type ServiceAccount, type ServiceAccountFile } from '../pushkit/service-account';
import { PUSH_KIT_JWT_AUDIENCE } from '../pushkit/jwt';

/** Where the development service account lives under DATA_DIR; the sender reads the same file. */
export const DEV_SERVICE_ACCOUNT_FILE = 'emulator-service-account.json';

const digits = (count: number): string => Array.from({ length: count }, () => randomInt(0, 10)).join('');

/** A key file shaped like the one Huawei's API Console hands out, with a fresh RSA key. */
export async function createDevServiceAccount(): Promise<ServiceAccountFile> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  });
  return {
    project_id: digits(15),
    key_id: digits(32),
    private_key: privateKey,
    sub_account: digits(10),
    auth_uri: 'https://oauth-login.cloud.huawei.com/oauth2/v3/authorize',
    token_uri: PUSH_KIT_JWT_AUDIENCE,
    auth_provider_cert_uri: 'https://oauth-login.cloud.huawei.com/oauth2/v3/certs',
    client_cert_uri: 'https://oauth-login.cloud.huawei.com/oauth2/v3/x509?client_id='
  };
}

export interface DevServiceAccount {
  file: string;
  account: ServiceAccount;
  created: boolean;
}

/** The development service account under `dataDir`, created (owner-readable only) on first use. */
export async function loadOrCreateDevServiceAccount(dataDir: string): Promise<DevServiceAccount> {
  const { file, created } = await createOnceInDataDir(
    dataDir,
    DEV_SERVICE_ACCOUNT_FILE,
    async () => JSON.stringify(await createDevServiceAccount(), null, 2) + '\n'
  );
  return { file, account: await loadServiceAccount(file), created };
}
