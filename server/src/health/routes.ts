import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, healthStatus } from '../http-schemas';
import { errors } from '../errors';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: healthStatus } } },
    async () => ({ status: 'ok' })
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers',
        response: { 200: healthStatus, 503: errorBody }
      }
    },
    async () => {
      try {
        await app.pg.query('SELECT 1');
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check failed');
        throw errors.databaseUnavailable();
      }
      return { status: 'ready' };
    }
  );
};

export default routes;
