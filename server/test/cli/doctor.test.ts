import { generateKeyPairSync } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import http from 'node:http';
import t, { type Test } from 'tap';
import { CheckStatus, type CheckResult } from '../../src/cli/doctor/check';
import { runChecks } from '../../src/cli/doctor/doctor';
import { checkReceipts } from '../../src/cli/doctor/receipts';
import { CLOCK_FAIL_SECONDS, CLOCK_WARN_SECONDS } from '../../src/cli/doctor/push-kit';
import { closedServerUrl } from '../helpers/cli';
import { createTestDatabase } from '../helpers/database';
import { newServiceAccount, tempFile } from '../helpers/service-account';
import { startTestService } from '../helpers/service';

const { json: keyFile } = await newServiceAccount();
// Empty, as on a first start: the first check finds no embedded database yet.
const database = await createTestDatabase({ emptyDataDir: true });
t.teardown(() => database.drop());

/** A Push Kit stand-in whose Date header is `skewSeconds` off this machine's clock. */
async function pushKitAt(t: Test, skewSeconds = 0): Promise<string> {
  const server = http.createServer((_request, response) => {
    response.setHeader('date', new Date(Date.now() + skewSeconds * 1000).toUTCString());
    response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function keyFileWith(t: Test, content: unknown, mode = 0o600): Promise<string> {
  const file = await tempFile(t, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(file, mode);
  return file;
}

/** Doctor's checks with the service account `file` against a Push Kit at `baseUrl`, on this file's database. */
async function doctor(env: Record<string, string>): Promise<Record<string, CheckResult>> {
  const results = await runChecks({ DATA_DIR: database.dataDir, ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}), ...env });
  return Object.fromEntries(results.map((result) => [result.check, result]));
}

t.test('a good key file: fields, PEM, key id, a signed JWT, Push Kit answers, clocks agree', async (t) => {
  const file = await keyFileWith(t, keyFile);
  const checks = await doctor({ PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: await pushKitAt(t) });
  t.equal(checks['configuration'].status, CheckStatus.OK);
  t.equal(checks['service account'].status, CheckStatus.OK, checks['service account'].message);
  t.match(checks['service account'].message, `project ${keyFile.project_id}`);
  t.notOk(JSON.stringify(checks).includes(keyFile.key_id), 'the key id is masked');
  t.equal(checks['JWT signing'].status, CheckStatus.OK, checks['JWT signing'].message);
  t.match(checks['JWT signing'].message, /PS256/);
  t.equal(checks['Push Kit'].status, CheckStatus.OK);
  t.match(checks['Push Kit'].message, /answers \(HTTP 404/);
  t.equal(checks['clock'].status, CheckStatus.OK, checks['clock'].message);
});

t.test('a key file others may read is a warning', async (t) => {
  const file = await keyFileWith(t, keyFile, 0o644);
  const checks = await doctor({ PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: await pushKitAt(t) });
  t.equal(checks['service account'].status, CheckStatus.WARN);
  t.match(checks['service account'].fix, `chmod 600 ${file}`);
});

t.test('a broken key file is explained in words, never quoting the key', async (t) => {
  const rsaPkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const ecPkcs8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const truncated = keyFile.private_key.slice(0, 200) + '\n-----END PRIVATE KEY-----\n';
  const { key_id: _keyId, ...withoutKeyId } = keyFile;
  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"project_id": ', /is not JSON/],
    ['JSON, not an object', '[1, 2]', /is JSON but not a key file/],
    ['no key id', withoutKeyId, /key_id is missing/],
    ['not a PEM', { ...keyFile, private_key: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }, /private_key is not a PEM private key/],
    ['PKCS#1', { ...keyFile, private_key: rsaPkcs1 }, /private_key is a PKCS#1 RSA key/],
    ['truncated', { ...keyFile, private_key: truncated }, /does not parse: it is truncated or damaged/],
    ['an EC key', { ...keyFile, private_key: ecPkcs8 }, /private_key is an EC key; Push Kit JWTs are signed with RSA/]
  ];
  const baseUrl = await pushKitAt(t);
  for (const [name, content, words] of cases) {
    const file = await keyFileWith(t, content);
    const checks = await doctor({ PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: baseUrl });
    const check = checks['service account'];
    t.equal(check.status, CheckStatus.FAIL, name);
    t.match(check.message, words, name);
    t.match(check.fix, /API Console/, `${name}: says where a new key file comes from`);
    t.equal(checks['JWT signing'].status, CheckStatus.SKIP, `${name}: nothing to sign with`);
    t.notOk(JSON.stringify(checks).includes('MII'), `${name}: no key material in the output`);
  }
  const missing = await doctor({ PUSHKIT_SERVICE_ACCOUNT: '/nonexistent/key.json', PUSHKIT_BASE_URL: baseUrl });
  t.match(missing['service account'].message, '/nonexistent/key.json does not exist');
});

t.test('clock skew against the Date of Push Kit\'s answer: a warning from a minute, a failure where JWTs break', async (t) => {
  const file = await keyFileWith(t, keyFile);
  const behind = await doctor({ PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: await pushKitAt(t, CLOCK_WARN_SECONDS + 30) });
  t.equal(behind['clock'].status, CheckStatus.WARN, behind['clock'].message);
  t.match(behind['clock'].message, /s behind/);
  t.match(behind['clock'].fix, /NTP/);
  const ahead = await doctor({ PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: await pushKitAt(t, -(CLOCK_FAIL_SECONDS + 60)) });
  t.equal(ahead['clock'].status, CheckStatus.FAIL, ahead['clock'].message);
  t.match(ahead['clock'].message, /s ahead of .*80200005/);
});

t.test('Push Kit out of reach: a failure for Huawei, a warning for the emulator', async (t) => {
  const file = await keyFileWith(t, keyFile);
  const url = await closedServerUrl();
  const huawei = await doctor({ PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: url });
  t.equal(huawei['Push Kit'].status, CheckStatus.FAIL);
  t.match(huawei['Push Kit'].message, `cannot reach PUSHKIT_BASE_URL=${url} (ECONNREFUSED)`);
  t.equal(huawei['clock'].status, CheckStatus.SKIP);
  const emulator = await doctor({ EMULATOR_PORT: new URL(url).port });
  t.equal(emulator['Push Kit'].status, CheckStatus.WARN);
  t.match(emulator['Push Kit'].message, 'the local Push Kit emulator does not answer');
  t.match(emulator['service account'].message, 'PUSHKIT_SERVICE_ACCOUNT is not set');
});

t.test('a configuration the server refuses: named, and the other checks skipped', async (t) => {
  const results = await runChecks({ PORT: 'eighty', PUSHKIT_BASE_URL: 'ftp://example' });
  t.equal(results[0].status, CheckStatus.FAIL);
  t.match(results[0].message, /PORT: .*; PUSHKIT_BASE_URL: /);
  t.ok(results.slice(1).every((result) => result.status === CheckStatus.SKIP));
});

t.test('the database: empty, up to date, or in use by a running server', async (t) => {
  const before = await doctor({});
  if (database.databaseUrl) {
    t.equal(before['database'].status, CheckStatus.WARN);
    t.match(before['database'].message, /is empty: no migration ran yet/);
    t.match(before['database'].fix, /npm start applies them/);
  } else {
    t.equal(before['database'].status, CheckStatus.OK);
    t.match(before['database'].message, /no embedded database yet/);
  }
  const svc = await startTestService(t, {}, database);
  const running = await doctor({});
  if (database.databaseUrl) {
    t.equal(running['database'].status, CheckStatus.OK, running['database'].message);
    t.match(running['database'].message, /connected, schema up to date \(\d+ migrations\)/);
  } else {
    t.equal(running['database'].status, CheckStatus.OK, running['database'].message);
    t.match(running['database'].message, `is in use by a running server (process ${process.pid}`);
    await svc.close();
    const stopped = await doctor({});
    t.equal(stopped['database'].status, CheckStatus.OK, stopped['database'].message);
    t.match(stopped['database'].message, /connected, schema up to date \(\d+ migrations\)/);
  }
});

t.test('a PostgreSQL that cannot be used is told as npm start tells it', { skip: !process.env.DATABASE_URL && 'PostgreSQL only' }, async (t) => {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = '/hp_no_such_database';
  const checks = await doctor({ DATABASE_URL: url.toString() });
  t.equal(checks['database'].status, CheckStatus.FAIL);
  t.match(checks['database'].message, 'database "hp_no_such_database" does not exist');
  t.match(checks['database'].fix, /createdb .*hp_no_such_database/);
});

t.test('receipt settings', async (t) => {
  const credentials = { userName: 'receipts', secret: 's3cret-value' };
  t.equal(checkReceipts({ credentials, unsigned: false }, true).status, CheckStatus.OK);
  t.notMatch(checkReceipts({ credentials, unsigned: false }, true).message, 's3cret-value');
  const unsigned = checkReceipts({ unsigned: true }, true);
  t.equal(unsigned.status, CheckStatus.WARN);
  t.match(unsigned.message, /anyone who reaches it/);
  t.equal(checkReceipts({ unsigned: false }, true).status, CheckStatus.WARN, 'Huawei without receipts');
  t.match(checkReceipts({ unsigned: false }, true).message, /sends stay pending/);
  t.equal(checkReceipts({ unsigned: false }, false).status, CheckStatus.OK, 'the emulator with development credentials');
  const half = await runChecks({ DATA_DIR: database.dataDir, PUSHKIT_RECEIPT_USERNAME: 'receipts' });
  t.equal(half[0].status, CheckStatus.FAIL, 'a user name without a secret: the configuration fails, as npm start would');
  t.match(half[0].message, 'PUSHKIT_RECEIPT_SECRET');
  t.notMatch(JSON.stringify(await runChecks({ DATA_DIR: database.dataDir, PUSHKIT_RECEIPT_USERNAME: 'receipts', PUSHKIT_RECEIPT_SECRET: 's3cret-value' })), 's3cret-value');
});
