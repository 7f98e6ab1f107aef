import {
  finalizedObjectOf,
  objectAggregateId,
  ObjectFinalized,
  objectFinalizedEvent,
} from '../catalogue';
import { isEvent, parseEvent, producersOf } from '../event-catalogue';

const object = {
  bucket: 'local',
  key: 'uploads/6650f0c2a1b2c3d4e5f60718/original.mp3',
  size: 5_242_880,
  contentType: 'audio/mpeg',
  finalizedAt: new Date('2026-01-02T03:04:05.678Z'),
  generation: '1767323045678123',
};

describe('OBJECT_FINALIZED (storage)', () => {
  it('is a valid event keyed by the object and versioned by its generation, and reads back as the object', () => {
    const event = objectFinalizedEvent(object);
    const parsed = parseEvent(JSON.parse(JSON.stringify(event)));
    expect(isEvent(parsed, ObjectFinalized)).toBe(true);
    expect(parsed).toMatchObject({
      type: 'OBJECT_FINALIZED',
      version: 1,
      producer: 'storage',
      aggregateId: object.key,
      aggregateVersion: 1767323045678123,
    });
    expect(finalizedObjectOf(parsed as Parameters<typeof finalizedObjectOf>[0])).toEqual(object);
    expect(producersOf(['OBJECT_FINALIZED'])).toEqual(['storage']);
  });

  it('falls back to the time in µs (the unit of generations) for the version without a generation, and hashes keys too long for an aggregate id', () => {
    const { generation: _none, ...withoutGeneration } = object;
    const event = objectFinalizedEvent(withoutGeneration);
    expect(event.aggregateVersion).toBe(object.finalizedAt.getTime() * 1000);
    // An older write with a generation still compares as older than a later one without.
    expect(objectFinalizedEvent(object).aggregateVersion).toBeLessThan(
      objectFinalizedEvent({
        ...withoutGeneration,
        finalizedAt: new Date(object.finalizedAt.getTime() + 1),
      }).aggregateVersion,
    );
    expect(event.data.generation).toBeNull();
    const longKey = `uploads/${'x'.repeat(200)}/original.mp3`;
    const long = objectFinalizedEvent({ ...object, key: longKey });
    expect(long.aggregateId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(long.aggregateId).toBe(objectAggregateId(longKey));
    expect(parseEvent(long).data).toMatchObject({ key: longKey });
  });

  it('refuses data that is not an object description', () => {
    const event = objectFinalizedEvent(object);
    expect(() => parseEvent({ ...event, data: { ...event.data, size: -1 } })).toThrow(
      /OBJECT_FINALIZED: size/,
    );
    expect(() => parseEvent({ ...event, data: { ...event.data, generation: 'abc' } })).toThrow(
      /generation/,
    );
  });
});
