import { describe, expect, it } from 'vitest';
import { TOKEN_LENGTH, verifyTokenSignature } from '../../../../services/actions/tokens.ts';
import { createHmac } from 'node:crypto';

// Tokens are only minted through the database (integration tests cover that); here the pure MAC
// check gets forged inputs.
const secrets = ['s'.repeat(40)];

describe('verifyTokenSignature', () => {
  it.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['wrong alphabet', '0'.repeat(TOKEN_LENGTH)],
    ['right shape, no valid MAC', 'a'.repeat(TOKEN_LENGTH)],
    ['url-ish junk', `${'a'.repeat(TOKEN_LENGTH - 3)}/..`],
  ])('rejects %s', (_label, token) => {
    expect(verifyTokenSignature(secrets, token)).toBeNull();
  });

  it('does not accept a MAC computed with another secret', () => {
    const body = `a${'b'.repeat(32)}`;
    const forged = createHmac('sha256', 'x'.repeat(40)).update(body).digest('hex').slice(0, 16);
    expect(verifyTokenSignature(secrets, body + forged.replace(/[^a-z2-7]/g, 'a'))).toBeNull();
  });
});
