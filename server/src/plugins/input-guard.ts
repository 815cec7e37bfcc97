import fp from 'fastify-plugin';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { errors } from '../errors';
import { inspectInput } from '../input/inspect';

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
      if (text === '') return done(errors.validation([{ path: 'body', message: 'a JSON body is required' }]));
      let body: unknown;
      try {
        body = JSON.parse(text as string);
      } catch {
        return done(errors.validation([{ path: 'body', message: 'body is not valid JSON' }]));
      }
      const problems = inspectInput(body, 'body');
      return problems.length > 0 ? done(errors.validation(problems)) : done(null, body);
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
