import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

/** What to answer for one delivery: null accepts it, an error rejects it with that SMTP code. */
export type Responder = (to: string[], index: number) => { code: number; message: string } | null;

/** A real SMTP server on loopback that keeps what it is given, for asserting on sent mail. */
export async function startSmtpSink(respond: Responder = () => null) {
  const messages: SunkMessage[] = [];
  let deliveries = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Replies are judged by their token and sender, not by the client's PTR record; a lookup per
    // connection only adds latency (and hangs where DNS is slow).
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const answer = respond(to, deliveries++);
        if (answer) return callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
        messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  server.on('error', () => {}); // a reset client connection must not take the sink down
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?tls=off`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
