import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';

/** A 24-hex-digit id from the client, or BAD_USER_INPUT naming `field`. */
export function parseObjectId(field: string, value: string): Types.ObjectId {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{24}$/.test(value)) {
    throw new BadUserInputError(
      field,
      `Not a valid id: ${JSON.stringify(String(value).slice(0, 40))}`,
    );
  }
  return new Types.ObjectId(value);
}

/** The ids among `ids` that are well formed, as ObjectIds (references with bad ids resolve to null). */
export function validObjectIds(ids: readonly string[]): Types.ObjectId[] {
  return ids.filter((id) => /^[0-9a-fA-F]{24}$/.test(id)).map((id) => new Types.ObjectId(id));
}
