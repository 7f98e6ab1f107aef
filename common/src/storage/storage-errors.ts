/** A body went past the size the upload (or the caller) allowed; nothing was kept. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object is larger than the ${maxBytes} bytes allowed`);
    this.name = 'ObjectTooLargeError';
  }
}

/** The signed-upload options a caller asked for are unusable (a programming error, not user input). */
export class InvalidUploadOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUploadOptionsError';
  }
}

/** A one-time upload found its object already there (a signed URL used again): nothing was overwritten. */
export class ObjectExistsError extends Error {
  constructor(readonly key: string) {
    super(`object ${key} was already uploaded; an upload URL stores its object once`);
    this.name = 'ObjectExistsError';
  }
}
