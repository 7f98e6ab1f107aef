import { BadUserInputError } from '@groovy/common/errors';

/** An id argument as other subgraphs hand them out: 1–100 visible characters; BAD_USER_INPUT on `field` otherwise. */
export function requireId(field: string, value: string): string {
  if (!/^[\x21-\x7e]{1,100}$/.test(value))
    throw new BadUserInputError(field, `${field} is not a valid id`);
  return value;
}
