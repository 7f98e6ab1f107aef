import { BadUserInputError } from '@groovy/common/errors';
import { z } from 'zod';

const emailSchema = z.email();

/** Lower-cased and trimmed: the form in which emails are unique, whatever case people type. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The normalised email, or BAD_USER_INPUT naming `field`. */
export function parseEmail(field: string, email: string): string {
  const normalised = normaliseEmail(email);
  if (normalised.length > 254 || !emailSchema.safeParse(normalised).success) {
    throw new BadUserInputError(field, 'Enter a valid email address, like name@example.com');
  }
  return normalised;
}
