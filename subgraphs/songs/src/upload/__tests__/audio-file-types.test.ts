import { BadUserInputError } from '@groovy/common/errors';
import { parseAudioFile, parseSizeBytes } from '../audio-file-types';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('audio file types', () => {
  it('takes the extension from the file name and normalises the content type', () => {
    expect(parseAudioFile('My Song.FLAC', 'audio/x-flac')).toEqual({
      extension: 'flac',
      contentType: 'audio/x-flac',
    });
    expect(parseAudioFile('a.b.mp3', 'Audio/MPEG; charset=binary')).toEqual({
      extension: 'mp3',
      contentType: 'audio/mpeg',
    });
    expect(parseAudioFile('voice.opus', 'audio/ogg')).toEqual({
      extension: 'opus',
      contentType: 'audio/ogg',
    });
  });

  it('names the field at fault', () => {
    expect(fieldOf(() => parseAudioFile('noext', 'audio/mpeg'))).toBe('fileName');
    expect(fieldOf(() => parseAudioFile('x.exe', 'audio/mpeg'))).toBe('fileName');
    expect(fieldOf(() => parseAudioFile(`${'x'.repeat(252)}.mp3`, 'audio/mpeg'))).toBe('fileName');
    expect(fieldOf(() => parseAudioFile('x.mp3', 'application/octet-stream'))).toBe('contentType');
    expect(fieldOf(() => parseAudioFile('x.mp3', 'audio/wav'))).toBe('contentType');
    expect(fieldOf(() => parseAudioFile('x.wav', 'audio/mpeg'))).toBe('contentType');
  });

  it('accepts sizes from 1 byte to the limit', () => {
    expect(parseSizeBytes(1, 10)).toBe(1);
    expect(parseSizeBytes(10, 10)).toBe(10);
    expect(fieldOf(() => parseSizeBytes(11, 10))).toBe('sizeBytes');
    expect(fieldOf(() => parseSizeBytes(0, 10))).toBe('sizeBytes');
    expect(fieldOf(() => parseSizeBytes(1.5, 10))).toBe('sizeBytes');
  });
});
