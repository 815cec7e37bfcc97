import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import type { HttpLimits } from '../config';
import { errors } from '../errors';

/**
 * Node's own bounds on slow clients, as Fastify server options: headers and the whole request must arrive in time
 * (Node answers 408 and closes otherwise), idle keep-alive connections close. Node checks the first two on a timer;
 * its default period (30 s) would let a stalled connection live that much longer.
 */
export function slowClientOptions(limits: HttpLimits): { requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(limits.headersTimeoutMs / 2))
    }
  };
}

/** The raw answer to a connection refused before any HTTP parsing: the usual JSON error body. */
function refusal(limit: number): string {
  const error = errors.tooManyConnections(limit);
  const body = JSON.stringify(error.toBody());
  return [
    `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Retry-After: ${error.retryAfter}`,
    '',
    body
  ].join('\r\n');
}

/**
 * At most `maxConnectionsPerIp` open connections per client address (Node and Fastify only offer a global cap,
 * `server.maxConnections`): one client cannot hold every file descriptor with slow or idle connections. Counted at
 * the TCP level, so it also covers connections that never finish a request. Behind a proxy every client shares the
 * proxy's address: set 0 there and cap at the proxy.
 */
export default fp<{ limits: HttpLimits }>(
  async (app, { limits }) => {
    const limit = limits.maxConnectionsPerIp;
    if (limit === 0) return;
    const open = new Map<string, number>();
    const server: Server = app.server;
    server.on('connection', (socket: Socket) => {
      const address = socket.remoteAddress ?? '';
      const count = (open.get(address) ?? 0) + 1;
      if (count > limit) {
        socket.end(refusal(limit));
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left === 0) open.delete(address);
        else open.set(address, left);
      });
    });
  },
  { name: 'connection-limits' }
);

