import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document is generated from the same zod schemas that validate requests. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'harmony-push',
          description: 'Token registry and Push Kit v3 sender for HarmonyOS apps.',
          version: '0.1.0'
        },
        components: {
          securitySchemes: {
            appKey: { type: 'apiKey', in: 'header', name: 'X-App-Key' },
            bearer: { type: 'http', scheme: 'bearer', description: 'Admin key, or on device routes the user login JWT' }
          }
        }
      },
      transform: jsonSchemaTransform
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' }
);
