import { deserialize, serialize } from 'bson';
import { encodeOpMsg, parseOpMsg, ProtocolError } from '../codec';
import { FrameDecoder, FramingError } from '../framing';

function frame(doc: object, requestId: number): Buffer {
  return encodeOpMsg(requestId, 0, doc);
}

describe('FrameDecoder', () => {
  it('reassembles frames split at every possible offset and several frames per chunk', () => {
    const a = frame({ a: 1 }, 1);
    const b = frame({ b: 'two' }, 2);
    const all = Buffer.concat([a, b]);
    for (let cut = 1; cut < all.length; cut += 1) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(all.subarray(0, cut)), ...decoder.push(all.subarray(cut))];
      expect(frames.map((f) => f.header.requestId)).toEqual([1, 2]);
      expect(parseOpMsg(frames[1]?.body as Buffer).command).toEqual({ b: 'two' });
    }
  });

  it('rejects lengths below 16 and above 48 MB', () => {
    const small = Buffer.alloc(16);
    small.writeInt32LE(12, 0);
    expect(() => new FrameDecoder().push(small)).toThrow(FramingError);
    const big = Buffer.alloc(16);
    big.writeInt32LE(48_000_001, 0);
    expect(() => new FrameDecoder().push(big)).toThrow(FramingError);
  });
});

describe('OP_MSG codec', () => {
  it('merges kind-1 document sequences into the command', () => {
    const body = Buffer.from(serialize({ insert: 'c', $db: 'd' }));
    const docs = [serialize({ x: 1 }), serialize({ x: 2 })].map((d) => Buffer.from(d));
    const ident = Buffer.from('documents\0');
    const seqSize = 4 + ident.length + docs[0]!.length + docs[1]!.length;
    const seqHeader = Buffer.alloc(5);
    seqHeader[0] = 1;
    seqHeader.writeInt32LE(seqSize, 1);
    const msg = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body, seqHeader, ident, ...docs]);
    const parsed = parseOpMsg(msg);
    expect(parsed.command).toEqual({ insert: 'c', $db: 'd', documents: [{ x: 1 }, { x: 2 }] });
  });

  it('refuses truncated documents and unknown section kinds', () => {
    const body = Buffer.from(serialize({ ping: 1 }));
    expect(() =>
      parseOpMsg(Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body.subarray(0, 6)])),
    ).toThrow(ProtocolError);
    expect(() => parseOpMsg(Buffer.concat([Buffer.alloc(4), Buffer.from([9]), body]))).toThrow(
      ProtocolError,
    );
  });

  it('encodes replies that decode back', () => {
    const out = encodeOpMsg(5, 9, { ok: 1 });
    expect(out.readInt32LE(0)).toBe(out.length);
    expect(out.readInt32LE(8)).toBe(9);
    expect(deserialize(out.subarray(21))).toEqual({ ok: 1 });
  });
});
