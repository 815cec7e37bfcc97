import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { evenDraws } from '../helpers/pushkit';
import { finished, receivedCounts, seedDevices, sendStatus, startBroadcast, waitFor } from '../helpers/broadcast';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const background = { pushType: PushType.BACKGROUND, payload: { extraData: 'broadcast' } };

t.test('a broadcast streams its audience in batches and records each one', async (t) => {
  const { app, emulator, pushKit } = await startTestService(t, { SEND_WORKERS: '4' }, undefined, {
    inbox: { perDevice: 5, total: 10_000 }
  });
  const tokens = await seedDevices(app, pushKit.account, 3500);
  const sendId = await startBroadcast(app, background);
  const done = await waitFor(app, sendId, finished);
  t.match(done, { state: 'completed', requested: 3500, accepted: 3500, batchesDone: 4, batchesTotal: 4 });
  const { rows } = await app.pg.query('SELECT seq, state, starts, requested FROM send_batches WHERE send_id = $1 ORDER BY seq', [sendId]);
  t.same(rows.map((row) => row.requested), [1000, 1000, 1000, 500]);
  t.ok(rows.every((row) => row.state === 'done' && row.starts === 1), 'each batch started once and is done');
  const counts = await receivedCounts(emulator, tokens);
  t.same([...new Set(counts.values())], [1], 'every device got the message once');
});

t.test('with 20% injected faults the broadcast completes with every token accepted once', async (t) => {
  const { app, emulator, pushKit } = await startTestService(t, { SEND_WORKERS: '4' }, undefined, {
    faults: { errorRate: 0.15, dropRate: 0.05 },
    random: evenDraws(),
    inbox: { perDevice: 5, total: 10_000 }
  });
  const tokens = await seedDevices(app, pushKit.account, 1500);
  // Test messages go 10 tokens a request: 150 requests, so the faults meet many of them.
  const sendId = await startBroadcast(app, { ...background, pushOptions: { testMessage: true } });
  const done = await waitFor(app, sendId, finished);
  t.match(done, { state: 'completed', requested: 1500, accepted: 1500, unknown: 0 });
  const retries = await app.metrics.retries.get();
  const retried = retries.values.reduce((sum, value) => sum + value.value, 0);
  t.ok(retried > 0, `faults were met and retried (${retried} retries)`);
  t.ok(
    retries.values.some((value) => value.labels.code === 'HTTP_503' && value.value > 0),
    '503s were among them (they slow the whole sender)'
  );
  const counts = await receivedCounts(emulator, tokens);
  t.same([...new Set(counts.values())], [1], 'every device got the message exactly once');
});

t.test('cancel: no batch starts after the cancel is acknowledged', async (t) => {
  const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '2' }, undefined, {
    faults: { latencyMs: 40 },
    inbox: { perDevice: 1, total: 1000 }
  });
  await seedDevices(app, pushKit.account, 30_000);
  const sendId = await startBroadcast(app, background);
  await waitFor(app, sendId, (send) => (send.batchesDone as number) >= 2);

  const cancel = await app.inject({ method: 'POST', url: `/sends/${sendId}/cancel`, headers: admin });
  t.equal(cancel.statusCode, 200);
  t.equal(cancel.json().state, 'cancelled');
  const startedAtCancel = await app.pg.query('SELECT seq FROM send_batches WHERE send_id = $1 AND starts > 0 ORDER BY seq', [sendId]);

  // Give the workers time to take (and drop) the remaining batches.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const startedLater = await app.pg.query('SELECT seq FROM send_batches WHERE send_id = $1 AND starts > 0 ORDER BY seq', [sendId]);
  t.same(startedLater.rows, startedAtCancel.rows, 'the batches started are those started before the cancel');
  const after = await sendStatus(app, sendId);
  t.equal(after.state, 'cancelled');
  t.ok(after.batchesDone < 30, `stopped after ${after.batchesDone} of 30 batches`);
  const again = await app.inject({ method: 'POST', url: `/sends/${sendId}/cancel`, headers: admin });
  t.equal(again.json().state, 'cancelled', 'cancelling twice is harmless');
  const unknown = await app.inject({ method: 'POST', url: '/sends/00000000-0000-4000-8000-000000000000/cancel', headers: admin });
  t.equal(unknown.statusCode, 404);
});

t.test('an API-only process queues broadcasts for the workers', async (t) => {
  const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '0' });
  await seedDevices(app, pushKit.account, 1001);
  const sendId = await startBroadcast(app, background);
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  const send = await sendStatus(app, sendId);
  t.match(send, { state: 'queued', batchesDone: 0 }, 'nothing runs without a worker');
});
