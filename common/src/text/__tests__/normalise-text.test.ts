import { BadUserInputError } from '../../errors/domain-errors';
import { normaliseText } from '../normalise-text';

function refusal(value: string): BadUserInputError | undefined {
  try {
    normaliseText('artistName', value, 'Artist name');
    return undefined;
  } catch (error) {
    return error as BadUserInputError;
  }
}

describe('normaliseText', () => {
  it('composes to NFC, collapses whitespace and trims', () => {
    expect(normaliseText('title', '  Cafe\u0301 \t del\n  Mar ', 'Title')).toBe('Café del Mar');
    expect(normaliseText('title', 'Cafe\u0301', 'Title')).toBe('Caf\u00e9');
  });

  it.each([
    ['zero-width space', 'Secprobe\u200BArtist'],
    ['zero-width non-joiner', 'Sec\u200Cprobe'],
    ['zero-width joiner between letters', 'Sec\u200Dprobe'],
    ['word joiner', 'Sec\u2060probe'],
    ['byte-order mark', '\uFEFFSecprobe'],
    ['soft hyphen', 'Sec\u00ADprobe'],
    ['right-to-left override', 'evil\u202Egnp.exe'],
    ['left-to-right embedding', 'a\u202Ab'],
    ['first-strong isolate', 'a\u2068b\u2069'],
    ['right-to-left mark', 'a\u200Fb'],
    ['Arabic letter mark', 'a\u061Cb'],
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001b[31mb'],
    ['C1 control', 'a\u0085b'],
    ['line separator', 'a\u2028b'],
    ['Hangul filler', '\u3164'],
    ['tag character', 'a\u{E0041}b'],
    ['combining grapheme joiner', 'Sec\u034Fprobe'],
    ['variation selector 1', 'Sec\uFE00probe'],
    ['VS16 after a letter', 'Sec\uFE0Fprobe'],
    ['supplementary variation selector 17', 'Sec\u{E0100}probe'],
    ['supplementary variation selector 256', 'Sec\u{E01EF}probe'],
    ['Khmer inherent vowel AQ', 'Sec\u17B4probe'],
    ['Khmer inherent vowel AA', 'Sec\u17B5probe'],
    ['Braille blank', 'Sec\u2800probe'],
    ['name of only a Braille blank', '\u2800'],
    ['Mongolian free variation selector', 'Sec\u180Bprobe'],
    ['zero-width joiner after an emoji before a letter', '\u{1F469}\u200Dx'],
    ['second VS16 after an emoji', '\u2764\uFE0F\uFE0F'],
  ])('refuses a %s with BAD_USER_INPUT naming the field', (_name, value) => {
    const error = refusal(value);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'artistName' });
    expect(error!.message).toMatch(/^Artist name must not contain invisible or control characters/);
  });

  it('accepts the zero-width joiner of 👩‍💻 and the VS16 of ❤️', () => {
    expect(normaliseText('artistName', '\u{1F469}\u200D\u{1F4BB}', 'Artist name')).toBe('👩‍💻');
    expect(normaliseText('artistName', 'I \u2764\uFE0F you', 'Artist name')).toBe('I ❤️ you');
  });

  it('keeps letters of every script, emoji and emoji sequences', () => {
    for (const value of [
      'Björk',
      'Сплин',
      'האחים',
      'فيروز',
      '坂本龍一',
      '❤️ love',
      '👩‍💻 coder',
      '👨‍👩‍👧 family',
      '👩🏽‍💻 coder',
      '🏳️‍🌈 flag',
    ])
      expect(normaliseText('title', value, 'Title')).toBe(value.normalize('NFC'));
  });
});
