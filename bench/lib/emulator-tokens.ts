import { DeviceType } from '@harmony-push/shared';
import { emulatorIdentity } from '../../server/src/emulator/app';
import { DeviceTokens } from '../../server/src/emulator/device-tokens';
import type { ServiceAccount } from '../../server/src/pushkit/service-account';

/**
 * Push tokens the emulator started with `account` accepts, issued here as POST /emulator/devices would: they are
 * HMACs under a secret derived from the account, so a million devices need no round trip and no storage.
 */
export function issuePhoneTokens(account: ServiceAccount, count: number): string[] {
  const devices = new DeviceTokens(emulatorIdentity(account).tokenSecret);
  return Array.from({ length: count }, () => devices.issue(DeviceType.PHONE));
}
