import { BadUserInputError } from '@groovy/common/errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Passwords seen in every breach list; refusing them costs nothing and stops the laziest attacks. */
const COMMON_PASSWORDS = new Set([
  'password1234',
  '123456789012',
  'qwertyuiopas',
  'iloveyou1234',
  'passwordpassword',
  'letmein12345',
  'groovystreaming',
  'aaaaaaaaaaaa',
]);

/**
 * NIST 800-63B style: long enough, not absurdly long, not a known-breached or trivially repeated
 * string, not the email. No composition rules (they don't make passwords stronger).
 */
export function assertPasswordAcceptable(field: string, password: string, email?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new BadUserInputError(
      field,
      `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
    );
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(
      field,
      `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
    );
  }
  const lowered = password.toLowerCase();
  if (password.trim().length === 0 || new Set(lowered).size < 4 || COMMON_PASSWORDS.has(lowered)) {
    throw new BadUserInputError(
      field,
      'Password is too easy to guess; use a longer phrase or a password manager',
    );
  }
  if (
    email &&
    lowered.includes(email.toLowerCase().split('@')[0]!) &&
    email.split('@')[0]!.length >= 4
  ) {
    throw new BadUserInputError(field, 'Password must not contain your email address');
  }
}
