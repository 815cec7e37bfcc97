import t from 'tap';
import { DEVICE_TYPES, DeviceType, PushType } from '@harmony-push/shared';
import { startTestEmulator } from '../helpers/emulator';

t.test('POST /emulator/devices issues a token per device type (phone by default)', async (t) => {
  const emulator = await startTestEmulator(t);
  const res = await emulator.app.inject({ method: 'POST', url: '/emulator/devices', payload: {} });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { token: /^[A-Za-z0-9_-]{40,}$/, deviceType: 'phone' });
  const tokens = new Set<string>();
  for (const deviceType of DEVICE_TYPES) {
    const issued = await emulator.app.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType } });
    t.equal(issued.json().deviceType, deviceType);
    tokens.add(issued.json().token);
  }
  t.equal(tokens.size, DEVICE_TYPES.length, 'every token is new');
  const bad = await emulator.app.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'fridge' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: 'VALIDATION_FAILED', details: [{ path: 'body.deviceType' }] });
});

t.test('GET /emulator/messages lists what a device received, oldest first, token masked', async (t) => {
  const emulator = await startTestEmulator(t);
  const phone = await emulator.device();
  const other = await emulator.device(DeviceType.TABLET);
  for (const extraData of ['one', 'two']) {
    await emulator.send(PushType.BACKGROUND, { payload: { extraData }, target: { token: [phone] } });
  }
  const res = await emulator.app.inject({ method: 'GET', url: '/emulator/messages', query: { token: phone } });
  t.equal(res.statusCode, 200);
  const listing = res.json();
  t.equal(listing.deviceType, 'phone');
  t.not(listing.token, phone);
  t.match(listing.token, /…/);
  t.match(listing.messages, [
    { pushType: 6, payload: { extraData: 'one' }, shown: true, receivedAt: new Date(emulator.clock.ms).toISOString() },
    { pushType: 6, payload: { extraData: 'two' }, shown: true }
  ]);
  t.same(await emulator.messages(other), [], 'nothing for the other device');
});

t.test('an unknown token is 404; no token is 400', async (t) => {
  const emulator = await startTestEmulator(t);
  const unknown = await emulator.app.inject({ method: 'GET', url: '/emulator/messages', query: { token: 'MAAALgE4G98BAAAAst' } });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().error, 'NOT_FOUND');
  t.equal((await emulator.app.inject({ method: 'GET', url: '/emulator/messages' })).statusCode, 400);
});

t.test('memory stays bounded: the latest messages per device, and a global cap', async (t) => {
  const emulator = await startTestEmulator(t, { inbox: { perDevice: 3, total: 5 } });
  const first = await emulator.device();
  const second = await emulator.device();
  const send = (token: string, extraData: string) =>
    emulator.send(PushType.BACKGROUND, { payload: { extraData }, target: { token: [token] } });
  for (const n of [1, 2, 3, 4]) await send(first, `first ${n}`);
  t.same((await emulator.messages(first)).map((m) => m.payload), [{ extraData: 'first 2' }, { extraData: 'first 3' }, { extraData: 'first 4' }]);
  for (const n of [1, 2, 3]) await send(second, `second ${n}`);
  t.same(
    (await emulator.messages(first)).map((m) => m.payload),
    [{ extraData: 'first 3' }, { extraData: 'first 4' }],
    'six messages over a cap of five: the stalest device lost its oldest'
  );
  t.equal((await emulator.messages(second)).length, 3);
});
