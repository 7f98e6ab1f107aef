import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';
import { decodeSongCursor, encodeSongCursor, parsePageSize } from '../song-connection';
import { parseGenre, parseTags, parseTitle } from '../song-rules';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('song rules', () => {
  it('normalises titles and refuses empty, too long or control characters', () => {
    expect(parseTitle('title', '  Get   Lucky \n')).toBe('Get Lucky');
    expect(parseTitle('title', 'é'.repeat(200))).toHaveLength(200);
    expect(fieldOf(() => parseTitle('title', ' '))).toBe('title');
    expect(fieldOf(() => parseTitle('title', 'x'.repeat(201)))).toBe('title');
    expect(fieldOf(() => parseTitle('input.title', 'a\u0007b'))).toBe('input.title');
  });

  it('treats an empty genre as none', () => {
    expect(parseGenre('genre', '  ')).toBeNull();
    expect(parseGenre('genre', null)).toBeNull();
    expect(parseGenre('genre', ' Deep  House ')).toBe('Deep House');
    expect(fieldOf(() => parseGenre('genre', 'g'.repeat(51)))).toBe('genre');
  });

  it('normalises tags: trimmed, lower-case, no leading #, duplicates dropped in order', () => {
    expect(parseTags('tags', [' #Chill ', 'chill', 'Late  Night', 'ÉTÉ'])).toEqual([
      'chill',
      'late night',
      'été',
    ]);
    expect(parseTags('tags', null)).toEqual([]);
    // 21 spellings of 20 distinct tags are fine: the limit counts distinct tags.
    expect(
      parseTags('tags', [...Array.from({ length: 20 }, (_, i) => `t${i}`), 'T0']),
    ).toHaveLength(20);
    expect(
      fieldOf(() =>
        parseTags(
          'tags',
          Array.from({ length: 21 }, (_, i) => `t${i}`),
        ),
      ),
    ).toBe('tags');
    expect(fieldOf(() => parseTags('tags', ['#']))).toBe('tags');
    expect(fieldOf(() => parseTags('tags', ['x'.repeat(41)]))).toBe('tags');
  });

  it('round-trips cursors and refuses anything else', () => {
    const cursor = { createdAt: new Date('2026-11-23T10:00:00.123Z'), id: new Types.ObjectId() };
    const encoded = encodeSongCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSongCursor(encoded)).toEqual(cursor);
    for (const bad of [
      '',
      '!!!',
      Buffer.from('song:v1:1:xyz').toString('base64url'),
      Buffer.from('song:v2:1:0123456789abcdef01234567').toString('base64url'),
    ]) {
      expect(fieldOf(() => decodeSongCursor(bad))).toBe('after');
    }
  });

  it('bounds page sizes to 0..100 with 20 by default', () => {
    expect(parsePageSize(undefined)).toBe(20);
    expect(parsePageSize(null)).toBe(20);
    expect(parsePageSize(0)).toBe(0);
    expect(parsePageSize(100)).toBe(100);
    expect(fieldOf(() => parsePageSize(101))).toBe('first');
    expect(fieldOf(() => parsePageSize(-1))).toBe('first');
  });
});
