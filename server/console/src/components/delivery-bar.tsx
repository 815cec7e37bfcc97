import type { DeliverySummary } from '@harmony-push/shared';
import { FUNNEL_STAGES } from '../format';

/** The stages of a send's delivery as one bar, each as wide as its count. */
export function FunnelBar({ delivery }: { delivery: DeliverySummary }) {
  const stages = FUNNEL_STAGES.filter((stage) => delivery[stage.key] > 0);
  return (
    <div class="funnel-bar" role="img" aria-label={stages.map((stage) => `${stage.label} ${delivery[stage.key]}`).join(', ') || 'nothing accepted'}>
      {stages.map((stage) => (
        <span key={stage.key} class={`stage stage-${stage.key}`} style={{ flexGrow: delivery[stage.key] }} />
      ))}
    </div>
  );
}

/** One send's funnel: what was accepted, and what receipts told of it, stage by stage. */
export function DeliveryBar({ accepted, delivery }: { accepted: number; delivery: DeliverySummary }) {
  return (
    <div class="funnel">
      <FunnelBar delivery={delivery} />
      <dl class="inline">
        <dt>Accepted</dt>
        <dd data-testid="accepted">{accepted}</dd>
        {FUNNEL_STAGES.map((stage) => (
          <>
            <dt class={`key key-${stage.key}`}>{stage.label}</dt>
            <dd data-testid={`delivery-${stage.key}`}>{delivery[stage.key]}</dd>
          </>
        ))}
      </dl>
    </div>
  );
}
