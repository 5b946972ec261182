/** Headers on every response, including the ones written straight to a socket (see body-limits). */
const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

export function responseHeaders(publicUrl: string): Record<string, string> {
  return publicUrl.startsWith('https:') ? { ...securityHeaders, 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : securityHeaders;
}
