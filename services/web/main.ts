import { runProcess } from '../app/run-process.ts';
import { buildWebApp } from './app.ts';

await runProcess('web', 'producer', async (ctx) => {
  const app = await buildWebApp(ctx);
  await app.listen({ host: ctx.config.web.host, port: ctx.config.web.port });
  return { stop: () => app.close() };
});
