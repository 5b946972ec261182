import { randomBytes } from 'node:crypto';

/**
 * Benchmarks and drills run with NODE_ENV=production, which refuses the development secrets: each
 * run makes its own, shared by the script and the processes it starts through their environment.
 */
export const runSecrets = {
  TOKEN_SECRETS: randomBytes(32).toString('hex'),
  ADMIN_TOKEN: randomBytes(32).toString('hex'),
  SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
};
