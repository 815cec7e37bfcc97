import {
  PushKitTargetKind,
  type AudienceCount,
  type DeviceDetail,
  type OverviewResponse,
  type SendHistoryPage,
  type SendHistoryQuery,
  type SendState,
  type SendSummary,
  type SendTarget
} from '@harmony-push/shared';
import type { PushKitStatus } from '../pushkit/plugin';
import { summarise, type ReceiptRepository } from '../receipts/repository';
import type { TokenRepository } from '../registry/repository';
import type { SendRepository } from '../sending/send-repository';
import { countTargets } from '../sending/targets';
import { csvLine } from './csv';

/** What the configuration says about where sends go and what reaches the server. */
export interface SetupFacts {
  /** True when PUSHKIT_SERVICE_ACCOUNT names a service account; otherwise sends go to the local emulator. */
  serviceAccountConfigured: boolean;
  receiptEndpointConfigured: boolean;
}

const FUNNEL_DAYS = 30;
const CONFIGURATION_PROBLEMS_SHOWN = 10;
const DEVICE_SENDS_SHOWN = 20;
const EXPORT_PAGE = 500;

const CSV_COLUMNS: (keyof SendSummary | `delivery.${string}`)[] = [
  'sendId', 'createdAt', 'completedAt', 'pushType', 'state', 'audience', 'requested', 'accepted', 'failed', 'skipped',
  'unknown', 'delivery.delivered', 'delivery.notShown', 'delivery.uninstalled', 'delivery.tokenMismatch',
  'delivery.inactive', 'delivery.throttled', 'delivery.other', 'delivery.pending'
];

function csvRow(send: SendSummary): string {
  const { delivery } = send;
  return csvLine([
    send.sendId, send.createdAt, send.completedAt, send.pushType, send.state, send.audience, send.requested, send.accepted,
    send.failed, send.skipped, send.unknown, delivery.delivered, delivery.notShown, delivery.uninstalled,
    delivery.tokenMismatch, delivery.inactive, delivery.throttled, delivery.other, delivery.pending
  ]);
}

/** The admin views the operator console reads: read-only, tokens masked throughout. */
export class AdminViews {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly sends: SendRepository,
    private readonly receipts: ReceiptRepository,
    private readonly pushKitStatus: () => PushKitStatus,
    private readonly setup: SetupFacts
  ) {}

  async overview(): Promise<OverviewResponse> {
    const [devices, last24Hours, last30Days, accepted, results, configurationErrors] = await Promise.all([
      this.tokens.deviceCounts(),
      this.sends.activity(24),
      this.sends.activity(24 * 30),
      this.sends.acceptedByDay(FUNNEL_DAYS),
      this.receipts.resultsByDay(FUNNEL_DAYS),
      this.sends.recentConfigurationProblems(CONFIGURATION_PROBLEMS_SHOWN)
    ]);
    const funnel = accepted.map((day) => ({ ...day, delivery: summarise(day.accepted, results.get(day.day) ?? []) }));
    const status = this.pushKitStatus();
    return {
      devices,
      last24Hours,
      last30Days,
      funnel,
      health: {
        pushKitTarget: this.setup.serviceAccountConfigured ? PushKitTargetKind.HUAWEI : PushKitTargetKind.EMULATOR,
        pushKitBaseUrl: status.baseUrl,
        projectId: status.projectId,
        serviceAccountLoaded: this.setup.serviceAccountConfigured,
        jwtSignings: status.jwtSignings,
        ...(status.lastJwtSigningAt === undefined ? {} : { lastJwtSigningAt: new Date(status.lastJwtSigningAt).toISOString() }),
        configurationErrors,
        receiptEndpointConfigured: this.setup.receiptEndpointConfigured
      }
    };
  }

  async history(query: SendHistoryQuery): Promise<SendHistoryPage> {
    return this.withDeliveries(await this.sends.history({ state: query.state, limit: query.limit, afterSendId: query.cursor }));
  }

  /** The page's delivery summaries, from the receipts received so far. */
  private async withDeliveries(page: SendHistoryPage): Promise<SendHistoryPage> {
    const summaries = await this.receipts.summariesOf(page.items);
    return { ...page, items: page.items.map((send) => ({ ...send, delivery: summaries.get(send.sendId) ?? send.delivery })) };
  }

  /** Every send (of `state`, when given) as CSV lines, newest first, read a page at a time. */
  async *exportCsv(state: SendState | undefined): AsyncGenerator<string> {
    yield csvLine(CSV_COLUMNS);
    for (let afterSendId: string | undefined; ; ) {
      const page = await this.withDeliveries(await this.sends.history({ state, limit: EXPORT_PAGE, afterSendId }));
      yield page.items.map(csvRow).join('');
      if (page.nextCursor === undefined) return;
      afterSendId = page.nextCursor;
    }
  }

  async audienceCount(target: SendTarget): Promise<AudienceCount> {
    return { count: await countTargets(this.tokens, target) };
  }

  async device(id: string): Promise<DeviceDetail | undefined> {
    const found = await this.tokens.byId(id);
    if (!found) return undefined;
    const sends = await this.sends.sendsToToken(found.token, DEVICE_SENDS_SHOWN);
    const deliveries = await this.receipts.deliveriesTo(found.token, sends.map((send) => send.sendId));
    return {
      device: found.summary,
      sends: sends.map((send) => {
        const delivery = deliveries.get(send.sendId);
        return delivery ? { ...send, delivery } : send;
      })
    };
  }
}
