import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric of one app instance, in its own registry (tests run many instances in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'harmony_push_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry]
  });
  readonly sends = new Counter({
    name: 'harmony_push_sends_total',
    help: 'Sends accepted by POST /send, by push-type',
    labelNames: ['push_type'],
    registers: [this.registry]
  });
  readonly tokens = new Counter({
    name: 'harmony_push_send_tokens_total',
    help: 'Tokens of sends by outcome (accepted, failed, skipped, error) and reason',
    labelNames: ['push_type', 'outcome', 'reason'],
    registers: [this.registry]
  });
  readonly pushKitAnswers = new Counter({
    name: 'harmony_push_pushkit_answers_total',
    help: 'Push Kit answers by business code (HTTP_<status> without one, NETWORK_ERROR without an answer)',
    labelNames: ['code'],
    registers: [this.registry]
  });
  readonly retries = new Counter({
    name: 'harmony_push_pushkit_retries_total',
    help: 'Push Kit requests sent again, by the code that caused it',
    labelNames: ['code'],
    registers: [this.registry]
  });
  readonly configurationErrors = new Counter({
    name: 'harmony_push_configuration_errors_total',
    help: 'Tokens refused for a configuration or permission reason (the tokens are kept)',
    labelNames: ['reason'],
    registers: [this.registry]
  });
  readonly receipts = new Counter({
    name: 'harmony_push_receipts_total',
    help: 'Delivery receipt statuses stored, by result code (undocumented codes as "other") and push-type',
    labelNames: ['result', 'push_type'],
    registers: [this.registry]
  });
  readonly receiptsOrphaned = new Counter({
    name: 'harmony_push_receipts_orphaned_total',
    help: 'Delivery receipt statuses that matched no send (stored with no send)',
    registers: [this.registry]
  });

  readonly tokensMarkedStale = new Counter({
    name: 'harmony_push_tokens_marked_stale_total',
    help: 'Active tokens the stale sweep marked stale (not seen for TOKEN_STALE_DAYS)',
    registers: [this.registry]
  });
  readonly tokensExpired = new Counter({
    name: 'harmony_push_tokens_expired_total',
    help: 'Tokens the stale sweep deleted (not seen for TOKEN_EXPIRE_DAYS)',
    registers: [this.registry]
  });
  readonly retentionPruned = new Counter({
    name: 'harmony_push_retention_pruned_total',
    help: 'Records pruned after SEND_RETENTION_DAYS, by kind (sendDetails: sends whose per-token details went; receipts: statuses, counted on their send)',
    labelNames: ['kind'],
    registers: [this.registry]
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'harmony_push_' });
  }

  /** A gauge whose value is read at scrape time. */
  gauge(name: string, help: string, labelNames: string[], read: (gauge: Gauge) => Promise<void> | void): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await read(this);
      }
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** `GET /metrics` in Prometheus text format (admin key: scrape with `authorization: { credentials: <key> }`). */
export default fp(
  async (app) => {
    const metrics = new Metrics();
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      metrics.requestDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unknown', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000
      );
    });

    // Read through the token repository at scrape time (it is registered after this plugin).
    metrics.gauge('harmony_push_registry_tokens', 'Registered tokens by status', ['status'], async (gauge) => {
      const { byStatus } = await app.tokens.census();
      for (const [status, n] of Object.entries(byStatus)) gauge.set({ status }, n);
    });
    metrics.gauge(
      'harmony_push_registry_active_tokens',
      'Active tokens by whether the user allows notifications (unknown: the app did not say)',
      ['notifications_enabled'],
      async (gauge) => {
        const { activeByNotifications } = await app.tokens.census();
        for (const [enabled, n] of Object.entries(activeByNotifications)) gauge.set({ notifications_enabled: enabled }, n);
      }
    );

    app.get('/metrics', { onRequest: app.requireAdminKey, schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['database', 'auth'] }
);
