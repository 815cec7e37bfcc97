import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { round } from './report';

export const CONNECTIONS = 100;
export const MEASURED_SECONDS = 10;
/** Lets the JIT and the connection pools settle before the measured run. */
export const WARM_UP_SECONDS = 3;

/** A registration as README shows it, with a fresh random 133-character token (the length of real ones). */
export function registrationBody(): string {
  const token = `MAAAL${randomBytes(96).toString('base64url')}`;
  return `{"token":"${token}","deviceType":"phone","osApiVersion":12,"appVersion":"1.0.0"}`;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

async function hammer(url: string, headers: Record<string, string>, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    // Every request carries its own token: each one is a registration, never a refresh of a known token.
    requests: [
      {
        method: 'POST',
        path: '/tokens',
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (request) => ({ ...request, body: registrationBody() })
      }
    ]
  });
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
    errors: result.errors,
    timeouts: result.timeouts
  };
}

/** A warm-up, then the measured run of `POST /tokens` at `url`. */
export async function measureRegistrations(
  url: string,
  headers: Record<string, string> = {}
): Promise<{ warmUp: LoadFigures; measured: LoadFigures }> {
  const warmUp = await hammer(url, headers, WARM_UP_SECONDS);
  return { warmUp, measured: await hammer(url, headers, MEASURED_SECONDS) };
}

export const describeLoad = (figures: LoadFigures): string =>
  `${figures.requestsPerSecond} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms ` +
  `(${figures.requests} requests, status ${JSON.stringify(figures.statusCodes)}, ${figures.errors} errors, ${figures.timeouts} timeouts)`;
