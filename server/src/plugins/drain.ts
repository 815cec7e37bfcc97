import fp from 'fastify-plugin';

/**
 * On close, requests already in flight finish, but their keep-alive connections would hold
 * `close()` open forever: answers sent while closing carry `Connection: close` instead.
 */
export default fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
  },
  { name: 'drain' }
);
