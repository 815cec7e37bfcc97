import fp from 'fastify-plugin';
import type { ReceiptConfig } from '../config';
import { ReceiptService } from './service';

/** Nonces past their memory are deleted this often (the table stays a few minutes of callbacks long). */
const NONCE_PRUNE_INTERVAL_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    receiptService: ReceiptService;
  }
}

/**
 * Receipts: the service POST /receipts calls, over the receipt repository and the registry, and a timer pruning
 * old callback nonces while the process runs.
 */
export default fp<ReceiptConfig>(
  async (app, options) => {
    app.decorate('receiptService', new ReceiptService(app.receipts, app.tokens, app.metrics, app.log, options));
    if (options.credentials === undefined) return;
    const prune = () => {
      app.receipts.pruneNonces().catch((err: unknown) => app.log.warn({ err }, 'pruning receipt nonces failed'));
    };
    const timer = setInterval(prune, NONCE_PRUNE_INTERVAL_MS).unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'receipts', dependencies: ['database', 'metrics', 'token-repository', 'receipt-repository'] }
);
