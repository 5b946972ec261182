/**
 * Every path an email can link to is served: the web app registers its routes from the same map
 * (domain/public-links.ts) that builds the links in emails.
 */
import { describe, expect, it } from 'vitest';
import { publicPaths } from '../../domain/public-links.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { useTestContext } from '../support/test-context.ts';

describe('public links and the routes that serve them', () => {
  const ctx = useTestContext();

  it('serves a GET or a POST at every public path', async () => {
    const app = await buildWebApp(ctx);
    try {
      await app.ready();
      for (const [name, url] of Object.entries(publicPaths)) {
        const served = app.hasRoute({ method: 'GET', url }) || app.hasRoute({ method: 'POST', url });
        expect(served, `${name} (${url})`).toBe(true);
      }
    } finally {
      await app.close();
    }
  });
});
