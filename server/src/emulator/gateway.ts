import type { FastifyReply, FastifyRequest } from 'fastify';
import { PushKitCode } from '@harmony-push/shared';
import { GATEWAY_ERROR_BODIES } from '../pushkit/spec-choices';
import { newRequestId, sendAnswer } from './answers';
import type { PushKitEmulator } from './plugin';

/**
 * The faults in force, as the network and Huawei's gateway would show them to any Push Kit request: latency, a
 * dropped connection, or an error status. True when the request was answered (or dropped) here.
 */
export async function gatewayFault(emulator: PushKitEmulator, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const { faults, sleep, now } = emulator;
  const latency = faults.current.latencyMs;
  if (latency > 0) await sleep(latency);
  const fault = faults.decide();
  if (fault.kind === 'drop') {
    reply.hijack();
    request.raw.socket.destroy();
    return true;
  }
  if (fault.kind !== 'status') return false;
  if (fault.status === 500) sendAnswer(reply, PushKitCode.INNER_ERROR, newRequestId(now()));
  else reply.code(fault.status).type('text/html').send(GATEWAY_ERROR_BODIES[fault.status]);
  return true;
}
