import t from 'tap';
import { startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, receiptEnv } from '../helpers/receipts';
import { tokenOf } from '../helpers/tokens';

/* The V2 receipt body POST /receipts accepts (src/receipts/schemas.ts): what a 400 is, and what is stored as posted. */
const { app } = await startTestService(t, receiptEnv());

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

t.test('a result may be any 32-bit integer, stored as posted; one beyond is a 400', async (t) => {
  const token = tokenOf('int32');
  const res = await postReceipts(app, {
    statuses: [INT32_MIN, INT32_MAX].map((result, i) => deliveryStatus(token, 'r', { result, timestamp: 1_764_000_000_000 + i }))
  });
  t.equal(res.statusCode, 200, res.body);
  const { rows } = await app.pg.query<{ result: number }>('SELECT result FROM receipts WHERE token = $1 ORDER BY result', [token]);
  t.same(rows.map((row) => row.result), [INT32_MIN, INT32_MAX]);

  for (const result of [INT32_MIN - 1, INT32_MAX + 1]) {
    const refused = await postReceipts(app, { statuses: [deliveryStatus(tokenOf('beyond'), 'r', { result })] });
    t.equal(refused.statusCode, 400, `${result}: ${refused.body}`);
    t.same(refused.json().details.map((detail: { path: string }) => detail.path), ['body.statuses.0.deliveryStatus.result']);
  }
});

t.test('a status with both deliveryStatus and formStatus, or neither, is a 400 that says so', async (t) => {
  const status = deliveryStatus(tokenOf('which'), 'r');
  const both = { ...status, formStatus: { formId: 1, result: 0, timestamp: 1_764_000_000_000 } };
  const neither = { ...status, deliveryStatus: undefined };
  for (const [name, body] of Object.entries({ both, neither })) {
    const res = await postReceipts(app, { statuses: [status, body] });
    t.equal(res.statusCode, 400, `${name}: ${res.body}`);
    t.match(
      res.json().details,
      [{ path: 'body.statuses.1.deliveryStatus', message: 'exactly one of deliveryStatus and formStatus is required' }],
      name
    );
  }
});

t.test("a card's formStatus carries any non-negative form id; a negative one is a 400", async (t) => {
  const card = (formId: number) => ({
    ...deliveryStatus(tokenOf('card'), 'r'),
    deliveryStatus: undefined,
    formStatus: { formId, result: 0, timestamp: 1_764_000_000_000 }
  });
  t.equal((await postReceipts(app, { statuses: [card(0), card(42)] })).statusCode, 200);
  const refused = await postReceipts(app, { statuses: [card(-1)] });
  t.equal(refused.statusCode, 400, refused.body);
  t.same(refused.json().details.map((detail: { path: string }) => detail.path), ['body.statuses.0.formStatus.formId']);
});
