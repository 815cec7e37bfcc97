import fp from 'fastify-plugin';
import { AdminViews, type SetupFacts } from './service';

declare module 'fastify' {
  interface FastifyInstance {
    adminViews: AdminViews;
  }
}

export default fp<SetupFacts>(
  async (app, setup) => {
    app.decorate('adminViews', new AdminViews(app.tokens, app.sendRepository, app.receipts, app.pushKitStatus, setup));
  },
  { name: 'admin-views', dependencies: ['token-repository', 'sending', 'pushkit', 'receipt-repository'] }
);
