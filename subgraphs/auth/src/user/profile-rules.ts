import { BadUserInputError } from '@groovy/common/errors';
import { normaliseText } from '@groovy/common/text';

export const DISPLAY_NAME_MAX_LENGTH = 50;

/** NFC, trimmed, spaces collapsed, 1-50 characters, no control or invisible characters. */
export function parseDisplayName(field: string, value: string): string {
  const name = normaliseText(field, value, 'Display name');
  if (name.length === 0) throw new BadUserInputError(field, 'Display name must not be empty');
  if (name.length > DISPLAY_NAME_MAX_LENGTH) {
    throw new BadUserInputError(
      field,
      `Display name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`,
    );
  }
  return name;
}

/** An https URL up to 2,048 characters, or null for "no avatar". */
export function parseAvatarUrl(field: string, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new BadUserInputError(field, 'Avatar URL must be a valid https URL');
  }
  if (url.protocol !== 'https:' || trimmed.length > 2048) {
    throw new BadUserInputError(
      field,
      'Avatar URL must be an https URL of at most 2048 characters',
    );
  }
  return url.toString();
}
