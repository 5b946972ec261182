import pino, { type DestinationStream, type Logger } from 'pino';
import { TOKEN_LENGTH } from '../services/actions/tokens.ts';

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
// Link and reply tokens are 49 characters of base32, wherever they appear (paths of every token
// route, reply+TOKEN addresses). A run of exactly that length is not enough: a malformed path
// (`/a/<token>a`, `/a/..%2f<token>`, the token in capitals or percent-encoded) still carries the
// real token, so any run at least that long is masked, counting a %XX escape as one character.
const tokenPattern = new RegExp(`(?:[a-z2-7]|%[0-9a-f]{2}){${TOKEN_LENGTH},}`, 'gi');

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
