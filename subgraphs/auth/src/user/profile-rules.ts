import { BadUserInputError } from '@groovy/common/errors';

export const DISPLAY_NAME_MAX_LENGTH = 50;

/** Trimmed, 1-50 characters, no control characters. */
export function parseDisplayName(field: string, value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new BadUserInputError(field, 'Display name must not be empty');
  if (name.length > DISPLAY_NAME_MAX_LENGTH) {
    throw new BadUserInputError(
      field,
      `Display name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`,
    );
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw new BadUserInputError(field, 'Display name must not contain control characters');
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
