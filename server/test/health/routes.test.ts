import t from 'tap';
import { startTestService } from '../helpers/service';

t.test('healthz answers while the process is up', async (t) => {
  const { app } = await startTestService(t);
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'ok' });
});

t.test('readyz answers when the database does', async (t) => {
  const { app } = await startTestService(t);
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'ready' });
});
