import { InvalidUploadOptionsError } from './storage-errors';
import type { SignedUploadOptions } from './storage';

/** Longest a signed upload URL may live (Cloud Storage's V4 limit: 7 days). */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;

/** Checks SignedUploadOptions the same way for both adapters. */
export function assertSignedUploadOptions(options: SignedUploadOptions): SignedUploadOptions {
  const { contentType, maxBytes, expiresInSeconds } = options;
  if (
    typeof contentType !== 'string' ||
    !/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType) ||
    /[\r\n]/.test(contentType)
  ) {
    throw new InvalidUploadOptionsError(
      `contentType must be a media type like audio/mpeg (got ${JSON.stringify(contentType)})`,
    );
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new InvalidUploadOptionsError(
      `maxBytes must be a positive whole number (got ${maxBytes})`,
    );
  }
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_SIGNED_URL_SECONDS
  ) {
    throw new InvalidUploadOptionsError(
      `expiresInSeconds must be a whole number from 1 to ${MAX_SIGNED_URL_SECONDS} (got ${expiresInSeconds})`,
    );
  }
  return options;
}
