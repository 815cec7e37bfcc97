import type { FastifyBaseLogger } from 'fastify';
import type { MaintenanceConfig } from '../config';
import type { Metrics } from '../metrics/plugin';
import type { SweepCounts } from '../registry/lifecycle';
import type { TokenRepository } from '../registry/repository';
import type { SendRepository } from '../sending/send-repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Prunes one kind of record older than `before`; returns how many went. */
export type Pruner = (before: Date) => Promise<number>;

export interface MaintenanceReport {
  tokens: SweepCounts;
  /**
   * Records pruned, by the name of the pruner (`sendDetails`: sends whose per-token details went; `receipts`:
   * statuses, whose counts their send keeps).
   */
  retention: Record<string, number>;
}

export interface MaintenanceLimits {
  /** Tokens each sweep statement looks at. */
  sweepChunkRows: number;
  /** Sends each retention statement prunes. */
  pruneChunkSends: number;
}

/**
 * The scheduled maintenance: the stale sweep of the registry, then retention. It takes `now` as a parameter, so
 * tests move the clock; the job passes the real time. Retention is a list of pruners: the send details are the
 * first, and features with their own records older than SEND_RETENTION_DAYS (receipts) add theirs; they run in the
 * order they were added.
 */
export class Maintenance {
  private readonly pruners = new Map<string, Pruner>();

  constructor(
    private readonly tokens: TokenRepository,
    sends: SendRepository,
    private readonly config: MaintenanceConfig,
    private readonly limits: MaintenanceLimits,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger,
    private readonly keepGoing: () => boolean = () => true
  ) {
    this.addPruner('sendDetails', (before) => sends.pruneDetails(before, limits.pruneChunkSends, keepGoing));
  }

  addPruner(name: string, prune: Pruner): void {
    if (this.pruners.has(name)) throw new Error(`a pruner named ${name} exists already`);
    this.pruners.set(name, prune);
  }

  /**
   * One maintenance run as of `now`. Every pruner runs even when another fails; a failure is logged and then thrown,
   * so the job is retried.
   */
  async run(now: Date): Promise<MaintenanceReport> {
    const daysBefore = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const tokens = await this.tokens.sweep(
      {
        staleBefore: daysBefore(this.config.tokenStaleDays),
        expireBefore: daysBefore(this.config.tokenExpireDays),
        chunkRows: this.limits.sweepChunkRows
      },
      this.keepGoing
    );
    this.metrics.tokensMarkedStale.inc(tokens.markedStale);
    this.metrics.tokensExpired.inc(tokens.deleted);

    const before = daysBefore(this.config.sendRetentionDays);
    const retention: Record<string, number> = {};
    const failed: string[] = [];
    for (const [name, prune] of this.pruners) {
      try {
        retention[name] = await prune(before);
        this.metrics.retentionPruned.inc({ kind: name }, retention[name]);
      } catch (err) {
        failed.push(name);
        this.log.error({ err, pruner: name }, 'retention: a pruner failed');
      }
    }
    const report = { tokens, retention };
    this.log.info({ maintenance: report }, 'maintenance done');
    if (failed.length > 0) throw new Error(`retention: ${failed.join(', ')} failed`);
    return report;
  }
}
