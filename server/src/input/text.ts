/**
 * Strings PostgreSQL cannot store: NUL in `text` and `jsonb`, and lone UTF-16 surrogates, which `jsonb` refuses
 * and which no UTF-8 text can hold. Refused where input enters, so that no query ever fails on them.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain lone surrogates (malformed UTF-16)';
  return undefined;
}
