import { BadUserInputError } from '../errors/domain-errors';

/**
 * Characters that make two names look alike or hide what a text says: controls (C0, C1; tabs and
 * line breaks are collapsed to spaces instead), format characters (zero-width spaces and joiners,
 * bidi marks, embeddings, overrides and isolates, the BOM, soft hyphens, invisible operators, tag
 * characters), every default-ignorable code point (which fonts draw as nothing: the combining
 * grapheme joiner, variation selectors, Khmer inherent vowels, Hangul fillers, …), lone
 * surrogates, line/paragraph separators and the blank Braille pattern.
 */
const REFUSED =
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  /[\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u2028\u2029\u2800]/u;

/**
 * The invisible characters an emoji needs, removed before the check: a zero-width joiner between
 * two pictographs (👩‍💻, 👩🏽‍💻, 🏳️‍🌈) and the emoji-presentation selector VS16 directly after a
 * pictograph (❤️). Anywhere else they are refused.
 */
const EMOJI_PARTS =
  /(?<=\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Extended_Pictographic})\uFE0F/gu;

/**
 * The one normalisation for user-visible text (names, titles, genres, tags): Unicode NFC, refused
 * when it holds invisible or control characters (BAD_USER_INPUT naming `field`), whitespace runs
 * collapsed to one space, trimmed. Length and emptiness rules stay with each caller.
 *
 * `label` names the value in the message, e.g. `Display name`.
 */
export function normaliseText(field: string, value: string, label: string): string {
  const text = value.normalize('NFC');
  if (REFUSED.test(text.replace(EMOJI_PARTS, ''))) {
    throw new BadUserInputError(
      field,
      `${label} must not contain invisible or control characters (such as zero-width or text-direction characters)`,
    );
  }
  return text.replace(/\s+/g, ' ').trim();
}
