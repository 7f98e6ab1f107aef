/**
 * Reduces a stream of interleaved signed 16-bit PCM (native byte order) to about `points` peak values in 0..1 without
 * holding the audio: it keeps the peak of every fine bucket (~4 per final point, sized from the
 * expected length) and, at the end, folds the fine buckets into exactly `points` (fewer only when
 * the audio has fewer frames). Counting frames also gives the exact decoded duration.
 */
export class WaveformReducer {
  private readonly bucketFrames: number;
  private readonly fine: number[] = [];
  private currentPeak = 0;
  private framesInBucket = 0;
  private channelInFrame = 0;
  private leftover: Buffer | null = null;
  private frames = 0;

  constructor(
    private readonly channels: number,
    private readonly points: number,
    expectedFrames: number | null,
    sampleRate: number,
  ) {
    const expected = expectedFrames ?? sampleRate * 600;
    this.bucketFrames = Math.max(1, Math.floor(expected / (points * 4)));
  }

  /** Feed raw native-endian s16 bytes (any chunking). */
  push(chunk: Buffer): void {
    let data = chunk;
    if (this.leftover) {
      data = Buffer.concat([this.leftover, chunk]);
      this.leftover = null;
    }
    const usable = data.length - (data.length % 2);
    if (usable < data.length) this.leftover = Buffer.from(data.subarray(usable));
    // An aligned Int16Array view (copy when the chunk starts on an odd byte): ~10× faster than readInt16LE.
    const aligned = data.byteOffset % 2 === 0 ? data : Buffer.from(data);
    const samples = new Int16Array(aligned.buffer, aligned.byteOffset, usable / 2);
    let peak = this.currentPeak;
    let inBucket = this.framesInBucket;
    let channel = this.channelInFrame;
    let frames = this.frames;
    const channels = this.channels;
    const bucketFrames = this.bucketFrames;
    for (let index = 0; index < samples.length; index += 1) {
      const sample = samples[index] as number;
      const magnitude = sample < 0 ? -sample : sample;
      if (magnitude > peak) peak = magnitude;
      channel += 1;
      if (channel === channels) {
        channel = 0;
        frames += 1;
        inBucket += 1;
        if (inBucket === bucketFrames) {
          this.fine.push(peak);
          peak = 0;
          inBucket = 0;
        }
      }
    }
    this.frames = frames;
    this.currentPeak = peak;
    this.framesInBucket = inBucket;
    this.channelInFrame = channel;
  }

  /** Frames (samples per channel) seen so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** The peaks, each in 0..1 rounded to 4 decimals. */
  finish(): number[] {
    const fine = [...this.fine];
    if (this.framesInBucket > 0) fine.push(this.currentPeak);
    const count = Math.min(this.points, fine.length);
    const result: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const start = Math.floor((i * fine.length) / count);
      const end = Math.max(start + 1, Math.floor(((i + 1) * fine.length) / count));
      let peak = 0;
      for (let j = start; j < end; j += 1) peak = Math.max(peak, fine[j] ?? 0);
      result.push(Math.min(1, Math.round((peak / 32768) * 10_000) / 10_000));
    }
    return result;
  }
}
