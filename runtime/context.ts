import type { DestinationStream, Logger } from 'pino';
import type { Redis } from 'ioredis';
import { createDatabase, type Database } from '../db/client.ts';
import { createRedis, Queues } from '../jobs/queues.ts';
import type { Config } from './config.ts';
import { createLogger } from './logger.ts';
import { createDevMailboxTransport, createSmtpTransport, mailboxDir, type MailTransport } from '../services/mail/transport.ts';

/** Everything a process needs, built once from the configuration and closed once at shutdown. */
export interface AppContext extends Database {
  config: Config;
  log: Logger;
  redis: Redis;
  queues: Queues;
  mail: MailTransport;
  close(): Promise<void>;
}

export function createContext(
  config: Config,
  service: string,
  role: 'worker' | 'producer',
  options: { logDestination?: DestinationStream } = {},
): AppContext {
  const log = createLogger(service, config.logLevel, options.logDestination);
  const database = createDatabase(config.databaseUrl);
  const redis = createRedis(config.redisUrl, role);
  redis.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  let closing = false;
  const queues = new Queues(redis, config.queuePrefix, (error) => {
    if (!closing) log.warn({ err: error }, 'queue connection error');
  });
  const mail = config.smtpUrl
    ? createSmtpTransport(config.smtpUrl, { dkim: config.dkim, timeoutMs: config.smtpTimeoutMs })
    : createDevMailboxTransport(mailboxDir(config.varDir), { dkim: config.dkim });
  return {
    ...database,
    config,
    log,
    redis,
    queues,
    mail,
    async close() {
      closing = true;
      mail.close();
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
      await database.db.destroy();
    },
  };
}
