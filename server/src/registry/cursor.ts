/** The largest `bigint`, the type of `push_tokens.id`: a larger id in a cursor would fail the query. */
const MAX_ID = 9_223_372_036_854_775_807n;

/** Cursors are opaque to clients: the base64url of the last row's id. */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/** The id a cursor continues after, or undefined when it is not a cursor this API returned. */
export function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,19}$/.test(id) || BigInt(id) > MAX_ID || encodeCursor(id) !== cursor) return undefined;
  return id;
}
