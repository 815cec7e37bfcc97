import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { HUAWEI_EXAMPLES } from '../helpers/huawei-examples';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function device(emulator: import('fastify').FastifyInstance): Promise<string> {
  return (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token;
}

t.test('an ambiguous failure leaves Live View and VoIP tokens unknown instead of sending them again', async (t) => {
  // Every connection is dropped before the answer: Push Kit may have taken the request.
  const { app, emulator } = await startTestService(t, {}, undefined, { faults: { dropRate: 1 } });
  for (const pushType of [PushType.LIVE_VIEW, PushType.VOIP_CALL]) {
    const token = await device(emulator);
    const payload = HUAWEI_EXAMPLES.find((e) => e.pushType === pushType)?.body.payload;
    const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType, payload, target: { tokens: [token] } } });
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json(), { requested: 1, accepted: 0, failed: 0, skipped: 0, unknown: 1, results: [{ status: 'unknown' }] });
    t.equal(res.json().batches[0].attempts, 1, `push-type ${pushType} was not sent twice`);
  }
  const token = await device(emulator);
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 6, payload: { extraData: 'x' }, target: { tokens: [token] } } });
  t.ok(res.json().batches[0].attempts > 1, 'a background message is retried: the device keeps only the latest');
  t.match(res.json(), { unknown: 1 }, 'and is unknown when no answer ever came');
});

t.test('504 and connection failures before sending are retried for every push-type', async (t) => {
  const { app, emulator } = await startTestService(t, {}, undefined, { faults: { errorRate: 1, errorStatuses: [504] } });
  const token = await device(emulator);
  const payload = HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.LIVE_VIEW)?.body.payload;
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 7, payload, target: { tokens: [token] } } });
  t.ok(res.json().batches[0].attempts > 1, '504 was retried');
  t.match(res.json(), { failed: 1, unknown: 0 }, 'never taken: failed, with the reason');
});
