import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEVICE_TYPES, type DeviceType } from '@harmony-push/shared';

const VERSION = 1;
/** A token of a device that upgraded to HarmonyOS NEXT without fetching a new one. */
const STALE_VERSION = 2;
const RANDOM_BYTES = 24;
const MAC_BYTES = 16;
/** version, device type, random part. */
const BODY_BYTES = 2 + RANDOM_BYTES;

/**
 * Push tokens of virtual devices: `base64url(version | device type | random | HMAC(secret, the rest))`. Any token can
 * be checked, and its device type read, without storing it, so a million devices cost nothing.
 */
export class DeviceTokens {
  constructor(private readonly secret: Buffer) {}

  issue(deviceType: DeviceType, staleAfterUpgrade = false): string {
    const version = staleAfterUpgrade ? STALE_VERSION : VERSION;
    const body = Buffer.concat([Buffer.from([version, DEVICE_TYPES.indexOf(deviceType)]), randomBytes(RANDOM_BYTES)]);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** The device type of a token this emulator issued, or undefined for any other string. */
  deviceTypeOf(token: string): DeviceType | undefined {
    return this.inspect(token)?.deviceType;
  }

  /** Whether a token of this emulator belongs to a device that upgraded without fetching a new token. */
  isStale(token: string): boolean {
    return this.inspect(token)?.stale === true;
  }

  private inspect(token: string): { deviceType: DeviceType; stale: boolean } | undefined {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== BODY_BYTES + MAC_BYTES || bytes.toString('base64url') !== token) return undefined;
    const body = bytes.subarray(0, BODY_BYTES);
    if (body[0] !== VERSION && body[0] !== STALE_VERSION) return undefined;
    if (!timingSafeEqual(this.mac(body), bytes.subarray(BODY_BYTES))) return undefined;
    return { deviceType: DEVICE_TYPES[body[1]], stale: body[0] === STALE_VERSION };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, MAC_BYTES);
  }
}
