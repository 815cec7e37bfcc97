import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { loggerOptions } from './logging';
import database, { type DatabaseOptions } from './db/plugin';
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/error-handler';
import inputGuard from './plugins/input-guard';
import drain from './plugins/drain';
import openapi from './plugins/openapi';
import auth from './plugins/auth';
import userJwt from './plugins/user-jwt';
import rateLimit from './plugins/rate-limit';
import connectionLimits, { slowClientOptions } from './plugins/connection-limits';
import metrics from './metrics/plugin';
import pushKit, { type PushKitOptions } from './pushkit/plugin';
import tokenRepository from './registry/repository';
import receiptRepository from './receipts/repository';
import receipts from './receipts/plugin';
import receiptRoutes from './receipts/routes';
import sending, { type SendingOptions } from './sending/plugin';
import sendRoutes from './sending/routes';
import maintenance from './maintenance/plugin';
import registryRoutes from './registry/routes';
import healthRoutes from './health/routes';
import auditRepository from './audit/repository';
import auditRecorder from './audit/recorder';
import auditRoutes from './audit/routes';
import adminViews from './admin-views/plugin';
import adminViewRoutes from './admin-views/routes';
import consoleAssets from './console/plugin';
import { MAX_TOKEN_LENGTH } from '@harmony-push/shared';

export interface AppOptions {
  config: Config;
  database: DatabaseOptions;
  pushKit: PushKitOptions;
  sending: SendingOptions;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

/** Tokens travel in paths (DELETE /tokens/:token) and may be up to 4096 characters, percent-encoded. */
const MAX_PARAM_LENGTH = MAX_TOKEN_LENGTH * 3;

/** Builds the service: external plugins, then app plugins, then routes. Does not listen. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.config.logLevel, options.logStream),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrors(MAX_PARAM_LENGTH),
    clientErrorHandler,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ...slowClientOptions(options.config.http)
  }).withTypeProvider<ZodTypeProvider>();
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: other bodies get a clear 415 instead of a confusing validation error.
  app.removeContentTypeParser('text/plain');

  await app.register(errorHandler);
  await app.register(inputGuard);
  await app.register(drain);
  await app.register(connectionLimits, { limits: options.config.http });
  await app.register(openapi);
  await app.register(database, options.database);
  await app.register(auth, { appKeys: options.config.appKeys, adminKeys: options.config.adminKeys });
  await app.register(userJwt, { userJwt: options.config.userJwt });
  await app.register(rateLimit, { perMinute: options.config.rateLimitPerMinute });
  await app.register(metrics);
  await app.register(pushKit, options.pushKit);

  await app.register(tokenRepository);
  await app.register(receiptRepository);
  await app.register(sending, options.sending);
  await app.register(receipts, options.config.receipts);
  await app.register(maintenance, { config: options.config.maintenance, runsJobs: options.sending.workers > 0 });
  await app.register(auditRepository);
  await app.register(auditRecorder);
  await app.register(adminViews, {
    serviceAccountConfigured: options.config.pushKit.serviceAccountFile !== undefined,
    receiptEndpointConfigured: options.config.receipts.credentials !== undefined || options.config.receipts.unsigned
  });

  await app.register(healthRoutes);
  await app.register(registryRoutes);
  await app.register(sendRoutes);
  await app.register(receiptRoutes);
  await app.register(adminViewRoutes);
  await app.register(auditRoutes);
  await app.register(consoleAssets);
  return app;
}
