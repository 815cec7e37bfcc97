import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEVICE_TYPES, type DeviceType } from '@harmony-push/shared';

const VERSION = 1;
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

  issue(deviceType: DeviceType): string {
    const body = Buffer.concat([Buffer.from([VERSION, DEVICE_TYPES.indexOf(deviceType)]), randomBytes(RANDOM_BYTES)]);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** The device type of a token this emulator issued, or undefined for any other string. */
  deviceTypeOf(token: string): DeviceType | undefined {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== BODY_BYTES + MAC_BYTES || bytes.toString('base64url') !== token) return undefined;
    const body = bytes.subarray(0, BODY_BYTES);
    if (body[0] !== VERSION || !timingSafeEqual(this.mac(body), bytes.subarray(BODY_BYTES))) return undefined;
    return DEVICE_TYPES[body[1]];
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, MAC_BYTES);
  }
}
