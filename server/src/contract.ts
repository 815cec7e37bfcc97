import type { z } from 'zod';

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameShape<A, B> = Mutual<A, B> extends true ? Mutual<keyof A, keyof B> : false;

/**
 * Ties a zod schema to the shared contract interface it implements: the call stops compiling
 * when the schema's output and the interface drift apart (a field added, dropped or retyped).
 */
export function implementsContract<T>() {
  return <S extends z.ZodType>(schema: SameShape<z.output<S>, T> extends true ? S : never): S => schema;
}

/**
 * The one-way check, for schemas whose output is narrower than the shared interface (a discriminated union
 * implementing an interface whose payload is a union): every value the schema accepts is a valid T.
 */
export function narrowsContract<T>() {
  return <S extends z.ZodType<T>>(schema: S): S => schema;
}
