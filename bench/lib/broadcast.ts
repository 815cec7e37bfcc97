import { setTimeout as sleep } from 'node:timers/promises';
import type { HarmonyPush } from './services';

/** What GET /sends/:id reports (the fields the benchmark reads). */
export interface SendProgress {
  sendId: string;
  state: string;
  requested: number;
  accepted: number;
  failed: number;
  skipped: number;
  unknown: number;
  batchesDone?: number;
  createdAt: string;
  completedAt?: string;
}

export interface BroadcastOutcome {
  /** 202 for a broadcast job, 200 for a send answered synchronously. */
  status: number;
  final: SendProgress;
  /** From POST /send to the final state seen (polling every POLL_MS). */
  seconds: number;
}

const FINAL_STATES = new Set(['completed', 'cancelled', 'failed']);
const POLL_MS = 250;

export const BROADCAST = { pushType: 6, payload: { extraData: 'bench' }, target: { all: true } };

/** The counts only: a job's GET /sends/:id also lists every batch report. */
function progressOf(json: unknown): SendProgress {
  const send = json as SendProgress;
  const { sendId, state, requested, accepted, failed, skipped, unknown, batchesDone, createdAt, completedAt } = send;
  return { sendId, state, requested, accepted, failed, skipped, unknown, batchesDone, createdAt, completedAt };
}

async function admin(server: HarmonyPush, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${server.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return { status: response.status, json: JSON.parse(text) };
}

/**
 * A background message to every registered token, started with POST /send. A large audience is answered 202 and
 * runs as a job, polled at GET /sends/:id until its state is final; a synchronous send's 200 is final already.
 * A broadcast still running after `timeoutMs` is cancelled.
 */
export async function broadcastToAll(server: HarmonyPush, timeoutMs: number): Promise<BroadcastOutcome> {
  const started = performance.now();
  const answer = await admin(server, 'POST', '/send', BROADCAST);
  let progress = progressOf(answer.json);
  const deadline = started + timeoutMs;
  while (!FINAL_STATES.has(progress.state)) {
    if (performance.now() > deadline) {
      await admin(server, 'POST', `/sends/${progress.sendId}/cancel`).catch(() => undefined);
      throw new Error(`the broadcast was still ${progress.state} after ${timeoutMs / 1000} s (${progress.batchesDone} batches done)`);
    }
    await Promise.race([sleep(POLL_MS), server.process.unexpectedExit]);
    progress = progressOf((await admin(server, 'GET', `/sends/${progress.sendId}`)).json);
  }
  return { status: answer.status, final: progress, seconds: (performance.now() - started) / 1000 };
}

/** Push Kit answers the server counted, by code (its Prometheus counter harmony_push_pushkit_answers_total). */
export async function pushKitAnswers(server: HarmonyPush): Promise<Record<string, number>> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.adminKey}` } });
  const counts: Record<string, number> = {};
  for (const match of (await response.text()).matchAll(/^harmony_push_pushkit_answers_total\{code="([^"]+)"\} (\d+)/gm)) {
    counts[match[1]] = Number(match[2]);
  }
  return counts;
}
