import { PushType, type DeliverySummary, type TokenDelivery } from '@harmony-push/shared';

export const PUSH_TYPE_NAMES: Record<PushType, string> = {
  [PushType.ALERT]: 'Alert',
  [PushType.FORM_UPDATE]: 'Card update',
  [PushType.EXTENSION]: 'Extension',
  [PushType.BACKGROUND]: 'Background',
  [PushType.LIVE_VIEW]: 'Live View',
  [PushType.VOIP_CALL]: 'VoIP call'
};

export const pushTypeName = (pushType: PushType): string => `${PUSH_TYPE_NAMES[pushType] ?? 'push-type'} (${pushType})`;

/** A time as the reader's locale shows it. */
export const when = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

/** The funnel stages a delivery summary counts, in the order a message goes through them. */
export const FUNNEL_STAGES: { key: keyof Omit<DeliverySummary, 'byResult'>; label: string }[] = [
  { key: 'delivered', label: 'Delivered' },
  { key: 'notShown', label: 'Not shown' },
  { key: 'uninstalled', label: 'Uninstalled' },
  { key: 'tokenMismatch', label: 'Token mismatch' },
  { key: 'inactive', label: 'Inactive' },
  { key: 'throttled', label: 'Throttled' },
  { key: 'other', label: 'Other' },
  { key: 'pending', label: 'No receipt yet' }
];

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A token's receipt, or that none came yet. */
export const deliveryText = (delivery: TokenDelivery | undefined): string =>
  delivery ? `${delivery.result}: ${delivery.meaning} (${when(delivery.at)})` : 'no receipt yet';
