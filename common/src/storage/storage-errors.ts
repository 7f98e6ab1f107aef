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
