import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import t, { type Test } from 'tap';
import { PushType, type ReceiptCallback } from '@harmony-push/shared';
import { httpReceiptPost } from '../../src/emulator/receipts';
import { CALLBACK_ID_HEADER, parseCallbackId, signatureMatches } from '../../src/receipts/signature';
import { startTestEmulator } from '../helpers/emulator';

const CREDENTIALS = { userName: 'receipt-user', secret: Buffer.from('a receipt secret of 32 bytes!!!!').toString('base64') };

interface Received {
  headers: IncomingMessage['headers'];
  body: ReceiptCallback;
}

/** A receipt URL on a loopback port; `answer` picks each request's status. */
async function callbackServer(t: Test, answer: (index: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceiptCallback });
      const status = answer(received.length - 1);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status === 200 ? '0' : '1', message: 'success' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/receipts`, received };
}

const background = (token: string[]) => ({ payload: { extraData: 'x' }, target: { token } });

t.test('receipts arrive after the delay, batched by at most 100, each callback signed as Huawei signs it', async (t) => {
  const sink = await callbackServer(t);
  const emulator = await startTestEmulator(t, {
    // Long enough that both sends are queued before it passes, however loaded the machine.
    receipts: { post: httpReceiptPost(sink.url), credentials: CREDENTIALS, delayMs: 2000 }
  });
  const devices = await Promise.all(Array.from({ length: 250 }, () => emulator.device()));
  const first = await emulator.send(PushType.BACKGROUND, background(devices.slice(0, 30)));
  const second = await emulator.send(PushType.BACKGROUND, background(devices.slice(30)));
  t.equal(sink.received.length, 0, 'nothing yet: receipts wait for the delay');
  await emulator.app.pushKitEmulator.receipts!.settled();

  t.same(sink.received.map((callback) => callback.body.statuses.length), [100, 100, 50], 'both requests in batches of at most 100');
  const statuses = sink.received.flatMap((callback) => callback.body.statuses);
  t.same(statuses.map((status) => status.token), devices, 'every token once, in order');
  t.equal(statuses.filter((status) => status.requestId === first.body.requestId).length, 30);
  t.equal(statuses.filter((status) => status.requestId === second.body.requestId).length, 220);
  for (const callback of sink.received) {
    t.equal(callback.headers['content-type'], 'application/json');
    const id = parseCallbackId(String(callback.headers[CALLBACK_ID_HEADER]));
    t.ok(id && signatureMatches(CREDENTIALS, id), 'signed');
    t.ok(id && !signatureMatches({ ...CREDENTIALS, userName: 'someone else' }, id), 'for this user name');
    t.equal(id?.timestamp, String(emulator.clock.ms));
    t.match(id?.nonce, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  t.equal(new Set(sink.received.map((callback) => parseCallbackId(String(callback.headers[CALLBACK_ID_HEADER]))?.nonce)).size, 3, 'a nonce per callback');
  const stats = await emulator.app.inject({ method: 'GET', url: '/emulator/receipts' });
  t.same(stats.json(), { queued: 0, delivered: 250, failed: 0, dropped: 0 });
});

t.test('without credentials, callbacks carry no signature (as Huawei, when none is configured)', async (t) => {
  const sink = await callbackServer(t);
  const emulator = await startTestEmulator(t, { receipts: { post: httpReceiptPost(sink.url), delayMs: 0 } });
  await emulator.send(PushType.BACKGROUND, background([await emulator.device()]));
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.equal(sink.received.length, 1);
  t.equal(sink.received[0]!.headers[CALLBACK_ID_HEADER], undefined);
});

t.test('a failing callback is retried a bounded number of times, then given up and logged', async (t) => {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    }
  });
  const failing = await callbackServer(t, () => 500);
  const emulator = await startTestEmulator(t, {
    logLevel: 'warn',
    logStream,
    receipts: { post: httpReceiptPost(failing.url), credentials: CREDENTIALS, delayMs: 0, attempts: 3, retryDelayMs: 5 }
  });
  const token = await emulator.device();
  await emulator.send(PushType.BACKGROUND, background([token]));
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.equal(failing.received.length, 3, 'three attempts');
  const nonces = failing.received.map((callback) => parseCallbackId(String(callback.headers[CALLBACK_ID_HEADER]))?.nonce);
  t.equal(new Set(nonces).size, 3, 'each attempt signed afresh: a receiver that refuses replayed nonces takes a retry');
  t.same((await emulator.app.inject({ method: 'GET', url: '/emulator/receipts' })).json(), { queued: 0, delivered: 0, failed: 1, dropped: 0 });
  const logged = lines.join('');
  t.match(logged, /receipts not delivered/);
  t.match(logged, /"status":500/);
  t.notMatch(logged, token, 'no token in the logs');

  const flaky = await callbackServer(t, (index) => (index === 0 ? 503 : 200));
  const recovering = await startTestEmulator(t, {
    logLevel: 'silent',
    receipts: { post: httpReceiptPost(flaky.url), delayMs: 0, attempts: 3, retryDelayMs: 5 }
  });
  await recovering.send(PushType.BACKGROUND, background([await recovering.device()]));
  await recovering.app.pushKitEmulator.receipts!.settled();
  t.equal(flaky.received.length, 2, 'the retry went through');
  t.same((await recovering.app.inject({ method: 'GET', url: '/emulator/receipts' })).json(), { queued: 0, delivered: 1, failed: 0, dropped: 0 });
});

t.test('an unreachable callback URL cannot grow memory: receipts past the bound are dropped and counted', async (t) => {
  const dead = await callbackServer(t);
  const url = dead.url.replace(/:\d+\//, ':1/');
  const emulator = await startTestEmulator(t, {
    logLevel: 'silent',
    receipts: { post: httpReceiptPost(url), delayMs: 20, attempts: 2, retryDelayMs: 5, maxQueued: 150 }
  });
  const devices = await Promise.all(Array.from({ length: 400 }, () => emulator.device()));
  await emulator.send(PushType.BACKGROUND, background(devices));
  t.equal((await emulator.app.inject({ method: 'GET', url: '/emulator/receipts' })).json().dropped, 250);
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.same((await emulator.app.inject({ method: 'GET', url: '/emulator/receipts' })).json(), { queued: 0, delivered: 0, failed: 150, dropped: 250 });
});

t.test('closing the emulator stops its receipts: nothing is posted afterwards', async (t) => {
  const sink = await callbackServer(t);
  // Closing clears the delay's timer: a long one only makes sure the close comes first.
  const emulator = await startTestEmulator(t, { receipts: { post: httpReceiptPost(sink.url), delayMs: 60_000 } });
  await emulator.send(PushType.BACKGROUND, background([await emulator.device()]));
  await emulator.app.close();
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.equal(sink.received.length, 0);
});
