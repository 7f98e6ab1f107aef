import { BadUserInputError } from '../errors/domain-errors';

/** Longest key accepted, in UTF-8 bytes (Cloud Storage's own limit for object names). */
export const MAX_OBJECT_KEY_BYTES = 1024;

/** Why `key` is not a valid object key, or null when it is. */
export function objectKeyProblem(key: string, what = 'key'): string | null {
  if (typeof key !== 'string' || key.length === 0) return `${what} must not be empty`;
  if (Buffer.byteLength(key, 'utf8') > MAX_OBJECT_KEY_BYTES) {
    return `${what} must be at most ${MAX_OBJECT_KEY_BYTES} bytes`;
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key))
    return `${what} must not contain NUL or control characters`;
  if (key.includes('\\')) return `${what} must not contain a backslash`;
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key))
    return `${what} must be relative (no leading "/" or drive letter)`;
  const segments = key.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return `${what} must not contain "." or ".." segments (path traversal)`;
  }
  if (segments.slice(0, -1).some((segment) => segment === ''))
    return `${what} must not contain empty segments ("//")`;
  return null;
}

/**
 * Throws BadUserInputError unless `key` is a safe object key: `/`-separated, relative, no `.`/`..`
 * segments, no NUL, control characters or backslashes, at most 1024 bytes.
 */
export function assertObjectKey(key: string): string {
  const problem = objectKeyProblem(key);
  if (problem)
    throw new BadUserInputError('key', `invalid object key ${JSON.stringify(key)}: ${problem}`);
  if (key.endsWith('/')) {
    throw new BadUserInputError(
      'key',
      `invalid object key ${JSON.stringify(key)}: key must not end with "/"`,
    );
  }
  return key;
}

/** Like {@link assertObjectKey} for a prefix, which may end with `/` but must not be empty. */
export function assertKeyPrefix(prefix: string): string {
  const problem = objectKeyProblem(prefix, 'prefix');
  if (problem)
    throw new BadUserInputError(
      'prefix',
      `invalid key prefix ${JSON.stringify(prefix)}: ${problem}`,
    );
  return prefix;
}

/** The key as a URL path: each segment percent-encoded, `/` kept. */
export function encodeObjectKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
