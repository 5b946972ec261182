import type { DNSResolver } from 'mailauth';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AppContext } from '../../runtime/context.ts';
import { checkAtMx, relayList } from '../../services/inbound/sender-check.ts';
import { storeInbound } from '../../services/mail/inbound-store.ts';

export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Receives replies (reply+TOKEN@INBOUND_DOMAIN) and bounces for our domain only: never an open
 * relay. Each message is committed to Postgres before the 250 is given, then handed to a job.
 */
export function createMxServer(ctx: AppContext, options: { maxBytes?: number; resolver?: DNSResolver } = {}): SMTPServer {
  const maxBytes = options.maxBytes ?? MAX_INBOUND_BYTES;
  const domain = ctx.config.inboundDomain.toLowerCase();
  const trusted = { authservId: ctx.config.inboundTrustedAuthservId, relays: relayList(ctx.config.inboundTrustedRelays) };
  const serverOptions: SMTPServerOptions = {
    name: domain,
    banner: 'Rapport inbound',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    // Replies are judged by their token and sender, not by the client's PTR record; a lookup per
    // connection only adds latency (and hangs where DNS is slow).
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf('@');
      if (address.address.slice(at + 1).toLowerCase() !== domain) return callback(smtpError('5.7.1 Relaying denied', 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit keep draining the socket, but stop holding bytes in memory.
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          return callback(smtpError(`5.3.4 Message too big: the limit is ${maxBytes} bytes`, 552));
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        // Only here are the client address, HELO and envelope known: the sender is checked now and
        // the verdict stored with the message.
        const arrival = { ip: session.remoteAddress, helo: session.hostNameAppearsAs ?? '', mailFrom: envelopeFrom ?? '', mta: domain, resolver: options.resolver };
        checkAtMx(raw, arrival, trusted)
          .then((senderCheck) => storeInbound(ctx.db, { raw, via: 'mx', envelopeFrom, envelopeTo: session.envelope.rcptTo.map((r) => r.address), senderCheck }))
          .then(async (stored) => {
            if (stored.pending) await ctx.queues.enqueue('inbound.process', { inboundId: stored.id });
            callback();
          })
          .catch((error: Error) => {
            ctx.log.error({ err: error }, 'could not store inbound message');
            // 451: the sender keeps the message and tries again later; nothing is lost.
            callback(smtpError('4.3.0 Temporary failure, please retry', 451));
          });
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  // Connection-level errors (a client resetting mid-message, a bad TLS hello) end that session only.
  server.on('error', (error) => ctx.log.warn({ err: error }, 'mx connection error'));
  return server;
}
