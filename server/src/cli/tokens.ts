import { Command, Option } from 'commander';
import { DEVICE_TYPES, TokenStatus, type DeviceType, type TokenListQuery, type TokenSummary } from '@harmony-push/shared';
import { action } from './context';
import { usageError, type ExitCode } from './exit-codes';
import { printTokens } from './format';
import type { CliIo } from './io';

interface TokensLsFlags {
  status?: TokenStatus;
  deviceType?: DeviceType;
  user?: string;
  notifications?: 'on' | 'off';
  limit?: number;
  cursor?: string;
  allPages?: boolean;
}

/** GET /tokens answers at most this many a page. */
const MAX_PAGE = 500;

function pageSize(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > MAX_PAGE) throw usageError(`--limit must be a whole number from 1 to ${MAX_PAGE}: ${value}`);
  return number;
}

/** The query of `GET /tokens` (TokenListQuery), from the flags. */
export function tokenQuery(flags: TokensLsFlags): TokenListQuery {
  return {
    ...(flags.status ? { status: flags.status } : {}),
    ...(flags.deviceType ? { deviceType: flags.deviceType } : {}),
    ...(flags.user ? { userId: flags.user } : {}),
    ...(flags.notifications ? { notificationsEnabled: flags.notifications === 'on' } : {}),
    ...(flags.cursor ? { cursor: flags.cursor } : {}),
    ...(flags.limit ?? flags.allPages ? { limit: flags.limit ?? MAX_PAGE } : {})
  };
}

/** `tokens ls`: registered tokens, filtered as GET /tokens filters them, a page at a time or all pages. */
export function tokensCommand(io: CliIo, exit: { code: ExitCode }): Command {
  const tokens = new Command('tokens').description('the token registry');
  tokens
    .command('ls')
    .description('list registered tokens (GET /tokens); tokens are shown masked')
    .addOption(new Option('--status <status>', 'only tokens in this state').choices(Object.values(TokenStatus)))
    .addOption(new Option('--device-type <type>', 'only tokens of this device type').choices(DEVICE_TYPES))
    .option('--user <userId>', 'only tokens bound to this user id')
    .addOption(new Option('--notifications <on|off>', 'only tokens whose device reported notifications on (or off)').choices(['on', 'off']))
    .option('--limit <n>', `tokens per page, 1 to ${MAX_PAGE} (the server's default: 100)`, pageSize)
    .option('--cursor <cursor>', 'the page after this cursor (printed under the previous page)')
    .option('--all-pages', 'follow the cursor to the last page')
    .action(
      action<TokensLsFlags, []>(io, exit, async ({ flags, out, client }) => {
        const api = await client();
        const query = tokenQuery(flags);
        const items: TokenSummary[] = [];
        let page = await api.listTokens(query);
        items.push(...page.items);
        while (flags.allPages && page.nextCursor) {
          page = await api.listTokens({ ...query, cursor: page.nextCursor });
          items.push(...page.items);
        }
        const nextCursor = flags.allPages ? undefined : page.nextCursor;
        out.data({ items, ...(nextCursor ? { nextCursor } : {}) });
        printTokens(out, items);
        out.line(nextCursor ? `${items.length} tokens; next page: --cursor ${nextCursor}` : `${items.length} tokens`);
      })
    );
  return tokens;
}
