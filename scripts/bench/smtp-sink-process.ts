/**
 * A no-op SMTP server in its own process (so it does not share the benchmark's event loop):
 * accepts and discards every message, reports the count when asked over IPC.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  maxClients: 100,
  // No DNS here, and a reverse lookup per connection would dominate the timing.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send?.({ received });
  if (message.type === 'stop') server.close(() => process.exit(0));
});
