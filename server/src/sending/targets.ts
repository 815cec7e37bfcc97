import type { DeviceType, SendTarget } from '@harmony-push/shared';
import type { TokenRepository } from '../registry/repository';

/** Registry pages are read this many tokens at a time. */
const PAGE_SIZE = 1000;

export interface ResolvedToken {
  token: string;
  /** Known when the token is registered; device rules apply only then. */
  deviceType?: DeviceType;
}

/** Tokens a send names directly, with the device types of those registered. */
export async function givenTargets(registry: TokenRepository, tokens: string[]): Promise<ResolvedToken[]> {
  if (tokens.length === 0) return [];
  const deviceTypes = await registry.deviceTypesOf(tokens);
  return tokens.map((token) => ({ token, deviceType: deviceTypes.get(token) }));
}

export const selectsRegistry = (target: SendTarget): boolean =>
  target.all === true || target.userIds !== undefined || target.deviceTypes !== undefined;

/**
 * The distinct tokens a send goes to, in order: the tokens given, then the active tokens the registry selection
 * names (every active token with `all`, narrowed by `userIds` and `deviceTypes` when given).
 */
export async function resolveTargets(registry: TokenRepository, target: SendTarget): Promise<ResolvedToken[]> {
  const resolved = new Map<string, ResolvedToken>();
  for (const given of await givenTargets(registry, [...new Set(target.tokens ?? [])])) resolved.set(given.token, given);
  if (selectsRegistry(target)) {
    const selection = { userIds: target.userIds, deviceTypes: target.deviceTypes };
    for (let afterId = '0'; ; ) {
      const page = await registry.activeTokens(selection, { afterId, limit: PAGE_SIZE });
      for (const row of page) if (!resolved.has(row.token)) resolved.set(row.token, { token: row.token, deviceType: row.deviceType });
      if (page.length < PAGE_SIZE) break;
      afterId = page[page.length - 1].id;
    }
  }
  return [...resolved.values()];
}

/** How many distinct tokens `target` resolves to now (as resolveTargets would resolve them), without reading them. */
export async function countTargets(registry: TokenRepository, target: SendTarget): Promise<number> {
  const given = [...new Set(target.tokens ?? [])];
  if (!selectsRegistry(target)) return given.length;
  return given.length + (await registry.countSelected({ userIds: target.userIds, deviceTypes: target.deviceTypes }, given));
}
