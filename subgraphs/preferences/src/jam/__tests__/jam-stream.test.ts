import type { JamState, JamUpdate } from '../jam-events';
import { JamEventStream } from '../jam-stream';

const state = (positionMs: number): JamState => ({
  code: 'ABCDEF',
  hostId: 'host',
  participants: [{ userId: 'guest', joinedAt: '2026-01-01T00:00:00.000Z', connected: true }],
  guestsCanControl: false,
  queue: [],
  currentItemId: null,
  playing: false,
  positionMs,
  serverTimeMs: 0,
  endedAt: null,
});

const update = (version: number, kind: JamUpdate['kind'] = 'PAUSE'): JamUpdate => ({
  sessionId: 'jam',
  version,
  kind,
  actorId: 'host',
  serverTimeMs: version,
  state: state(version * 1_000),
});

async function versions(stream: JamEventStream, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const next = await stream.next();
    if (next.done) throw new Error('the stream ended');
    seen.push(next.value.version);
  }
  return seen;
}

describe('JamEventStream', () => {
  const streams: JamEventStream[] = [];
  const open = (gapWaitMs?: number) => {
    const stream = new JamEventStream('guest', async () => undefined, gapWaitMs);
    streams.push(stream);
    return stream;
  };
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.return()));
  });

  it('sends every version once, in order, when a local write overtakes the bus copy of a remote one', async () => {
    const stream = open();
    stream.start(update(1, 'STATE'));
    stream.listener(update(3)); // this instance's own write, pushed at once
    stream.listener(update(2)); // another instance's write, heard later from the bus
    stream.listener(update(3)); // the bus copy of this instance's write
    stream.listener(update(4));
    expect(await versions(stream, 4)).toEqual([1, 2, 3, 4]);
  });

  it('keeps updates heard before the STATE only when newer, in version order', async () => {
    const stream = open();
    stream.listener(update(4));
    stream.listener(update(2));
    stream.listener(update(3));
    stream.start(update(2, 'STATE'));
    expect(await versions(stream, 3)).toEqual([2, 3, 4]);
  });

  it('does not hold a later version back for longer than the gap wait when one never comes', async () => {
    const stream = open(20);
    stream.start(update(1, 'STATE'));
    stream.listener(update(3));
    stream.listener(update(4));
    expect(await versions(stream, 3)).toEqual([1, 3, 4]);
    stream.listener(update(2)); // too late: older than what was sent
    stream.listener(update(5));
    expect(await versions(stream, 1)).toEqual([5]);
  });
});
