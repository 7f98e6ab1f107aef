import { BadUserInputError } from '@groovy/common/errors';

/** A user id from the client (24 hex digits, lower-cased), or BAD_USER_INPUT naming `field`. */
export function parseUserId(field: string, value: string): string {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{24}$/.test(value)) {
    throw new BadUserInputError(
      field,
      `Not a valid user id: ${JSON.stringify(String(value).slice(0, 40))}`,
    );
  }
  return value.toLowerCase();
}
