import type { ErrorDetail } from '@harmony-push/shared';
import { textProblem } from './text';

/**
 * How deep a JSON body may nest. Push Kit payloads nest about 6 levels; far deeper input would only overflow the
 * stack of whatever walks it later (validation, JSON.stringify).
 */
export const MAX_JSON_DEPTH = 32;

/** Enough to name the problems of any sensible request; a hostile one is not listed in full. */
const MAX_DETAILS = 20;

/**
 * Every problem of a decoded input that no schema checks: nesting deeper than `maxDepth`, strings (values and keys)
 * that cannot be stored, and `__proto__` keys. Walks iteratively, so depth cannot overflow the stack here either.
 * `root` names the input in the paths (`body`, `querystring`).
 */
export function inspectInput(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const item = stack.pop() as (typeof stack)[number];
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) details.push({ path: item.path, message: problem });
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= maxDepth) {
      details.push({ path: item.path, message: `nests deeper than ${maxDepth} levels` });
      continue;
    }
    for (const [key, child] of Object.entries(item.value)) {
      const keyProblem = key === '__proto__' ? 'must not be "__proto__"' : textProblem(key);
      if (keyProblem) {
        details.push({ path: item.path, message: `keys ${keyProblem}` });
        continue;
      }
      stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
    }
  }
  return details;
}
