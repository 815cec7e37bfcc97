import type { FastifyBaseLogger } from 'fastify';
import { PushKitCode, TokenResultStatus, type ConfigurationProblem, type SendBatch } from '@harmony-push/shared';
import { unsupportedOn } from '../push-types';
import type { Metrics } from '../metrics/plugin';
import { skipped, type TokenOutcome } from '../pushkit/outcomes';
import type { OutgoingMessage, PushKitSender } from '../pushkit/sender';
import { hintFor, kindOf, ReasonKind } from '../pushkit/token-reasons';
import type { TokenRepository } from '../registry/repository';
import type { ResolvedToken } from './targets';
import type { TestMessageQuotaRepository } from './test-message-quota';

/** Answers that count against the test-message quota: requests Push Kit took (TEST_MESSAGES_PER_DAY in spec-choices.ts). */
const TAKEN: readonly string[] = [PushKitCode.SUCCESS, PushKitCode.PARTIAL_SUCCESS];

/** What a dispatch found out, filled in as batches complete: whatever it holds stays true if a later step throws. */
export interface Dispatched {
  /** Per token; every target that got an answer (or was skipped) has one. */
  outcomes: Map<string, TokenOutcome>;
  batches: SendBatch[];
  configurationErrors: ConfigurationProblem[];
}

export const emptyDispatch = (): Dispatched => ({ outcomes: new Map(), batches: [], configurationErrors: [] });

/**
 * Delivers one message to resolved targets, for immediate sends and for each batch of a broadcast alike: skips what
 * a device cannot show, sends through Push Kit, disables the tokens Push Kit calls dead, reports permission
 * problems as configuration errors (logs and metrics too), and counts test messages against the daily quota.
 */
export class Dispatcher {
  constructor(
    private readonly registry: TokenRepository,
    private readonly sender: PushKitSender,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger,
    private readonly testMessages: TestMessageQuotaRepository
  ) {}

  /** Fills `into` as it goes, so a caller that catches a throw still has every outcome known by then. */
  async dispatch(message: OutgoingMessage, targets: ResolvedToken[], into: Dispatched = emptyDispatch()): Promise<Dispatched> {
    const { outcomes } = into;
    const sendable: string[] = [];
    for (const target of targets) {
      const reason = target.deviceType && unsupportedOn(target.deviceType, message.pushType, message.payload);
      if (reason) outcomes.set(target.token, skipped(reason));
      else sendable.push(target.token);
    }

    const configuration = new Map<string, number>();
    try {
      await this.sender.send(message, sendable, async (batchOutcomes, report) => {
        into.batches.push(report);
        const anyAccepted = [...batchOutcomes.values()].some((outcome) => outcome.status === TokenResultStatus.ACCEPTED);
        const dead = new Map<string, string[]>();
        for (const [token, outcome] of batchOutcomes) {
          outcomes.set(token, outcome);
          if (outcome.status !== TokenResultStatus.FAILED) continue;
          const kind = kindOf(outcome.reason, anyAccepted);
          if (kind === ReasonKind.DEAD_TOKEN) dead.set(outcome.reason, [...(dead.get(outcome.reason) ?? []), token]);
          if (kind === ReasonKind.CONFIGURATION) configuration.set(outcome.reason, (configuration.get(outcome.reason) ?? 0) + 1);
        }
        for (const [reason, tokens] of dead) {
          const disabled = await this.registry.disable(tokens, reason);
          this.log.info({ reason, tokens: tokens.length, disabled }, 'dead tokens disabled');
        }
      });
    } finally {
      this.record(message, into, configuration);
      if (message.pushOptions?.testMessage === true) {
        await this.testMessages.record(into.batches.filter((report) => TAKEN.includes(report.code)).length);
      }
    }
    return into;
  }

  private record(message: OutgoingMessage, into: Dispatched, configuration: Map<string, number>): void {
    // Counted per outcome and reason first: one metric update per kind, not per token. Keyed by status, then reason,
    // so that counting a token allocates nothing.
    const counted = new Map<string, Map<string, number>>();
    for (const outcome of into.outcomes.values()) {
      const reason = 'reason' in outcome ? outcome.reason : '';
      let byReason = counted.get(outcome.status);
      if (!byReason) counted.set(outcome.status, (byReason = new Map()));
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    const pushType = String(message.pushType);
    for (const [status, byReason] of counted) {
      for (const [reason, count] of byReason) this.metrics.tokens.inc({ push_type: pushType, outcome: status, reason }, count);
    }
    for (const [reason, tokens] of configuration) {
      const problem = { reason, tokens, hint: hintFor(reason) };
      into.configurationErrors.push(problem);
      this.metrics.configurationErrors.inc({ reason }, tokens);
      this.log.error(problem, 'Push Kit configuration error');
    }
  }
}
