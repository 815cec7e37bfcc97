import Fastify from 'fastify';

/**
 * The baseline of the registration benchmark: Fastify parsing the same JSON body on the same path, with the body
 * limit of device routes, and answering it back; no authentication, validation or database.
 */
const app = Fastify({ logger: false });
app.post('/tokens', { bodyLimit: 16 * 1024 }, async (request, reply) => reply.code(201).send(request.body));

const close = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
