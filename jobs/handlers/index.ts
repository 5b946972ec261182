import { handleDigestBuild } from './digest-build.ts';
import { handleDigestPlan } from './digest-plan.ts';
import { handleEmailSend } from './email-send.ts';
import { handleImportExport } from './import-export.ts';
import { handleInboundProcess } from './inbound-process.ts';
import { handleOutboxSweep } from './outbox-sweep.ts';
import type { JobHandlers } from './types.ts';

export const handlers: JobHandlers = {
  'import.export': handleImportExport,
  'digest.plan': handleDigestPlan,
  'digest.build': handleDigestBuild,
  'email.send': handleEmailSend,
  'inbound.process': handleInboundProcess,
  'outbox.sweep': handleOutboxSweep,
};
