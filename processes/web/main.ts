import { runProcess } from '../../runtime/run-process.ts';
import { sweepSpool } from '../../services/import/spool.ts';
import { buildWebApp } from './app.ts';

await runProcess('web', 'producer', async (ctx) => {
  // Uploads a crashed predecessor was still receiving are no one's now.
  await sweepSpool(ctx.config.varDir, ctx.log);
  const app = await buildWebApp(ctx);
  await app.listen({ host: ctx.config.web.host, port: ctx.config.web.port });
  return { stop: () => app.close() };
});
