import { connect, type Socket } from 'node:net';
import { serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { describeEngineOnly, startTarget, type Target } from './target';

function header(length: number, requestId: number, opCode: number): Buffer {
  const buf = Buffer.alloc(16);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(0, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

function opMsg(doc: object, requestId = 1, flags = 0): Buffer {
  const body = Buffer.from(serialize(doc));
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32LE(flags, 0);
  const payload = Buffer.concat([prefix, body]);
  return Buffer.concat([header(16 + payload.length, requestId, 2013), payload]);
}

/** Opens a raw socket, sends bytes, and resolves with what came back before close or timeoutMs of silence. */
function exchange(
  port: number,
  chunks: Buffer[],
  expectBytes = 0,
  timeoutMs = 300,
): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (timer) clearTimeout(timer);
      socket.destroy();
      resolve({ data: Buffer.concat(received), closed });
    };
    socket.on('data', (d) => {
      received.push(d);
      if (expectBytes > 0 && Buffer.concat(received).length >= expectBytes) finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      timer = setTimeout(finish, timeoutMs);
    });
  });
}

function replyDocLength(data: Buffer): number {
  return data.length >= 4 ? data.readInt32LE(0) : 0;
}

describeEngineOnly('malformed input over raw sockets (engine only)', () => {
  let target: Target;
  let client: MongoClient;
  const internalErrors: string[] = [];

  beforeAll(async () => {
    target = await startTarget({
      logger: {
        info: () => undefined,
        warn: () => undefined,
        error: (msg, fields) => internalErrors.push(`${msg} ${JSON.stringify(fields)}`),
      },
    });
    client = await MongoClient.connect(target.url);
  });
  afterAll(async () => {
    await client.close();
    await target.stop();
  });

  afterEach(() => {
    // Malformed input must be answered by the protocol layer, never reach an internal error.
    expect(internalErrors).toEqual([]);
  });

  const port = (): number => target.engine?.port ?? 0;

  async function stillServes(): Promise<void> {
    const fresh = await MongoClient.connect(target.url, { serverSelectionTimeoutMS: 2000 });
    try {
      expect((await fresh.db('admin').command({ ping: 1 })).ok).toBe(1);
    } finally {
      await fresh.close();
    }
    expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
  }

  it('answers a ping split byte by byte and two frames in one chunk', async () => {
    const msg = opMsg({ ping: 1, $db: 'admin' }, 11);
    const split = [...msg].map((b) => Buffer.from([b]));
    const one = await exchange(port(), split, 1);
    expect(one.data.length).toBeGreaterThan(16);
    expect(one.data.readInt32LE(8)).toBe(11);
    const both = Buffer.concat([
      opMsg({ ping: 1, $db: 'admin' }, 21),
      opMsg({ ping: 1, $db: 'admin' }, 22),
    ]);
    const first = await exchange(port(), [both], 10_000, 300);
    const len1 = replyDocLength(first.data);
    expect(first.data.readInt32LE(8)).toBe(21);
    expect(first.data.readInt32LE(len1 + 8)).toBe(22);
    await stillServes();
  });

  it('closes the connection on a declared length over 48 MB or below 16', async () => {
    const huge = header(49_000_000, 1, 2013);
    expect((await exchange(port(), [huge])).closed).toBe(true);
    const tiny = header(8, 1, 2013);
    expect((await exchange(port(), [tiny])).closed).toBe(true);
    await stillServes();
  });

  it('answers bad BSON with an error reply', async () => {
    const good = opMsg({ ping: 1, $db: 'admin' }, 5);
    const bad = Buffer.from(good);
    bad.writeInt32LE(9999, 21);
    const res = await exchange(port(), [bad], 1);
    expect(res.data.length).toBeGreaterThan(21);
    const { deserialize } = await import('bson');
    const reply = deserialize(res.data.subarray(21));
    expect(reply.ok).toBe(0);
    expect(reply.code).toBe(22);
    await stillServes();
  });

  it('closes on unknown opcodes and OP_COMPRESSED', async () => {
    const unknown = Buffer.concat([header(20, 1, 9999), Buffer.alloc(4)]);
    expect((await exchange(port(), [unknown])).closed).toBe(true);
    const compressed = Buffer.concat([header(25, 1, 2012), Buffer.alloc(9)]);
    expect((await exchange(port(), [compressed])).closed).toBe(true);
    await stillServes();
  });

  it('survives a truncated frame followed by a disconnect, and does not reply to moreToCome', async () => {
    const msg = opMsg({ ping: 1, $db: 'admin' }, 3);
    const truncated = await exchange(port(), [msg.subarray(0, msg.length - 5)], 0, 100);
    expect(truncated.data.length).toBe(0);
    // moreToCome (w:0): no reply for the insert; the first reply on the socket answers the ping after it.
    const quiet = await exchange(
      port(),
      [
        opMsg({ insert: 'q', documents: [{ a: 1 }], $db: 'robust' }, 4, 2),
        opMsg({ ping: 1, $db: 'admin' }, 5),
      ],
      1,
      5000,
    );
    expect(quiet.data.readInt32LE(8)).toBe(5);
    expect(quiet.data.length).toBe(quiet.data.readInt32LE(0));
    expect(await client.db('robust').collection('q').countDocuments()).toBe(1);
    await stillServes();
  });

  it('survives 200 randomly corrupted frames (seeded) and keeps serving', async () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const base = [
      opMsg({ find: 'fuzz', filter: { a: { $gt: 1 } }, $db: 'robust' }, 1),
      opMsg({ insert: 'fuzz', documents: [{ a: 1, b: 'x' }], $db: 'robust' }, 2),
      opMsg({ hello: 1, $db: 'admin' }, 3),
    ];
    const mutated: Buffer[] = [];
    for (let i = 0; i < 200; i += 1) {
      const frame = Buffer.from(base[i % base.length] as Buffer);
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f += 1) {
        // Keep the declared length intact half of the time so the body parser is exercised.
        const from = i % 2 === 0 ? 4 : 0;
        const at = from + Math.floor(random() * (frame.length - from));
        frame[at] = Math.floor(random() * 256);
      }
      mutated.push(frame);
    }
    for (let i = 0; i < mutated.length; i += 50) {
      await Promise.all(mutated.slice(i, i + 50).map((frame) => exchange(port(), [frame], 1, 100)));
    }
    await stillServes();
  });

  it('strips a trailing checksum', async () => {
    const msg = opMsg({ ping: 1, $db: 'admin' }, 8, 1);
    const withSum = Buffer.concat([msg, Buffer.alloc(4)]);
    withSum.writeInt32LE(withSum.length, 0);
    const res = await exchange(port(), [withSum], 1);
    const { deserialize } = await import('bson');
    expect(deserialize(res.data.subarray(21)).ok).toBe(1);
  });

  it('answers garbage sections with an error rather than crashing', async () => {
    const body = Buffer.concat([Buffer.alloc(4), Buffer.from([7, 1, 2, 3])]);
    const res = await exchange(
      port(),
      [Buffer.concat([header(16 + body.length, 9, 2013), body])],
      1,
    );
    const { deserialize } = await import('bson');
    expect(deserialize(res.data.subarray(21)).ok).toBe(0);
    await stillServes();
  });
});
