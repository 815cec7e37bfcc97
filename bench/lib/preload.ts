import type { BenchDatabase } from './postgres';

/** Rows per INSERT when the tokens come from here: large enough to be fast, small enough for one message. */
const INSERT_CHUNK = 50_000;

/**
 * `count` made-up tokens in one INSERT ... SELECT generate_series (pg-copy-streams, for COPY, is not a dependency).
 * The tokens are hashes, 133 characters like real ones, so they land all over the unique index as real tokens do.
 */
export async function preloadGeneratedTokens(db: BenchDatabase, count: number): Promise<void> {
  await db.query(
    `INSERT INTO push_tokens (token, device_type, os_api_version, app_version)
     SELECT 'MAAAL' || encode(sha256(('preloaded-a-' || g)::bytea), 'hex') || encode(sha256(('preloaded-b-' || g)::bytea), 'hex'),
            'phone', 12, '1.0.0'
       FROM generate_series(1, $1) AS g`,
    [count]
  );
}

/** Given tokens (emulator-issued ones, which SQL cannot make), in order, by INSERT ... SELECT unnest in chunks. */
export async function insertTokens(db: BenchDatabase, tokens: readonly string[], deviceType: string): Promise<void> {
  for (let start = 0; start < tokens.length; start += INSERT_CHUNK) {
    await db.query(
      `INSERT INTO push_tokens (token, device_type, os_api_version, app_version)
       SELECT token, $2, 12, '1.0.0' FROM unnest($1::text[]) WITH ORDINALITY AS given(token, position) ORDER BY position`,
      [tokens.slice(start, start + INSERT_CHUNK), deviceType]
    );
  }
}

/**
 * `count` more emulator-issued tokens, made and inserted 50,000 at a time, so ten million need no more memory here
 * than fifty thousand.
 */
export async function insertIssuedTokens(db: BenchDatabase, issue: (count: number) => string[], count: number): Promise<void> {
  for (let done = 0; done < count; done += INSERT_CHUNK) {
    await insertTokens(db, issue(Math.min(INSERT_CHUNK, count - done)), 'phone');
  }
}
