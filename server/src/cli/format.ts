import { type RevokeResponse, type SendResponse, type TokenSummary } from '@harmony-push/shared';
import type { Output } from './io';
import { pushTypeName } from './send-request';

/** Per-token results printed before "(N more: use --json)". */
const RESULTS_SHOWN = 20;

const counts = (entries: [string, number][]): string => entries.map(([name, value]) => `${name} ${value}`).join(', ');

/** A send as people read it: state, counts, delivery, then what needs attention. Tokens come masked from the server. */
export function printSend(out: Output, send: SendResponse): void {
  out.line(`send ${send.sendId}: ${pushTypeName(send.pushType)}, ${send.state}${send.failureReason ? ` (${send.failureReason})` : ''}`);
  out.line(
    `  tokens: ${counts([['requested', send.requested], ['accepted', send.accepted], ['failed', send.failed], ['skipped', send.skipped], ['unknown', send.unknown]])}; batches ${send.batchesDone}/${send.batchesTotal}`
  );
  const d = send.delivery;
  out.line(
    `  delivery: ${counts([['delivered', d.delivered], ['not shown', d.notShown], ['uninstalled', d.uninstalled], ['token mismatch', d.tokenMismatch], ['inactive', d.inactive], ['throttled', d.throttled], ['other', d.other], ['pending', d.pending]])}`
  );
  if (send.notifyId !== undefined) out.line(`  notifyId: ${send.notifyId}`);
  if (send.testMessages) out.line(`  test messages on ${send.testMessages.day}: ${send.testMessages.used} of ${send.testMessages.limit}`);
  for (const problem of send.configurationErrors) out.line(`  configuration error: ${problem.reason} (${problem.tokens} tokens): ${problem.hint}`);
  for (const warning of send.warnings) out.line(`  warning: ${warning.path}: ${warning.message}`);
  for (const result of send.results.slice(0, RESULTS_SHOWN)) {
    const delivery = result.delivery ? `; receipt ${result.delivery.result}: ${result.delivery.meaning}` : '';
    out.line(`  ${result.token}  ${result.status}${result.reason ? ` (${result.reason})` : ''}${delivery}`);
  }
  if (send.results.length > RESULTS_SHOWN) out.line(`  (${send.results.length - RESULTS_SHOWN} more results: use --json)`);
  if (send.detailsPrunedAt) {
    out.line(
      `  per-token results, batch reports and receipts pruned on ${send.detailsPrunedAt} (SEND_RETENTION_DAYS after it completed); the counts above are kept`
    );
  }
  out.line(`  created ${send.createdAt}${send.completedAt ? `, completed ${send.completedAt}` : ''}`);
}

export function printRevoke(out: Output, revoke: RevokeResponse): void {
  out.line(`send ${revoke.sendId}: notifyId ${revoke.notifyId} revoked on ${revoke.revoked} tokens, ${revoke.failed} failed`);
  for (const batch of revoke.batches) out.line(`  batch ${batch.requestId}: ${batch.tokens} tokens, Push Kit ${batch.code} ${batch.msg}`);
}

const COLUMNS: [string, (token: TokenSummary) => string][] = [
  ['TOKEN', (token) => token.token],
  ['DEVICE', (token) => token.deviceType],
  ['STATUS', (token) => token.status + (token.disabledReason ? ` (${token.disabledReason})` : '')],
  ['NOTIFICATIONS', (token) => (token.notificationsEnabled === undefined ? '?' : token.notificationsEnabled ? 'on' : 'off')],
  ['USER', (token) => token.userId ?? '-'],
  ['TEST', (token) => (token.testDevice ? 'yes' : '')],
  ['LAST SEEN', (token) => token.lastSeenAt]
];

/** Registered tokens as a table (tokens come masked from the server). */
export function printTokens(out: Output, tokens: TokenSummary[]): void {
  const rows = [COLUMNS.map(([title]) => title), ...tokens.map((token) => COLUMNS.map(([, cell]) => cell(token)))];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) out.line(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}
