import fp from 'fastify-plugin';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { errors, type AppError } from '../errors';
import { inspectInput } from '../input/inspect';

/** A JSON request body as the server decodes it, or the 400 it answers (the CLI's --dry-run checks the same way). */
export function parseJsonBody(text: string): { body: unknown } | { error: AppError } {
  if (text === '') return { error: errors.validation([{ path: 'body', message: 'a JSON body is required' }]) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: errors.validation([{ path: 'body', message: 'body is not valid JSON' }]) };
  }
  const problems = inspectInput(body, 'body');
  return problems.length > 0 ? { error: errors.validation(problems) } : { body };
}

/**
 * What no schema can say about any input, checked once where the input is decoded, for every route alike: nesting
 * depth and proto keys of JSON bodies, and strings PostgreSQL cannot store, in bodies, query strings and path
 * parameters. Each problem is a 400 naming its field before a handler runs, so nothing is stored.
 */
export default fp(
  async (app) => {
    // Replaces Fastify's JSON parser (secure-json-parse): its `__proto__` check is one of ours.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
      const parsed = parseJsonBody(text as string);
      return 'error' in parsed ? done(parsed.error) : done(null, parsed.body);
    });

    // JSON bodies were inspected by the parser above; query strings and path parameters are inspected here.
    const compile: FastifySchemaCompiler<unknown> = (route) => {
      const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
      if (route.httpPart !== 'querystring' && route.httpPart !== 'params') return validate;
      return (data) => {
        const problems = inspectInput(data, route.httpPart as string);
        return problems.length > 0 ? { error: errors.validation(problems) } : validate(data);
      };
    };
    app.setValidatorCompiler(compile);
  },
  { name: 'input-guard' }
);
