import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { createTestDatabase } from '../helpers/database';
import { finished, seedDevices, startBroadcast, waitFor } from '../helpers/broadcast';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

t.test('an immediate send left sending by a crash is marked failed at start-up', async (t) => {
  const db = await createTestDatabase();
  t.teardown(() => db.drop());
  const first = await startTestService(t, {}, db);
  const sendId = '00000000-0000-4000-8000-0000000000aa';
  await first.app.pg.query(
    `INSERT INTO sends (id, push_type, state, message, created_at) VALUES ($1, 6, 'sending', '{}', now() - interval '1 hour')`,
    [sendId]
  );
  await first.close();
  const second = await startTestService(t, {}, db);
  const send = (await second.app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();
  t.match(send, { state: 'failed', failureReason: /interrupted/ });
});

t.test('a broadcast pg-boss gives up on is marked failed', async (t) => {
  const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '1', SEND_JOB_RETRIES: '0' });
  await seedDevices(app, pushKit.account, 1001);
  const pageEnds = app.tokens.pageEnds;
  app.tokens.pageEnds = async () => {
    throw new Error('the registry is unavailable');
  };
  t.teardown(() => {
    app.tokens.pageEnds = pageEnds;
  });
  const sendId = await startBroadcast(app, { pushType: PushType.BACKGROUND, payload: { extraData: 'x' } });
  const send = await waitFor(app, sendId, finished, 60);
  t.match(send, { state: 'failed', failureReason: /planning failed: the registry is unavailable/ });
});
