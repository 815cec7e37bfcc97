const VISIBLE_HEAD = 6;
const VISIBLE_TAIL = 4;

/**
 * Shortens a push token or secret to something safe to log or show:
 * enough to tell tokens apart, never enough to use one.
 */
export function maskToken(token: string): string {
  if (token.length <= VISIBLE_HEAD + VISIBLE_TAIL + 4) {
    return '*'.repeat(Math.min(token.length, 8));
  }
  return token.substring(0, VISIBLE_HEAD) + '…' + token.substring(token.length - VISIBLE_TAIL) +
    ' (' + token.length.toString() + ')';
}
