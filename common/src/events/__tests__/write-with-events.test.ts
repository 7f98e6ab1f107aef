import mongoose, { Schema, type Connection, type Model, type Types } from 'mongoose';
import { startTestMongo, type TestMongo } from '../../testing';
import { createEvent, type EventEnvelope } from '../event-envelope';
import {
  ConcurrentWriteError,
  insertWithEvents,
  writeWithEvents,
  type AggregateVersionField,
} from '../outbox/write-with-events';

interface NoteRecord {
  _id: Types.ObjectId;
  text: string;
  version: number;
  _outbox: EventEnvelope[];
}

const NOTE_VERSION: AggregateVersionField<NoteRecord> = {
  field: 'version',
  of: (note) => note.version,
};

function noteChanged(note: Pick<NoteRecord, '_id' | 'text'>, version: number): EventEnvelope {
  return createEvent({
    type: 'NOTE_CHANGED',
    version: 1,
    producer: 'test',
    aggregateId: note._id.toHexString(),
    aggregateVersion: version,
    data: { text: note.text },
  });
}

describe('writeWithEvents', () => {
  let mongo: TestMongo;
  let connection: Connection;
  let notes: Model<NoteRecord>;
  let nudges: number;
  const notifier = { recorded: () => void nudges++ };

  beforeAll(async () => {
    mongo = await startTestMongo();
    connection = await mongoose
      .createConnection(mongo.url, { dbName: mongo.freshDatabaseName('writes') })
      .asPromise();
    notes = connection.model<NoteRecord>(
      'Note',
      new Schema<NoteRecord>({
        text: String,
        version: Number,
        _outbox: { type: Schema.Types.Mixed, default: () => [] },
      }),
    );
  });
  afterAll(async () => {
    await connection?.close();
    await mongo?.stop();
  });
  beforeEach(() => {
    nudges = 0;
  });

  async function newNote(text: string): Promise<NoteRecord> {
    const _id = new mongoose.Types.ObjectId();
    return insertWithEvents(
      notes,
      { _id, text, version: 1 },
      [noteChanged({ _id, text }, 1)],
      notifier,
    );
  }

  it('inserts a new aggregate with its first events and nudges the relay', async () => {
    const note = await newNote('first');
    const stored = await notes.findById(note._id).lean();
    expect(stored).toMatchObject({ text: 'first', version: 1 });
    expect(stored!._outbox.map((event) => event.aggregateVersion)).toEqual([1]);
    expect(nudges).toBe(1);
  });

  it('writes the change, the next version and its events in one write, then nudges', async () => {
    const note = await newNote('draft');
    const written = await writeWithEvents({
      model: notes,
      filter: { _id: note._id },
      version: NOTE_VERSION,
      notifier,
      subject: 'note',
      change: (current, version) => ({
        set: { text: 'final' },
        events: [noteChanged({ ...current, text: 'final' }, version)],
      }),
    });
    expect(written).toMatchObject({ outcome: 'written', record: { text: 'final', version: 2 } });
    const stored = await notes.findById(note._id).lean();
    expect(stored!._outbox.map((event) => [event.aggregateVersion, event.data])).toEqual([
      [1, { text: 'draft' }],
      [2, { text: 'final' }],
    ]);
    expect(nudges).toBe(2);
  });

  it('rebuilds the change on what is there when another writer won the race', async () => {
    const note = await newNote('a');
    let calls = 0;
    const written = await writeWithEvents({
      model: notes,
      filter: { _id: note._id },
      version: NOTE_VERSION,
      notifier,
      subject: 'note',
      change: async (current, version) => {
        calls++;
        // The first time, another writer moves the note on between our read and our write.
        if (calls === 1)
          await notes.updateOne({ _id: note._id }, { $set: { text: 'b', version: 2 } });
        const text = `${current.text}+`;
        return { set: { text }, events: [noteChanged({ ...current, text }, version)] };
      },
    });
    expect(calls).toBe(2);
    expect(written).toMatchObject({ outcome: 'written', record: { text: 'b+', version: 3 } });
    const stored = await notes.findById(note._id).lean();
    expect(stored!._outbox.map((event) => event.aggregateVersion)).toEqual([1, 3]);
  });

  it('throws ConcurrentWriteError when every attempt lost, or returns a conflict when asked to', async () => {
    const note = await newNote('busy');
    const alwaysLoses = {
      model: notes,
      filter: { _id: note._id },
      version: NOTE_VERSION,
      notifier,
      subject: 'note busy',
      maxAttempts: 2,
      change: async (current: NoteRecord, version: number) => {
        await notes.updateOne({ _id: note._id }, { $inc: { version: 1 } });
        return { set: { text: 'never' }, events: [noteChanged(current, version)] };
      },
    };
    await expect(writeWithEvents(alwaysLoses)).rejects.toBeInstanceOf(ConcurrentWriteError);
    await expect(writeWithEvents({ ...alwaysLoses, onConflict: 'return' })).resolves.toEqual({
      outcome: 'conflict',
    });
    expect((await notes.findById(note._id).lean())!.text).toBe('busy');
    expect(nudges).toBe(1);
  });

  it('reports a missing aggregate and a declined change without writing or nudging', async () => {
    const note = await newNote('kept');
    nudges = 0;
    const missing = await writeWithEvents({
      model: notes,
      filter: { _id: new mongoose.Types.ObjectId() },
      version: NOTE_VERSION,
      notifier,
      subject: 'note',
      change: () => ({ set: {}, events: [] }),
    });
    expect(missing).toEqual({ outcome: 'missing' });
    const declined = await writeWithEvents<NoteRecord, string>({
      model: notes,
      filter: { _id: note._id },
      version: NOTE_VERSION,
      notifier,
      subject: 'note',
      change: () => ({ decline: 'nothing to do' }),
    });
    expect(declined).toEqual({ outcome: 'declined', reason: 'nothing to do' });
    expect((await notes.findById(note._id).lean())!.version).toBe(1);
    expect(nudges).toBe(0);
  });

  it('writes once at the version the caller read (a sweep), leaving a changed aggregate alone', async () => {
    const note = await newNote('stale');
    const read = (await notes.findById(note._id).lean())!;
    await notes.updateOne({ _id: note._id }, { $set: { version: 2 } });
    const written = await writeWithEvents({
      model: notes,
      filter: { _id: note._id },
      version: NOTE_VERSION,
      notifier,
      subject: 'note',
      current: read,
      maxAttempts: 1,
      onConflict: 'return',
      change: (current, version) => ({
        set: { text: 'swept' },
        events: [noteChanged(current, version)],
      }),
    });
    expect(written).toEqual({ outcome: 'conflict' });
    expect((await notes.findById(note._id).lean())!.text).toBe('stale');
  });
});
