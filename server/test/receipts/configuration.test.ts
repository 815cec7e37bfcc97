import t from 'tap';
import { startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, watchStatements } from '../helpers/receipts';
import { storedData } from '../helpers/stored-data';
import { tokenOf } from '../helpers/tokens';

t.test('without callback credentials POST /receipts is a 404, signed or not', async (t) => {
  const { app } = await startTestService(t);
  const before = await storedData(app);
  for (const header of [undefined, null]) {
    const res = await postReceipts(app, { statuses: [deliveryStatus(tokenOf('x'), 'r')] }, { header });
    t.equal(res.statusCode, 404, res.body);
    t.same(res.json(), { error: 'NOT_FOUND', message: 'no route for POST /receipts' }, 'as any route that does not exist');
  }
  t.equal((await postReceipts(app, 'not json', { header: null })).statusCode, 404, 'before the body is read');
  t.same(await storedData(app), before, 'nothing stored');
});

t.test('PUSHKIT_RECEIPTS_UNSIGNED=true accepts callbacks without a signature', async (t) => {
  const { app } = await startTestService(t, { PUSHKIT_RECEIPTS_UNSIGNED: 'true' });
  const token = tokenOf('unsigned');
  const res = await postReceipts(app, { statuses: [deliveryStatus(token, 'r')] }, { header: null });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { code: '0', message: 'success' });
  const { rows } = await app.pg.query('SELECT result FROM receipts WHERE token = $1', [token]);
  t.same(rows, [{ result: 0 }]);
  const { rows: nonces } = await app.pg.query('SELECT count(*)::int AS n FROM receipt_nonces');
  t.equal(nonces[0].n, 0, 'no nonce to remember');
});

t.test('unsigned callbacks arriving together share statements, and every one is stored', async (t) => {
  const { app } = await startTestService(t, { PUSHKIT_RECEIPTS_UNSIGNED: 'true' });
  const tokens = Array.from({ length: 12 }, (_, i) => tokenOf(`unsigned-together-${i}`));
  const batches = watchStatements(t, app);

  const answers = await Promise.all(tokens.map((token) => postReceipts(app, { statuses: [deliveryStatus(token, 'r')] }, { header: null })));
  t.same(answers.map((answer) => answer.statusCode), Array(tokens.length).fill(200));
  t.ok(Math.max(...batches) > 1, `some callbacks shared a statement (statements of ${batches.join(', ')})`);
  const { rows } = await app.pg.query<{ token: string }>('SELECT token FROM receipts WHERE token = ANY($1)', [tokens]);
  t.same(new Set(rows.map((row) => row.token)), new Set(tokens), 'each callback stored once');
  t.equal(rows.length, tokens.length);
});
