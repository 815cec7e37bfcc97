import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { PushType } from '@harmony-push/shared';
import { GATEWAY_ERROR_BODIES } from '../../src/pushkit/spec-choices';
import { PushKitTransport, type TransportOptions } from '../../src/pushkit/transport';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const SUCCESS = JSON.stringify({ code: '80000000', msg: 'Success', requestId: 'req-1' });
const NOW_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

/**
 * A stand-in for Push Kit on a loopback port: `answer` writes each response (the default: 200 with a success body).
 * Closed at teardown, with the transport.
 */
async function pushKitAt(
  t: Test,
  answer: (response: ServerResponse, received: Received) => void = (response) => response.end(SUCCESS),
  options: Partial<TransportOptions> & { path?: string } = {}
) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      received.push(entry);
      answer(response, entry);
    });
  });
  const connections = { count: 0 };
  server.on('connection', () => (connections.count += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { path = '', ...rest } = options;
  const transport = new PushKitTransport({
    baseUrl: `http://127.0.0.1:${port}${path}`,
    projectId: 'project-1',
    connections: 2,
    connectTimeoutMs: 1000,
    responseTimeoutMs: 5000,
    now: () => NOW_MS,
    ...rest
  });
  t.teardown(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { transport, received, connections };
}

/** Answers `status` with `body` and extra headers. */
const answering =
  (status: number, body: string, headers: Record<string, string | string[]> = {}) =>
  (response: ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.statusCode = status;
    response.end(body);
  };

t.test('sends POST /v3/{projectId}/messages:send with the JWT, the push-type and the body as given', async (t) => {
  const { transport, received } = await pushKitAt(t);
  const answer = await transport.send(PushType.VOIP_CALL, 'the.jwt', '{"payload":{}}');
  t.same(answer, { status: 200, body: { code: '80000000', msg: 'Success', requestId: 'req-1' } });
  t.equal(received.length, 1);
  t.match(received[0], {
    method: 'POST',
    url: '/v3/project-1/messages:send',
    headers: { 'content-type': 'application/json; charset=UTF-8', authorization: 'Bearer the.jwt', 'push-type': '10' },
    body: '{"payload":{}}'
  });
});

t.test("the projectId is escaped, and a base URL's path (with or without a trailing slash) is kept", async (t) => {
  const escaped = await pushKitAt(t, undefined, { projectId: 'p/1 x' });
  await escaped.transport.send(PushType.ALERT, 'j', '{}');
  t.equal(escaped.received[0]?.url, '/v3/p%2F1%20x/messages:send');

  for (const path of ['/emulator/', '/emulator']) {
    const behind = await pushKitAt(t, undefined, { path });
    await behind.transport.send(PushType.ALERT, 'j', '{}');
    t.equal(behind.received[0]?.url, '/emulator/v3/project-1/messages:send', `base URL path ${path}`);
  }
});

t.test('revoke: POST /v1/{clientId}/messages:revoke when a Client ID is configured, refused without one', async (t) => {
  const { transport, received } = await pushKitAt(t, undefined, { clientId: 'client/7' });
  t.equal(transport.canRevoke, true);
  await transport.revoke(PushType.ALERT, 'the.jwt', '{"notifyId":1,"token":["a"]}');
  t.match(received[0], {
    method: 'POST',
    url: '/v1/client%2F7/messages:revoke',
    headers: { authorization: 'Bearer the.jwt', 'push-type': '0' },
    body: '{"notifyId":1,"token":["a"]}'
  });

  const without = await pushKitAt(t);
  t.equal(without.transport.canRevoke, false);
  t.throws(() => without.transport.revoke(PushType.ALERT, 'j', '{}'), /no Client ID is configured for revoke/);
  t.equal(without.received.length, 0, 'nothing was sent');
});

t.test('a body that is not Push Kit JSON gives the status alone', async (t) => {
  const bodies = [GATEWAY_ERROR_BODIES[502], 'null', '{"code":80000000,"msg":"numeric code"}', '[]', ''];
  let next = 0;
  const { transport } = await pushKitAt(t, (response) => answering(502, bodies[next++] ?? '')(response));
  for (const body of bodies) t.same(await transport.send(PushType.ALERT, 'j', '{}'), { status: 502 }, JSON.stringify(body));
});

t.test('Push Kit JSON without msg or requestId reads them as empty; other values as text', async (t) => {
  const bodies = ['{"code":"81000001"}', '{"code":"80100000","msg":{"a":1},"requestId":42}'];
  let next = 0;
  const { transport } = await pushKitAt(t, (response) => answering(500, bodies[next++] ?? '')(response));
  t.same(await transport.send(PushType.ALERT, 'j', '{}'), { status: 500, body: { code: '81000001', msg: '', requestId: '' } });
  t.same(await transport.send(PushType.ALERT, 'j', '{}'), { status: 500, body: { code: '80100000', msg: '[object Object]', requestId: '42' } });
});

t.test('Retry-After in seconds or as an HTTP date; nothing when absent or unreadable', async (t) => {
  const cases: [string | string[] | undefined, number | undefined][] = [
    ['120', 120_000],
    ['120  ', 120_000],
    ['0', 0],
    [['3', '7'], 3000],
    [new Date(NOW_MS + 90_000).toUTCString(), 90_000],
    [new Date(NOW_MS - 90_000).toUTCString(), 0],
    [undefined, undefined],
    ['', undefined],
    ['soon', undefined],
    ['5x', undefined],
    ['x5', undefined],
    // Neither delay-seconds (digits only) nor an HTTP-date (RFC 9110, 10.2.3), though V8's Date.parse reads them as dates.
    ['1.5', undefined],
    ['-5', undefined],
    ['2030-01-01T00:00:00Z', undefined]
  ];
  let next = 0;
  const { transport } = await pushKitAt(t, (response) => {
    const header = cases[next++]?.[0];
    answering(503, GATEWAY_ERROR_BODIES[503], header === undefined ? {} : { 'retry-after': header })(response);
  });
  for (const [header, expected] of cases) {
    const answer = await transport.send(PushType.ALERT, 'j', '{}');
    t.same(answer, expected === undefined ? { status: 503 } : { status: 503, retryAfterMs: expected }, `Retry-After: ${JSON.stringify(header)}`);
    t.equal('retryAfterMs' in answer, expected !== undefined, 'the field only with a Retry-After');
  }
});

t.test('no more connections than configured: concurrent requests share them', async (t) => {
  const held: ServerResponse[] = [];
  const { transport, received, connections } = await pushKitAt(t, (response) => held.push(response), { connections: 1 });
  const first = transport.send(PushType.ALERT, 'j', '{"n":1}');
  const second = transport.send(PushType.ALERT, 'j', '{"n":2}');
  while (received.length < 1) await new Promise((resolve) => setImmediate(resolve));
  held[0]?.end(SUCCESS);
  await first;
  while (received.length < 2) await new Promise((resolve) => setImmediate(resolve));
  held[1]?.end(SUCCESS);
  t.equal((await second).status, 200);
  t.same(
    received.map((r) => r.body),
    ['{"n":1}', '{"n":2}'],
    'the second went after the first was answered'
  );
  t.equal(connections.count, 1, 'both over the one connection');
});

t.test('rejects when the answer does not come in time: no headers, or a body that stalls', async (t) => {
  const noHeaders = await pushKitAt(t, () => undefined, { responseTimeoutMs: 100 });
  await t.rejects(noHeaders.transport.send(PushType.ALERT, 'j', '{}'), { code: 'UND_ERR_HEADERS_TIMEOUT' });

  const stalledBody = await pushKitAt(
    t,
    (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"code":');
    },
    { responseTimeoutMs: 100 }
  );
  await t.rejects(stalledBody.transport.send(PushType.ALERT, 'j', '{}'), { code: 'UND_ERR_BODY_TIMEOUT' });
});

t.test('rejects when nothing listens; close() ends the pool', async (t) => {
  const { transport } = await pushKitAt(t);
  await transport.send(PushType.ALERT, 'j', '{}');
  const refused = new PushKitTransport({ baseUrl: 'http://127.0.0.1:1', projectId: 'p', connections: 1, connectTimeoutMs: 1000, responseTimeoutMs: 1000 });
  await t.rejects(refused.send(PushType.ALERT, 'j', '{}'), { code: 'ECONNREFUSED' });
  await refused.close();
  await t.rejects(refused.send(PushType.ALERT, 'j', '{}'), { code: 'UND_ERR_DESTROYED' }, 'closed: refuses new requests');
});
