import { runProcess } from '../../runtime/run-process.ts';
import { createMxServer } from './server.ts';

await runProcess('mx', 'producer', async (ctx) => {
  const server = createMxServer(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.config.mx.port, ctx.config.mx.host, resolve);
  });
  ctx.log.info({ port: ctx.config.mx.port }, 'mx listening');
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
});
