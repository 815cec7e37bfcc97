// Host fake of @kit.PushKit: like a device whose push service cannot be reached. on/off('tokenUpdate') exist
// only from API 18 (@since 5.1.0(18)), as on a device: below that an unguarded call throws a TypeError. They
// check their arguments as Push Kit does (401) and refuse a second registration of a listener (1000900001).
import { businessError } from './business-error';
import { deviceInfo } from './kit-basic-services';
import { UIAbility } from './kit-ability';

const TOKEN_UPDATE_API = 18;
const unreachable = () => Promise.reject(businessError(1000900008, 'Failed to connect to the push service'));
const listeners = new Set<unknown>();

function on(...args: unknown[]): void {
  const [type, ability, callback] = args;
  if (args.length !== 3 || type !== 'tokenUpdate' || !(ability instanceof UIAbility) || typeof callback !== 'function') {
    throw businessError(401, 'Parameter error: on(type: \'tokenUpdate\', ability: Ability, callback: Callback<string>)');
  }
  if (listeners.has(callback)) throw businessError(1000900001, 'System internal error: listener registered twice');
  listeners.add(callback);
}

function off(...args: unknown[]): void {
  const [type, callback] = args;
  if (args.length < 1 || args.length > 2 || type !== 'tokenUpdate' || (args.length === 2 && typeof callback !== 'function')) {
    throw businessError(401, 'Parameter error: off(type: \'tokenUpdate\', callback?: Callback<string>)');
  }
  if (args.length === 2) listeners.delete(callback);
  else listeners.clear();
}

export const pushService = {
  getToken: unreachable,
  deleteToken: unreachable,
  receiveMessage: () => undefined,
  get on() {
    return deviceInfo.sdkApiVersion >= TOKEN_UPDATE_API ? on : undefined;
  },
  get off() {
    return deviceInfo.sdkApiVersion >= TOKEN_UPDATE_API ? off : undefined;
  }
};
