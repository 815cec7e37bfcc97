import { TokenResultStatus } from '@harmony-push/shared';

/** What became of one token of a send: the shared TokenResultStatus, with a reason for all but `accepted`. */
export type TokenOutcome =
  | { status: TokenResultStatus.ACCEPTED }
  | { status: TokenResultStatus.FAILED | TokenResultStatus.SKIPPED | TokenResultStatus.UNKNOWN; reason: string };

/** Shared by every accepted token: a broadcast accepts millions. */
export const ACCEPTED: TokenOutcome = Object.freeze({ status: TokenResultStatus.ACCEPTED });

export const failed = (reason: string): TokenOutcome => ({ status: TokenResultStatus.FAILED, reason });
export const skipped = (reason: string): TokenOutcome => ({ status: TokenResultStatus.SKIPPED, reason });
export const unknown = (reason: string): TokenOutcome => ({ status: TokenResultStatus.UNKNOWN, reason });

/** The counts of a send or a batch: `accepted + failed + skipped + unknown = requested`, always. */
export interface OutcomeCounts {
  requested: number;
  accepted: number;
  failed: number;
  skipped: number;
  unknown: number;
}

/** The one tally, for immediate sends and broadcast batches alike. */
export function tally(outcomes: Iterable<TokenOutcome>): OutcomeCounts {
  const counts: OutcomeCounts = { requested: 0, accepted: 0, failed: 0, skipped: 0, unknown: 0 };
  for (const outcome of outcomes) {
    counts.requested += 1;
    counts[outcome.status] += 1;
  }
  return counts;
}
