/** Want parameters the system adds itself (caller identity and the like) all start with this. */
const SYSTEM_PREFIX = 'ohos.';

/**
 * The app's own data from a tapped notification (`clickAction.data` of the push message), which
 * arrives mixed with system entries in `want.parameters`. Non-string values are given as JSON.
 */
export function clickDataFrom(parameters: Record<string, Object> | undefined): Record<string, string> {
  const data: Record<string, string> = {};
  if (parameters === undefined) {
    return data;
  }
  Object.keys(parameters).filter((key: string) => !key.startsWith(SYSTEM_PREFIX)).forEach((key: string) => {
    const value = parameters[key];
    data[key] = typeof value === 'string' ? value : JSON.stringify(value);
  });
  return data;
}
