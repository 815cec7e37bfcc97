import { createHmac } from 'node:crypto';
import t from 'tap';
import { parseCallbackId, ReceiptKeyForm, signatureMatches, signCallbackId } from '../../src/receipts/signature';

const credentials = { userName: 'receipt-user', secret: Buffer.from('a 32-byte receipt secret, random').toString('base64') };
const NONCE = '3f2c1e4a-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

/** Huawei's formula written out independently: Base64(HMAC-SHA256(key, timestamp + nonce + userName)). */
function byHand(key: Buffer, timestamp: number, nonce: string, userName: string): string {
  return createHmac('sha256', key).update(`${timestamp}${nonce}${userName}`).digest('base64');
}

t.test('signs as Huawei documents, with the base64-decoded secret by default', async (t) => {
  const header = signCallbackId(credentials, 1_764_000_000_000, NONCE);
  const value = byHand(Buffer.from(credentials.secret, 'base64'), 1_764_000_000_000, NONCE, credentials.userName);
  t.equal(header, `timestamp=1764000000000;nonce=${NONCE};value=${value}`);
});

t.test('signs with the UTF-8 bytes of the secret when asked', async (t) => {
  const header = signCallbackId(credentials, 1_764_000_000_000, NONCE, ReceiptKeyForm.UTF8);
  const value = byHand(Buffer.from(credentials.secret, 'utf8'), 1_764_000_000_000, NONCE, credentials.userName);
  t.equal(parseCallbackId(header)?.value, value);
});

t.test('a signature under either key form matches', async (t) => {
  for (const form of [ReceiptKeyForm.BASE64_DECODED, ReceiptKeyForm.UTF8]) {
    const id = parseCallbackId(signCallbackId(credentials, 1_764_000_000_000, NONCE, form));
    t.ok(id && signatureMatches(credentials, id), form);
  }
});

t.test('a changed field, user name or secret does not match', async (t) => {
  const id = parseCallbackId(signCallbackId(credentials, 1_764_000_000_000, NONCE))!;
  t.notOk(signatureMatches(credentials, { ...id, timestamp: '1764000000001' }), 'timestamp');
  t.notOk(signatureMatches(credentials, { ...id, nonce: `${NONCE}x` }), 'nonce');
  t.notOk(signatureMatches({ ...credentials, userName: 'someone-else' }, id), 'user name');
  t.notOk(signatureMatches({ ...credentials, secret: Buffer.from('another secret').toString('base64') }, id), 'secret');
  t.notOk(signatureMatches(credentials, { ...id, value: id.value.slice(0, -4) }), 'truncated value');
  t.notOk(signatureMatches(credentials, { ...id, value: 'not base64 at all' }), 'garbage value');
});

t.test('parses only the documented shape', async (t) => {
  t.same(parseCallbackId('timestamp=1;nonce=n;value=dg=='), { timestamp: '1', nonce: 'n', value: 'dg==' });
  t.same(parseCallbackId(' timestamp=1 ; nonce=n ; value=dg== '), { timestamp: '1', nonce: 'n', value: 'dg==' }, 'spaces');
  t.same(parseCallbackId(`timestamp=1;nonce=${'n'.repeat(128)};value=v`)?.nonce.length, 128, 'a nonce of up to 128 characters');
  for (const bad of ['', 'timestamp=1;nonce=n', 'timestamp=1;value=v', 'xtimestamp=1;nonce=n;value=v', 'timestamp=x;nonce=n;value=v', 'timestamp=1;nonce=;value=v',
    'timestamp=1;nonce=n;value=', 'timestamp=1;timestamp=2;nonce=n;value=v', 'timestamp=1;nonce=n;value=v;extra=1',
    'timestamp=1234567890123456;nonce=n;value=v', `timestamp=1;nonce=${'n'.repeat(129)};value=v`]) {
    t.equal(parseCallbackId(bad), undefined, JSON.stringify(bad));
  }
});
