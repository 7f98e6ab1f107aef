export type {
  ObjectFinalizedEvent,
  SignedUpload,
  SignedUploadOptions,
  Storage,
  StoredObject,
} from './storage';
export {
  assertKeyPrefix,
  assertObjectKey,
  encodeObjectKeyPath,
  MAX_OBJECT_KEY_BYTES,
  objectKeyProblem,
} from './object-key';
export { contentTypeForKey, DEFAULT_CONTENT_TYPE, mediaTypeOf } from './mime-types';
export {
  InvalidUploadOptionsError,
  ObjectExistsError,
  ObjectTooLargeError,
} from './storage-errors';
export { assertSignedUploadOptions, MAX_SIGNED_URL_SECONDS } from './signed-upload-options';
export {
  InvalidObjectFinalizedPushError,
  OBJECT_FINALIZE,
  parseObjectFinalizedPush,
  type ObjectFinalizedPush,
} from './finalized-push';
export {
  LocalDiskStorage,
  type LocalDiskStorageOptions,
  FinalizationNotRecordedError,
  type LocalObjectFile,
  type ObjectFinalizedRecorder,
} from './local/local-disk-storage';
export {
  signUploadGrant,
  UPLOAD_QUERY,
  verifyUploadGrant,
  type UploadGrant,
} from './local/upload-signature';
export {
  createLocalStorageServer,
  createStorageRouter,
  PRIVATE_KEY_PREFIXES,
  startLocalStorageServer,
  type LocalStorageServerOptions,
  type RunningLocalStorageServer,
  type StorageRouterOptions,
} from './local/storage-server';
export {
  CONTENT_LENGTH_RANGE_HEADER,
  GcsStorage,
  IF_GENERATION_MATCH_HEADER,
  type GcsStorageOptions,
  type ServiceAccountCredentials,
} from './gcs/gcs-storage';
export {
  DEFAULT_STORAGE_PUBLIC_URL,
  DEV_STORAGE_SIGNING_SECRET,
  localStorageListenAddress,
  refineStorageEnvironment,
  storageEnvironmentProblems,
  storageEnvironmentShape,
  type StorageEnvironment,
} from './storage-environment';
export { createStorage } from './create-storage';
