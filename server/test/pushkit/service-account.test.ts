import { generateKeyPairSync } from 'node:crypto';
import t, { type Test } from 'tap';
import { ServiceAccountError, loadServiceAccount, parseServiceAccount, publicKeyOf } from '../../src/pushkit/service-account';
import { newServiceAccount, tempFile } from '../helpers/service-account';

const { json, account } = await newServiceAccount();
const KEY_BODY = json.private_key.split('\n')[1];

/** The error a key file gives, asserting it names the file and never shows key material. */
async function problemsOf(t: Test, content: string): Promise<string> {
  const file = await tempFile(t, content);
  const error = await loadServiceAccount(file).then(
    () => undefined,
    (caught: unknown) => caught
  );
  t.type(error, ServiceAccountError);
  const message = (error as Error).message;
  t.match(message, file, 'names the file');
  t.notMatch(message, KEY_BODY, 'never shows the key');
  return message;
}

t.test('a key file as Huawei hands it out loads', async (t) => {
  const loaded = await loadServiceAccount(await tempFile(t, JSON.stringify(json)));
  t.same(loaded, account);
  t.equal(loaded.projectId, json.project_id);
  t.equal(loaded.keyId, json.key_id);
  t.equal(loaded.subAccount, json.sub_account);
  t.equal(publicKeyOf(loaded).type, 'public');
});

t.test('a PEM stored with literal \\n escapes loads too', async (t) => {
  const escaped = { ...json, private_key: json.private_key.replace(/\n/g, '\\n') };
  t.equal((await loadServiceAccount(await tempFile(t, JSON.stringify(escaped)))).privateKey, json.private_key.trim());
});

t.test('missing fields are named', async (t) => {
  const { key_id: _keyId, sub_account: _subAccount, ...rest } = json;
  const message = await problemsOf(t, JSON.stringify({ ...rest, project_id: '' }));
  t.match(message, 'project_id: must not be empty');
  t.match(message, 'key_id: is required');
  t.match(message, 'sub_account: is required');
});

t.test('a bad private key is refused without being echoed', async (t) => {
  const garbled = json.private_key.replace(KEY_BODY, KEY_BODY.split('').reverse().join(''));
  t.match(await problemsOf(t, JSON.stringify({ ...json, private_key: garbled })), 'private_key: must be an RSA private key in PKCS#8 PEM');

  const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  t.match(await problemsOf(t, JSON.stringify({ ...json, private_key: pkcs1 })), 'private_key', 'PKCS#1 is not PKCS#8');

  // PKCS#8 with the id-RSASSA-PSS algorithm: WebCrypto, which signs the JWTs, cannot import it for PS256.
  const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  t.match(await problemsOf(t, JSON.stringify({ ...json, private_key: pss })), 'private_key: must be an RSA private key', 'RSA-PSS keys cannot sign');

  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  t.match(await problemsOf(t, JSON.stringify({ ...json, private_key: ec })), 'private_key', 'PS256 needs RSA');
});

t.test('a file that is not JSON, or not there, is named without quoting it', async (t) => {
  t.match(await problemsOf(t, JSON.stringify(json).slice(0, -2)), 'is not valid JSON');
  await t.rejects(loadServiceAccount('/nonexistent/sa.json'), { name: 'ServiceAccountError', message: /cannot be read \(ENOENT\)/ });
});

t.test('parseServiceAccount checks an object already in memory', async (t) => {
  t.throws(() => parseServiceAccount('not an object', 'env'), { name: 'ServiceAccountError' });
  const error = (() => {
    try {
      parseServiceAccount(['not', 'an', 'object'], 'env');
    } catch (caught) {
      return caught as ServiceAccountError;
    }
  })();
  t.same(error?.problems, ['Invalid input: expected object, received array'], 'a problem of the whole file names no field');
  t.equal(error?.file, 'env');
});

t.test('each problem on a line of its own, after the file name', async (t) => {
  const { key_id: _keyId, ...rest } = json;
  const file = await tempFile(t, JSON.stringify({ ...rest, project_id: 42, sub_account: '   ' }));
  await t.rejects(loadServiceAccount(file), {
    problems: ['project_id: must be a string', 'key_id: is required', 'sub_account: must not be empty'],
    message: `unusable Push Kit service-account file ${file}:\n  project_id: must be a string\n  key_id: is required\n  sub_account: must not be empty`
  });
});

t.test('surrounding whitespace is not part of a value', async (t) => {
  const padded = { ...json, project_id: ` ${json.project_id}\n`, key_id: `\t${json.key_id} `, sub_account: `  ${json.sub_account}` };
  t.same(parseServiceAccount(padded, 'padded'), account);
});

t.test('unknown fields are ignored; the informational URIs must be text when present', async (t) => {
  t.same(parseServiceAccount({ ...json, comment: 'downloaded 2026-01-01' }, 'extra'), account);
  t.throws(() => parseServiceAccount({ ...json, token_uri: 7 }, 'uri'), { name: 'ServiceAccountError', message: /\n  token_uri: / });
});
