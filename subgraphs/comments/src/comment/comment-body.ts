import { BadUserInputError } from '@groovy/common/errors';
import { normaliseText } from '@groovy/common/text';

export const MAX_BODY_LENGTH = 2000;

/**
 * A comment's text as stored: each line through common's `normaliseText` (NFC; invisible, control
 * and text-direction characters refused naming `field`; spaces collapsed), line breaks kept (at
 * most one empty line in a row), trimmed; then 1 to 2,000 characters (code points).
 */
export function normaliseCommentBody(field: string, value: string): string {
  const lines = value.split(/\r\n|\r|\n/).map((line) => normaliseText(field, line, 'A comment'));
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length === 0) throw new BadUserInputError(field, 'A comment must not be empty');
  const length = [...text].length;
  if (length > MAX_BODY_LENGTH)
    throw new BadUserInputError(
      field,
      `A comment must be at most ${MAX_BODY_LENGTH} characters (this one has ${length})`,
    );
  return text;
}

/** A report's reason: 1 to 500 characters, one line. */
export function normaliseReportReason(field: string, value: string): string {
  const text = normaliseText(field, value, 'A reason');
  if (text.length === 0) throw new BadUserInputError(field, 'Say why you report this comment');
  if ([...text].length > 500)
    throw new BadUserInputError(field, 'A reason must be at most 500 characters');
  return text;
}
