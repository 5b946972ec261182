import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Logs must never carry a subscriber's address or a link token: the redaction below covers the
 * field names we use, and `maskEmails` guards free text that might quote one.
 */
const redactPaths = [
  'email',
  '*.email',
  'to',
  '*.to',
  'from',
  '*.from',
  'token',
  '*.token',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

const emailPattern = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}/gi;
// Link and reply tokens are 49 characters of lowercase base32, wherever they appear (paths of every
// token route, reply+TOKEN addresses).
const tokenPattern = /(?<![a-z2-7])[a-z2-7]{49}(?![a-z2-7])/gi;

export function maskEmails(text: string): string {
  return text.replace(emailPattern, '[email]').replace(tokenPattern, '[token]');
}

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service, pid: process.pid },
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      err: (err: Error) => ({ type: err.name, message: maskEmails(err.message), stack: err.stack && maskEmails(err.stack) }),
      req: (req: { method: string; url: string; id?: string }) => ({ id: req.id, method: req.method, url: maskEmails(req.url) }),
    },
    hooks: {
      // Messages are free text: mask anything that looks like an address or a token path.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // log.warn(error) makes the error's message the log message: mask it like any other text.
        const withMessage = first instanceof Error && rest.length === 0 ? [{ err: first }, first.message] : args;
        const masked = withMessage.map((a) => (typeof a === 'string' ? maskEmails(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
    },
    destination,
  );
}
