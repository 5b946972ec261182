import { handleDigestBuild } from './digest-build.ts';
import { handleDigestPlan } from './digest-plan.ts';
import { handleEmailSend } from './email-send.ts';
import { handleImportExport, handleImportGaveUp } from './import-export.ts';
import { handleInboundProcess } from './inbound-process.ts';
import { handleOutboxSweep } from './outbox-sweep.ts';
import { handleSessionsPurge } from './sessions-purge.ts';
import type { GaveUpHandlers, JobHandlers } from './types.ts';

export const handlers: JobHandlers = {
  'import.export': handleImportExport,
  'digest.plan': handleDigestPlan,
  'digest.build': handleDigestBuild,
  'email.send': handleEmailSend,
  'inbound.process': handleInboundProcess,
  'outbox.sweep': handleOutboxSweep,
  'sessions.purge': handleSessionsPurge,
};

/** Jobs whose final failure must still leave a recorded, explained state in Postgres. */
export const gaveUpHandlers: GaveUpHandlers = {
  'import.export': handleImportGaveUp,
};
