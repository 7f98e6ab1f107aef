import {
  checkAudioFile,
  formatBytes,
  MAX_UPLOAD_BYTES,
  parseTags,
  titleFromFileName,
  validateSongDetails,
} from '../audio-file';

const MB = 1024 * 1024;

describe('checkAudioFile', () => {
  it.each([
    ['song.mp3', 'audio/mpeg', 'audio/mpeg'],
    ['song.m4a', 'audio/x-m4a', 'audio/mp4'],
    ['song.m4a', 'audio/mp4', 'audio/mp4'],
    ['song.aac', 'audio/aac', 'audio/aac'],
    ['song.flac', 'audio/flac', 'audio/flac'],
    ['song.wav', 'audio/wav', 'audio/wav'],
    ['song.wav', 'audio/x-wav', 'audio/wav'],
    ['song.ogg', 'audio/ogg', 'audio/ogg'],
    ['song.opus', 'audio/opus', 'audio/ogg'],
  ])('accepts %s reported as %s and sends %s', (name, type, contentType) => {
    expect(checkAudioFile({ name, type, size: 3 * MB })).toEqual(
      expect.objectContaining({ ok: true, contentType }),
    );
  });

  it('falls back to the extension when the browser reports no type (FLAC, Opus on some systems)', () => {
    expect(checkAudioFile({ name: 'Take 2.FLAC', type: '', size: 10 })).toEqual(
      expect.objectContaining({ ok: true, contentType: 'audio/flac' }),
    );
    expect(checkAudioFile({ name: 'a.opus', type: 'application/octet-stream', size: 10 })).toEqual(
      expect.objectContaining({ ok: true, contentType: 'audio/ogg' }),
    );
  });

  it('rejects videos, images, documents and unsupported audio with a message naming the file', () => {
    const video = checkAudioFile({ name: 'clip.mp4', type: 'video/mp4', size: 10 });
    expect(video).toEqual({ ok: false, message: expect.stringContaining('a video') });
    expect(checkAudioFile({ name: 'cover.png', type: 'image/png', size: 10 })).toEqual({
      ok: false,
      message: expect.stringContaining('an image'),
    });
    const text = checkAudioFile({ name: 'notes.txt', type: 'text/plain', size: 10 });
    expect(text.ok).toBe(false);
    expect(!text.ok && text.message).toMatch(/“notes\.txt” is not an audio file.*MP3/);
    const midi = checkAudioFile({ name: 'tune.mid', type: 'audio/midi', size: 10 });
    expect(!midi.ok && midi.message).toMatch(/audio format we don't support \(audio\/midi\)/);
    // An unknown extension with no type is not guessed as audio.
    expect(checkAudioFile({ name: 'mystery', type: '', size: 10 }).ok).toBe(false);
  });

  it('rejects empty files and files over the limit, saying the sizes', () => {
    expect(checkAudioFile({ name: 'a.mp3', type: 'audio/mpeg', size: 0 })).toEqual({
      ok: false,
      message: '“a.mp3” is empty.',
    });
    const big = checkAudioFile({ name: 'a.wav', type: 'audio/wav', size: MAX_UPLOAD_BYTES + 1 });
    expect(!big.ok && big.message).toBe('“a.wav” is 500 MB; the limit is 500 MB.');
    expect(checkAudioFile({ name: 'a.wav', type: 'audio/wav', size: MAX_UPLOAD_BYTES }).ok).toBe(
      true,
    );
    const custom = checkAudioFile({ name: 'a.wav', type: 'audio/wav', size: 3 * MB }, 2 * MB);
    expect(!custom.ok && custom.message).toBe('“a.wav” is 3 MB; the limit is 2 MB.');
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5_000_000)).toBe('4.8 MB');
    expect(formatBytes(150 * MB)).toBe('150 MB');
    expect(formatBytes(3 * 1024 * MB)).toBe('3 GB');
  });
});

describe('titleFromFileName', () => {
  it.each([
    ['Night Drive.mp3', 'Night Drive'],
    ['02 - Night_Drive (final).mp3', 'Night Drive (final)'],
    ['07. Blue.flac', 'Blue'],
    ['01 Intro.wav', 'Intro'],
    ['1999.mp3', '1999'],
    ['my__song   mix.m4a', 'my song mix'],
    ['noextension', 'noextension'],
  ])('%s → %s', (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });
});

describe('song details', () => {
  it('parses tags: trimmed, de-duplicated case-insensitively, no empty ones, no #', () => {
    expect(parseTags('chill, Lo-Fi ,, night  drive, Chill, #focus')).toEqual([
      'chill',
      'Lo-Fi',
      'night drive',
      'focus',
    ]);
    expect(parseTags('')).toEqual([]);
  });

  it('requires a title and an artist, and bounds genre and tags', () => {
    expect(validateSongDetails({ title: ' ', artistName: '', genre: '', tags: '' })).toEqual({
      title: 'Give the song a title.',
      artistName: 'Enter the artist name.',
    });
    expect(
      validateSongDetails({
        title: 'x'.repeat(201),
        artistName: 'A',
        genre: 'g'.repeat(51),
        tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(','),
      }),
    ).toEqual({
      title: 'Use at most 200 characters.',
      genre: 'Use at most 50 characters.',
      tags: 'Use at most 10 tags.',
    });
    expect(
      validateSongDetails({ title: 'T', artistName: 'A', genre: '', tags: 'x'.repeat(41) }),
    ).toEqual({ tags: 'Keep each tag under 40 characters.' });
    expect(
      validateSongDetails({ title: 'T', artistName: 'A', genre: 'Jazz', tags: 'a, b' }),
    ).toEqual({});
  });
});
