import fp from 'fastify-plugin';
import { MAX_TOKENS_PER_REQUEST } from '../push-types';
import { FlowControl } from './flow-control';
import { PushKitJwt } from './jwt';
import { PushKitSender, type RetryPolicy } from './sender';
import type { ServiceAccount } from './service-account';
import { PushKitTransport } from './transport';

export interface PushKitOptions {
  account: ServiceAccount;
  /** Huawei's host, or the emulator's URL. */
  baseUrl: string;
  /** The app's Client ID (PUSHKIT_CLIENT_ID): the path of the revoke API; without it revoke is unavailable. */
  clientId?: string;
  concurrency: number;
  /** The app's QPS threshold in tokens per second; 0: unknown, probed. */
  tokensPerSecond: number;
  timeoutMs: number;
  retry: RetryPolicy;
}

/** What the sender can tell about its set-up, for the console's configuration health. */
export interface PushKitStatus {
  baseUrl: string;
  projectId: string;
  jwtSignings: number;
  lastJwtSigningAt?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    pushKit: PushKitSender;
    pushKitStatus: () => PushKitStatus;
  }
}

/** The Push Kit sender of this process: one JWT, one connection pool and one flow control shared by every send. */
export default fp<PushKitOptions>(
  async (app, options) => {
    const transport = new PushKitTransport({
      baseUrl: options.baseUrl,
      projectId: options.account.projectId,
      // Stryker disable next-line ConditionalExpression: the transport reads clientId: undefined as no Client ID, like its absence
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
      connections: options.concurrency,
      connectTimeoutMs: Math.min(options.timeoutMs, 5000),
      responseTimeoutMs: options.timeoutMs
    });
    const jwt = new PushKitJwt(options.account);
    const flow = new FlowControl({
      maxConcurrency: options.concurrency,
      tokensPerSecond: options.tokensPerSecond,
      burstTokens: MAX_TOKENS_PER_REQUEST,
      basePauseMs: 500,
      maxPauseMs: 30_000
    });
    const observer = {
      answered: (code: string) => app.metrics.pushKitAnswers.inc({ code }),
      retried: (code: string) => app.metrics.retries.inc({ code })
    };
    app.metrics.gauge('harmony_push_flow_tokens_per_second', 'The rate the sender allows itself, in push tokens per second', [], (gauge) =>
      gauge.set(flow.tokensPerSecond)
    );
    app.decorate('pushKit', new PushKitSender(transport, jwt, flow, options.retry, observer));
    app.decorate('pushKitStatus', () => ({
      baseUrl: options.baseUrl,
      projectId: options.account.projectId,
      jwtSignings: jwt.signings,
      lastJwtSigningAt: jwt.lastSignedAt
    }));
    app.metrics.gauge('harmony_push_jwt_signings', 'Push Kit JWTs signed since start', [], (gauge) => gauge.set(jwt.signings));
    app.addHook('onClose', () => transport.close());
  },
  { name: 'pushkit', dependencies: ['metrics'] }
);
