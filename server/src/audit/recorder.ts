import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { AuditAction } from '@harmony-push/shared';

/** How a route is audited: the action, and what it acted on, from the request and the answer's body. */
export interface AuditedRoute {
  action: AuditAction;
  subject: (request: FastifyRequest, answer: unknown) => string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every admin route that changes something or takes data out: its 2xx answers are audited. */
    audit?: AuditedRoute;
  }
  interface FastifyRequest {
    /** The answer's body before serialisation, kept for the audit subject. */
    auditAnswer?: unknown;
  }
}

const succeeded = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300;

/**
 * Records every audited route's successful answers in the audit log before they are sent: an admin who got a 2xx
 * was recorded. Routes opt in with `config.audit`; the key id comes from the admin key check (plugins/auth.ts).
 */
export default fp(
  async (app) => {
    app.decorateRequest('auditAnswer', undefined);
    app.addHook('preSerialization', async (request, _reply, payload) => {
      if (request.routeOptions.config.audit) request.auditAnswer = payload;
      return payload;
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const audit = request.routeOptions.config.audit;
      if (!audit || !succeeded(reply.statusCode) || request.adminKeyId === undefined) return payload;
      await app.auditLog.record({
        action: audit.action,
        adminKeyId: request.adminKeyId,
        subject: audit.subject(request, request.auditAnswer ?? payload)
      });
      return payload;
    });
  },
  { name: 'audit-recorder', dependencies: ['audit-repository', 'auth'] }
);
