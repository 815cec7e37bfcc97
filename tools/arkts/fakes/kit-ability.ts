// Host fake of @kit.AbilityKit: abilities get the host application context; the bundle reports the
// versionName the runner read from AppScope/app.json5.
import { hostContext } from './kit-test';

export class UIAbility {
  context = hostContext;
}

let versionName = '';

export function setHostBundle(bundleVersionName: string): void {
  versionName = bundleVersionName;
}

export const bundleManager = {
  BundleFlag: { GET_BUNDLE_INFO_DEFAULT: 0 },
  getBundleInfoForSelf: async (bundleFlags: number) => ({ versionName })
};
