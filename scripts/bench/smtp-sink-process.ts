/**
 * A local SMTP server in its own process (so it does not share the measured event loop): keeps a
 * count per recipient and, when asked, misbehaves like real relays: a share of deliveries answered
 * 451 (try later) and a share left hanging until the client times out.
 * Env: SINK_TEMPFAIL_SHARE, SINK_HANG_SHARE (0..1). IPC: {type:'count'|'counts'|'reset'|'stop'}.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const tempfailShare = Number(process.env.SINK_TEMPFAIL_SHARE ?? 0);
const hangShare = Number(process.env.SINK_HANG_SHARE ?? 0);
let received = 0;
let perRecipient = new Map<string, number>();
let tempfails = 0;
let hangs = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  maxClients: 200,
  // No DNS here, and a reverse lookup per connection would dominate the timing.
  disableReverseLookup: true,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      const roll = Math.random();
      if (roll < hangShare) {
        hangs++;
        return; // never answer: the client's socket timeout decides
      }
      if (roll < hangShare + tempfailShare) {
        tempfails++;
        return callback(Object.assign(new Error('4.3.0 Temporary failure, try again later'), { responseCode: 451 }));
      }
      received++;
      for (const r of session.envelope.rcptTo) perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
      callback();
    });
  },
});
// A client killed mid-conversation resets its socket; that ends one session, not the server.
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send?.({ received });
  if (message.type === 'counts') process.send?.({ received, tempfails, hangs, perRecipient: Object.fromEntries(perRecipient) });
  if (message.type === 'reset') {
    received = 0;
    tempfails = 0;
    hangs = 0;
    perRecipient = new Map();
    process.send?.({ ok: true });
  }
  if (message.type === 'stop') server.close(() => process.exit(0));
});
