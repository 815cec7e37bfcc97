import { maskToken, type DeviceType, type RegisteredToken, type TokenStatus, type TokenSummary } from '@harmony-push/shared';

/** A row of `push_tokens`. */
export interface TokenRow {
  id: string;
  token: string;
  device_type: DeviceType;
  os_api_version: number | null;
  app_version: string | null;
  notifications_enabled: boolean | null;
  user_id: string | null;
  status: TokenStatus;
  disabled_reason: string | null;
  disabled_at: Date | null;
  last_delivered_at: Date | null;
  test_device: boolean;
  created_at: Date;
  last_seen_at: Date;
  updated_at: Date;
}

/** What a device may see of its own token: masked, and without the user it is bound to. */
export function toRegistered(row: TokenRow): RegisteredToken {
  const registered: RegisteredToken = {
    id: row.id,
    token: maskToken(row.token),
    deviceType: row.device_type,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    updatedAt: row.updated_at.toISOString()
  };
  if (row.os_api_version !== null) registered.osApiVersion = row.os_api_version;
  if (row.app_version !== null) registered.appVersion = row.app_version;
  if (row.notifications_enabled !== null) registered.notificationsEnabled = row.notifications_enabled;
  if (row.disabled_reason !== null) registered.disabledReason = row.disabled_reason;
  if (row.disabled_at !== null) registered.disabledAt = row.disabled_at.toISOString();
  if (row.last_delivered_at !== null) registered.lastDeliveredAt = row.last_delivered_at.toISOString();
  return registered;
}

/** What an admin sees: the token still masked, its user binding included. */
export function toSummary(row: TokenRow): TokenSummary {
  const summary: TokenSummary = { ...toRegistered(row), testDevice: row.test_device };
  if (row.user_id !== null) summary.userId = row.user_id;
  return summary;
}
