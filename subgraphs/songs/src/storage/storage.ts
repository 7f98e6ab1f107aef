// The Storage interface songs codes against, defined once in common (common/src/storage/storage.ts).
export type {
  SignedUpload,
  SignedUploadOptions,
  Storage,
  StoredObject,
} from '@groovy/common/storage';
