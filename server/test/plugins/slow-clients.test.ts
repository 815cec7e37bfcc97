import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { APP_KEY, startTestService } from '../helpers/service';

/*
 * Slow clients (issue 10, part 4): a connection that stalls while sending its request, or idles after its answer, is
 * closed; one address cannot hold more than its share of connections. Small limits here; the defaults are in README.
 */
const LIMITS = {
  HTTP_HEADERS_TIMEOUT_MS: '300',
  HTTP_REQUEST_TIMEOUT_MS: '600',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
  MAX_CONNECTIONS_PER_IP: '5'
};
const service = await startTestService(t, LIMITS);
const url = new URL(await service.listen());

interface Peer {
  socket: net.Socket;
  /** Everything the server wrote. */
  received(): string;
  /** Resolves when the server closed the connection. */
  closed: Promise<unknown>;
}

/** Generous: twenty times the longest limit above. A connection still open by then was never going to be closed. */
const PATIENCE_MS = 20 * 600;
const closedInTime = (peer: Peer): Promise<boolean> =>
  Promise.race([peer.closed.then(() => true), sleep(PATIENCE_MS, false, { ref: false })]);

async function connect(): Promise<Peer> {
  const socket = net.connect(Number(url.port), url.hostname);
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  return { socket, received: () => text, closed };
}

const body = JSON.stringify({ token: 'MAAALgE4G98BAAAAslowclient', deviceType: 'phone' });
const head = (length: number) =>
  `POST /tokens HTTP/1.1\r\nHost: ${url.host}\r\nX-App-Key: ${APP_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

t.test('a client that stalls in the middle of its headers is disconnected', async (t) => {
  const peer = await connect();
  peer.socket.write('POST /tokens HTTP/1.1\r\nHost: x\r\n');
  t.ok(await closedInTime(peer), 'the server closed it');
  t.ok(peer.received() === '' || peer.received().startsWith('HTTP/1.1 408 '), 'with a 408 at most');
});

t.test('a client that stalls in the middle of its body is disconnected', async (t) => {
  const peer = await connect();
  peer.socket.write(head(body.length) + body.slice(0, 10));
  t.ok(await closedInTime(peer), 'the server closed it');
  t.notMatch(peer.received(), /HTTP\/1\.1 2\d\d/, 'nothing was registered from half a body');
});

t.test('an idle keep-alive connection is closed after its answer', async (t) => {
  const peer = await connect();
  peer.socket.write(head(body.length) + body);
  t.ok(await closedInTime(peer), 'the server closed it');
  t.match(peer.received(), /^HTTP\/1\.1 20[01] /, 'the request itself was answered');
});

t.test('one address holds at most MAX_CONNECTIONS_PER_IP connections', async (t) => {
  const held = await Promise.all(Array.from({ length: Number(LIMITS.MAX_CONNECTIONS_PER_IP) }, connect));
  const extra = await connect();
  t.ok(await closedInTime(extra), 'the extra connection is closed');
  t.match(extra.received(), /^HTTP\/1\.1 429 /, 'the extra connection is refused with 429');
  t.match(extra.received(), /"error":"RATE_LIMITED"/, 'and a JSON error body');

  held[0].socket.destroy();
  await held[0].closed;
  // The count drops as soon as a connection closes: a new one is served.
  const next = await connect();
  next.socket.write(head(body.length) + body);
  await next.closed;
  t.match(next.received(), /^HTTP\/1\.1 20[01] /);
  for (const peer of held) peer.socket.destroy();
});
