import fp from 'fastify-plugin';
import { Dispatcher } from './dispatcher';
import { JobStore } from './job-store';
import { SendJobs, type JobOptions } from './jobs';
import { SendService } from './send-service';

declare module 'fastify' {
  interface FastifyInstance {
    sending: SendService;
    sendJobs: SendJobs;
  }
}

/** Sending: the dispatcher shared by immediate sends and broadcast batches, the job queue and its workers. */
export default fp<JobOptions>(
  async (app, options) => {
    const dispatcher = new Dispatcher(app.tokens, app.pushKit, app.metrics, app.log);
    const jobs = new SendJobs(app.backgroundPool, new JobStore(app.backgroundPool), app.tokens, dispatcher, options, app.log);
    await jobs.start();
    app.decorate('sendJobs', jobs);
    app.decorate('sending', new SendService(app.tokens, app.sends, dispatcher, jobs, app.metrics));
    // Workers finish the batches in hand before the pool closes.
    app.addHook('preClose', () => jobs.stop());
  },
  { name: 'sending', dependencies: ['database', 'pushkit', 'metrics', 'token-repository', 'send-repository'] }
);
