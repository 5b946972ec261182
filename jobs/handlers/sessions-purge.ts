import { purgeEndedSessions } from '../../services/account/sessions.ts';
import type { JobHandler } from './types.ts';

export const handleSessionsPurge: JobHandler<'sessions.purge'> = async (ctx) => {
  const purged = await purgeEndedSessions(ctx.db);
  if (purged > 0) ctx.log.info({ purged }, 'ended sessions purged');
  return { purged };
};
