import { PushType, type DeviceType, type SendTarget } from '@harmony-push/shared';
import type { Selection } from '../registry/audience';
import type { TokenRepository } from '../registry/repository';
import type { BatchRange } from './send-repository';

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
  target.all === true || target.userIds !== undefined || target.deviceTypes !== undefined || target.testDevices === true;

/**
 * The registry selection of a send: the active tokens of `userIds` and `deviceTypes` (every one with `all`), stale
 * and inactive ones too with `includeStale`, only the test devices with `testDevices`. An alert leaves out the tokens
 * whose notifications are off unless `includeNotificationsOff`: Push Kit would not show it there (receipt 6). Other
 * push types are not notifications.
 */
export function selectionOf(target: SendTarget, pushType: PushType): Selection {
  return {
    userIds: target.userIds,
    deviceTypes: target.deviceTypes,
    testDevices: target.testDevices,
    includeStale: target.includeStale === true,
    withNotificationsOnly: pushType === PushType.ALERT && target.includeNotificationsOff !== true
  };
}

/** The distinct tokens a send goes to, in order: the tokens given, then those of the registry selection. */
export async function resolveTargets(registry: TokenRepository, target: SendTarget, pushType: PushType): Promise<ResolvedToken[]> {
  const resolved = new Map<string, ResolvedToken>();
  for (const given of await givenTargets(registry, [...new Set(target.tokens ?? [])])) resolved.set(given.token, given);
  if (selectsRegistry(target)) {
    const selection = selectionOf(target, pushType);
    for (let afterId = '0'; ; ) {
      const page = await registry.selectedTokens(selection, { afterId, limit: PAGE_SIZE });
      for (const row of page) if (!resolved.has(row.token)) resolved.set(row.token, { token: row.token, deviceType: row.deviceType });
      if (page.length < PAGE_SIZE) break;
      afterId = page[page.length - 1].id;
    }
  }
  return [...resolved.values()];
}

/** The tokens of one broadcast batch: its given tokens, or the active tokens of its registry range. */
export function batchTargets(registry: TokenRepository, target: SendTarget, pushType: PushType, range: BatchRange): Promise<ResolvedToken[]> {
  if (range.kind === 'tokens') return givenTargets(registry, range.tokens);
  return registry.selectedTokens(selectionOf(target, pushType), { afterId: range.afterId, throughId: range.lastId, excluding: target.tokens });
}

/**
 * How many distinct tokens `target` resolves to now, as resolveTargets would resolve them, without reading them. The
 * count is the audience before the alert-only notifications filter, which depends on the push-type.
 */
export async function countTargets(registry: TokenRepository, target: SendTarget): Promise<number> {
  const given = [...new Set(target.tokens ?? [])];
  if (!selectsRegistry(target)) return given.length;
  return given.length + (await registry.countAudience(selectionOf(target, PushType.BACKGROUND), given));
}
