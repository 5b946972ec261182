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

// The scripts migrate their databases in their own process, and a migration reads the environment
// too (the suppression migration hashes with SUPPRESSION_SECRET), so the script's own environment
// carries the same secrets.
Object.assign(process.env, runSecrets);
