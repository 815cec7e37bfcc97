// Host fake of @kit.PushKit: like a device whose push service cannot be reached.
import { businessError } from './business-error';

const unreachable = () => Promise.reject(businessError(1000900008, 'Failed to connect to the push service'));

export const pushService = {
  getToken: unreachable,
  deleteToken: unreachable,
  receiveMessage: () => undefined,
  on: () => undefined,
  off: () => undefined
};
