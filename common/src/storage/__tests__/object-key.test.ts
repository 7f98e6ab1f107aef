import { BadUserInputError } from '../../errors/domain-errors';
import { contentTypeForKey, mediaTypeOf } from '../mime-types';
import { assertObjectKey, encodeObjectKeyPath, objectKeyProblem } from '../object-key';

describe('object keys', () => {
  it.each([
    'uploads/s1/original.mp3',
    'hls/s1/128k/segment-003.ts',
    'covers/s1/cover 1.jpg',
    'a',
    'unicodé/ключ.mp3',
    'a/..b/c..d.mp3',
  ])('accepts %s', (key) => {
    expect(objectKeyProblem(key)).toBeNull();
    expect(assertObjectKey(key)).toBe(key);
  });

  it.each([
    ['../x', /path traversal/],
    ['a/../../x', /path traversal/],
    ['/etc/passwd', /relative/],
    ['a\\b', /backslash/],
    ['a\u0000b', /NUL/],
    ['a//b', /empty segments/],
    ['', /must not be empty/],
    ['x'.repeat(1025), /at most 1024 bytes/],
    ['é'.repeat(513), /at most 1024 bytes/],
  ])('refuses %j', (key, problem) => {
    expect(objectKeyProblem(key)).toMatch(problem);
    expect(() => assertObjectKey(key)).toThrow(BadUserInputError);
  });

  it('refuses a trailing slash for an object (a prefix may have one)', () => {
    expect(() => assertObjectKey('hls/s1/')).toThrow(/must not end with/);
  });

  it('percent-encodes segments but keeps the slashes', () => {
    expect(encodeObjectKeyPath('covers/s 1/a#b?.jpg')).toBe('covers/s%201/a%23b%3F.jpg');
  });
});

describe('content types', () => {
  it('knows the HLS, audio, image and metadata types, case-insensitively', () => {
    expect(contentTypeForKey('hls/s/MASTER.M3U8')).toBe('application/vnd.apple.mpegurl');
    expect(contentTypeForKey('hls/s/seg.ts')).toBe('video/mp2t');
    expect(contentTypeForKey('uploads/s/original.mp3')).toBe('audio/mpeg');
    expect(contentTypeForKey('covers/s/cover.webp')).toBe('image/webp');
    expect(contentTypeForKey('uploads/s/noextension')).toBe('application/octet-stream');
    expect(contentTypeForKey('uploads/s/.hidden')).toBe('application/octet-stream');
    expect(mediaTypeOf('Audio/MPEG; charset=binary')).toBe('audio/mpeg');
  });
});
