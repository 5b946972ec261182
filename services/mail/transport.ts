import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import tls from 'node:tls';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

/** A message exactly as Rapport hands it to a transport. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  /**
   * The SMTP envelope sender (MAIL FROM, which becomes Return-Path): Rapport's signed bounce
   * address for this message, so a delivery report can be checked against what was really sent.
   */
  envelopeFrom: string;
}

export interface SendResult {
  /** Where the message went: the SMTP server's reply, or the dev mailbox file. */
  deliveredTo: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

function toNodemailer(message: OutgoingMessage) {
  const { 'Reply-To': replyTo, ...headers } = message.headers;
  return {
    from: message.from,
    to: message.to,
    replyTo,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
    headers,
    envelope: { from: message.envelopeFrom, to: [message.to] },
    // Node encodes base64 natively; quoted-printable runs in JavaScript and, for a digest's
    // style-heavy HTML (every `=` becomes `=3D`), cost a third of the send job's CPU.
    textEncoding: 'base64' as const,
  };
}

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * nodemailer's default signed headers miss List-Unsubscribe-Post, and RFC 8058 requires the
 * signature to cover it (and List-Unsubscribe) so nobody can alter them in transit.
 */
const dkimHeaderFieldNames =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:' +
  'In-Reply-To:References:List-Id:List-Unsubscribe:List-Unsubscribe-Post:Auto-Submitted';

function dkimOptions(dkim: DkimKey | null | undefined) {
  return dkim ? { dkim: { ...dkim, headerFieldNames: dkimHeaderFieldNames } } : {};
}

/** Pooled SMTP: one connection per message would cap throughput and trip provider limits. */
export function createSmtpTransport(
  smtpUrl: string,
  options: { maxConnections?: number; dkim?: DkimKey | null; timeoutMs?: number } = {},
): MailTransport {
  const url = new URL(smtpUrl);
  const smtpOptions = {
    pool: true as const,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 100,
    // Local sinks and Mailpit speak plain SMTP; real relays negotiate STARTTLS when offered.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    connectionTimeout: Math.min(10_000, options.timeoutMs ?? 10_000),
    greetingTimeout: Math.min(10_000, options.timeoutMs ?? 10_000),
    socketTimeout: options.timeoutMs ?? 30_000,
    ...dkimOptions(options.dkim),
    getSocket: (_options: unknown, callback: (error: Error | null, socket?: { connection: net.Socket; secured: boolean }) => void) => {
      // SMTP is a chatty exchange of small writes; with Nagle's algorithm on, each message waits on
      // a delayed ACK (~40 ms), capping a connection near 20 messages a second. Measured: 22/s
      // per connection with it, several times more without.
      const secure = url.protocol === 'smtps:';
      const port = Number(url.port) || (secure ? 465 : 587);
      const socket = secure ? tls.connect({ host: url.hostname, port, servername: url.hostname }) : net.connect({ host: url.hostname, port });
      socket.setNoDelay(true);
      socket.once('error', (error) => callback(error));
      socket.once(secure ? 'secureConnect' : 'connect', () => callback(null, { connection: socket, secured: secure }));
    },
  };
  // getSocket is a documented pool option that @types/nodemailer leaves out.
  const transporter: Transporter = nodemailer.createTransport(smtpOptions as SMTPPool.Options);
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transporter.sendMail(toNodemailer(message));
      return { deliveredTo: `smtp:${String(info.response ?? '').slice(0, 200)}` };
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP, each message is written as a .eml file that the web app's mailbox page lists. */
export function createDevMailboxTransport(mailboxDir: string, options: { dkim?: DkimKey | null } = {}): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix', ...dkimOptions(options.dkim) });
  return {
    kind: 'dev-mailbox',
    async send(message) {
      const info = await transporter.sendMail(toNodemailer(message));
      await mkdir(mailboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const safeId = message.messageId.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 80);
      const file = path.resolve(mailboxDir, `${stamp}-${safeId}.eml`);
      // The delivering MTA records the envelope sender as Return-Path; the dev mailbox does the same,
      // so the bounce address can be seen (and answered) there too.
      await writeFile(file, Buffer.concat([Buffer.from(`Return-Path: <${message.envelopeFrom}>\n`), info.message as Buffer]));
      return { deliveredTo: file };
    },
    close: () => transporter.close(),
  };
}

export function mailboxDir(varDir: string): string {
  return path.resolve(varDir, 'mailbox');
}

/**
 * SMTP replies in the 5xx range are permanent: retrying cannot help and the address should be
 * suppressed. Everything else (4xx, timeouts, refused connections) is worth retrying.
 */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
