import { HEADER_SIZE, MAX_MESSAGE_SIZE } from './opcodes';

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface Frame {
  header: MessageHeader;
  /** The bytes after the 16-byte header. */
  body: Buffer;
}

export class FramingError extends Error {}

/**
 * Reassembles wire-protocol frames out of arbitrary TCP chunks: a frame may be split across
 * chunks and one chunk may carry several frames.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Appends a chunk and returns every complete frame now available. Throws FramingError on a bad length. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
        throw new FramingError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      const bytes = this.take(length);
      frames.push({
        header: {
          messageLength: length,
          requestId: bytes.readInt32LE(4),
          responseTo: bytes.readInt32LE(8),
          opCode: bytes.readInt32LE(12),
        },
        body: bytes.subarray(HEADER_SIZE),
      });
    }
    return frames;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) return first.subarray(0, n);
    this.chunks = [Buffer.concat(this.chunks)];
    return (this.chunks[0] as Buffer).subarray(0, n);
  }

  private take(n: number): Buffer {
    let first = this.chunks[0] as Buffer;
    if (first.length < n) {
      first = Buffer.concat(this.chunks);
      this.chunks = [first];
    }
    const out = first.subarray(0, n);
    const rest = first.subarray(n);
    if (rest.length > 0) this.chunks[0] = rest;
    else this.chunks.shift();
    this.buffered -= n;
    return out;
  }
}
