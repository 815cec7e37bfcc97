import type { Config } from '../../config';
import { JWT_RENEW_BEFORE_SECONDS } from '../../pushkit/jwt';
import { fail, ok, skip, warn, type CheckResult } from './check';

export const PUSH_KIT = 'Push Kit';
export const CLOCK = 'clock';

/** Worth fixing at once: NTP keeps clocks within well under a second. */
export const CLOCK_WARN_SECONDS = 60;
/**
 * Past this the server's JWTs break: a JWT is re-signed JWT_RENEW_BEFORE_SECONDS before its `exp`, so a clock that far
 * behind sends JWTs Push Kit already finds expired (80200005), and one that far ahead sends JWTs issued in Push
 * Kit's future. Huawei's push-jwt-token guide: `iat` is the current UTC time and `exp` at most a day after it.
 */
export const CLOCK_FAIL_SECONDS = JWT_RENEW_BEFORE_SECONDS;

const DOCTOR_HTTP_TIMEOUT_MS = 5_000;

/** Where the server sends: Huawei's PUSHKIT_BASE_URL with a key file, else the emulator on this machine's EMULATOR_PORT. */
export function pushKitTarget(config: Config, huawei: boolean): string {
  if (huawei) return config.pushKit.baseUrl.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::'].includes(config.emulator.host) ? '127.0.0.1' : config.emulator.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.emulator.port}`;
}

interface Reply {
  status: number;
  /** The Date header, when given. */
  date?: number;
  /** Milliseconds since the epoch halfway between sending and the answer: when the Date header was most likely made. */
  localMidpoint: number;
  roundTripMs: number;
}

async function probe(url: string): Promise<Reply> {
  const sentAt = Date.now();
  const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(DOCTOR_HTTP_TIMEOUT_MS), redirect: 'manual' });
  await response.arrayBuffer();
  const answeredAt = Date.now();
  const header = response.headers.get('date');
  const date = header === null ? NaN : Date.parse(header);
  return { status: response.status, date: Number.isNaN(date) ? undefined : date, localMidpoint: (sentAt + answeredAt) / 2, roundTripMs: answeredAt - sentAt };
}

function networkReason(error: unknown): string {
  if ((error as Error).name === 'TimeoutError') return `no answer within ${DOCTOR_HTTP_TIMEOUT_MS} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** The clock against the Date of Push Kit's (or the emulator's) answer; a Date has whole seconds, so half a second is noise. */
export function clockResult(reply: Reply, target: string): CheckResult {
  if (reply.date === undefined) return skip(CLOCK, `${target} sent no Date header to compare with`);
  const skewSeconds = Math.round((reply.localMidpoint - (reply.date + 500)) / 1000);
  const how = skewSeconds === 0 ? 'in step with' : `${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'ahead of' : 'behind'}`;
  const message = `this machine's clock is ${how} ${target}'s`;
  const fix = 'Keep the clock in sync with NTP (timedatectl set-ntp true, or chrony): Push Kit JWTs carry iat and exp, checked against Huawei\'s clock (push-jwt-token).';
  if (Math.abs(skewSeconds) >= CLOCK_FAIL_SECONDS) {
    return fail(CLOCK, `${message}: at ${CLOCK_FAIL_SECONDS} s or more, Push Kit finds this server's JWTs expired or not yet valid (80200005)`, fix);
  }
  if (Math.abs(skewSeconds) >= CLOCK_WARN_SECONDS) return warn(CLOCK, `${message} (JWTs break at ${CLOCK_FAIL_SECONDS} s)`, fix);
  return ok(CLOCK, message);
}

/** Whether Push Kit (or the emulator) answers over HTTP, and how far the clocks are apart: one request for both lines. */
export async function checkPushKit(config: Config, huawei: boolean): Promise<CheckResult[]> {
  const target = pushKitTarget(config, huawei);
  let reply: Reply;
  try {
    reply = await probe(target);
  } catch (error) {
    const reason = networkReason(error);
    const unreachable = huawei
      ? fail(PUSH_KIT, `cannot reach PUSHKIT_BASE_URL=${target} (${reason})`, 'The server needs outbound HTTPS to it: check DNS, the firewall and any proxy, or correct PUSHKIT_BASE_URL.')
      : warn(
          PUSH_KIT,
          `the local Push Kit emulator does not answer at ${target} (${reason})`,
          'npm start runs it with the server (on EMULATOR_PORT); alone it runs with npx harmony-push emulator. Without a service account there is nothing else to send to.'
        );
    return [unreachable, skip(CLOCK, 'no answer to compare the clock with')];
  }
  const what = huawei ? `PUSHKIT_BASE_URL=${target}` : `the local Push Kit emulator at ${target}`;
  return [ok(PUSH_KIT, `${what} answers (HTTP ${reply.status} in ${reply.roundTripMs} ms)`), clockResult(reply, target)];
}
