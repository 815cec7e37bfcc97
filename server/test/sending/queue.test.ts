import t from 'tap';
import { startTestService } from '../helpers/service';

t.test('a queue woken after its jobs committed runs them without waiting for its idle loops to poll again', async (t) => {
  const { app } = await startTestService(t, { SEND_WORKERS: '0' });
  const queue = app.jobQueue;
  const name = 'wake-test';
  await queue.define({ name, retryLimit: 0, expireInSeconds: 60 });
  let handled: (data: { n: number }) => void = () => undefined;
  const ran = new Promise<{ n: number }>((resolve) => (handled = resolve));
  // Its idle loop polls once, finds nothing, then would not ask again for an hour.
  queue.work<{ n: number }>(name, 1, { handle: async (data) => handled(data), gaveUp: async () => undefined }, 3_600_000);
  await new Promise((resolve) => setTimeout(resolve, 500));

  const client = await app.backgroundPool.connect();
  try {
    await queue.enqueue(client, name, [{ n: 1 }]);
  } finally {
    client.release();
  }
  queue.wake(name);
  t.same(await ran, { n: 1 }, 'the job ran');
});
