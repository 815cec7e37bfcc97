// Host fake of @kit.TestKit: the ability delegator and arguments the host runner provides.
export interface HostDelegator {
  getAppContext(): object;
}

export const hostContext = { filesDir: '/data/storage/el2/base/haps/entry/files' };

let delegator: HostDelegator | undefined;
let args: object | undefined;

export function installDelegator(hostDelegator: HostDelegator, hostArgs: object): void {
  delegator = hostDelegator;
  args = hostArgs;
}

export const abilityDelegatorRegistry = {
  getAbilityDelegator: () => {
    if (!delegator) throw new Error('the host runner installs the delegator before the suites start');
    return delegator;
  },
  getArguments: () => args
};
