import type { FastifyBaseLogger } from 'fastify';
import type { ConfigurationProblem, SendBatch, SendRequest } from '@harmony-push/shared';
import { unsupportedOn } from '../push-types';
import type { Metrics } from '../metrics/plugin';
import type { PushKitSender, TokenOutcome } from '../pushkit/sender';
import { hintFor, kindOf, ReasonKind } from '../pushkit/token-reasons';
import type { TokenRepository } from '../registry/repository';
import type { ResolvedToken } from './targets';

export type Outcome = TokenOutcome | { status: 'skipped'; reason: string };

export interface Dispatched {
  /** Per token; every target has one. */
  outcomes: Map<string, Outcome>;
  batches: SendBatch[];
  configurationErrors: ConfigurationProblem[];
}

/**
 * Delivers one message to resolved targets, for synchronous sends and for each batch of a broadcast alike: skips
 * what a device cannot show, sends through Push Kit, disables the tokens Push Kit calls dead, and reports
 * permission problems as configuration errors (logs and metrics too).
 */
export class Dispatcher {
  constructor(
    private readonly registry: TokenRepository,
    private readonly sender: PushKitSender,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger
  ) {}

  async dispatch(message: Omit<SendRequest, 'target'>, targets: ResolvedToken[]): Promise<Dispatched> {
    const outcomes = new Map<string, Outcome>();
    const sendable: string[] = [];
    for (const target of targets) {
      const reason = target.deviceType && unsupportedOn(target.deviceType, message.pushType, message.payload);
      if (reason) outcomes.set(target.token, { status: 'skipped', reason });
      else sendable.push(target.token);
    }

    const batches: SendBatch[] = [];
    const configuration = new Map<string, number>();
    await this.sender.send(message, sendable, async (batchOutcomes, report) => {
      batches.push(report);
      const dead = new Map<string, string[]>();
      for (const [token, outcome] of batchOutcomes) {
        outcomes.set(token, outcome);
        if (outcome.status !== 'failed') continue;
        const kind = kindOf(outcome.reason);
        if (kind === ReasonKind.DEAD_TOKEN) dead.set(outcome.reason, [...(dead.get(outcome.reason) ?? []), token]);
        if (kind === ReasonKind.CONFIGURATION) configuration.set(outcome.reason, (configuration.get(outcome.reason) ?? 0) + 1);
      }
      for (const [reason, tokens] of dead) {
        const disabled = await this.registry.disable(tokens, reason);
        this.log.info({ reason, tokens: tokens.length, disabled }, 'dead tokens disabled');
      }
    });

    // Counted per outcome and reason first: one metric update per kind, not per token.
    const tally = new Map<string, number>();
    for (const outcome of outcomes.values()) {
      const key = `${outcome.status}\n${'reason' in outcome ? outcome.reason : ''}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const pushType = String(message.pushType);
    for (const [key, count] of tally) {
      const [status, reason] = key.split('\n');
      this.metrics.tokens.inc({ push_type: pushType, outcome: status, reason }, count);
    }
    const configurationErrors = [...configuration].map(([reason, tokens]) => ({ reason, tokens, hint: hintFor(reason) }));
    for (const problem of configurationErrors) {
      this.metrics.configurationErrors.inc({ reason: problem.reason }, problem.tokens);
      this.log.error({ reason: problem.reason, tokens: problem.tokens, hint: problem.hint }, 'Push Kit configuration error');
    }
    return { outcomes, batches, configurationErrors };
  }
}
