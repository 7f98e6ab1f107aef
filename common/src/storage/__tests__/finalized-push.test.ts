import { toObjectFinalizedPush } from '../../testing/object-finalized-push';
import { InvalidObjectFinalizedPushError, parseObjectFinalizedPush } from '../finalized-push';

/** What Cloud Storage → Pub/Sub → a push subscription delivers (shape from the GCS docs). */
function gcsPush(resource: Record<string, unknown>, attributes: Record<string, string> = {}) {
  return {
    message: {
      data: Buffer.from(JSON.stringify(resource)).toString('base64'),
      attributes: {
        notificationConfig: 'projects/_/buckets/groovy-media/notificationConfigs/1',
        eventType: 'OBJECT_FINALIZE',
        payloadFormat: 'JSON_API_V1',
        bucketId: 'groovy-media',
        objectId: 'uploads/s1/original.mp3',
        objectGeneration: '1700000000000000',
        eventTime: '2026-01-02T03:04:05.678Z',
        ...attributes,
      },
      messageId: '9876543210',
      message_id: '9876543210',
      publishTime: '2026-01-02T03:04:06.000Z',
      publish_time: '2026-01-02T03:04:06.000Z',
    },
    subscription: 'projects/groovy/subscriptions/hls-worker',
  };
}

const resource = {
  kind: 'storage#object',
  id: 'groovy-media/uploads/s1/original.mp3/1700000000000000',
  name: 'uploads/s1/original.mp3',
  bucket: 'groovy-media',
  generation: '1700000000000000',
  contentType: 'audio/mpeg',
  size: '5242880',
  timeCreated: '2026-01-02T03:04:05.600Z',
  updated: '2026-01-02T03:04:05.600Z',
  timeFinalized: '2026-01-02T03:04:05.678Z',
};

describe('parseObjectFinalizedPush', () => {
  it('reads a Cloud Storage OBJECT_FINALIZE push (object, JSON text or Buffer)', () => {
    const expected = {
      bucket: 'groovy-media',
      key: 'uploads/s1/original.mp3',
      size: 5_242_880,
      contentType: 'audio/mpeg',
      finalizedAt: new Date('2026-01-02T03:04:05.678Z'),
      generation: '1700000000000000',
    };
    const push = gcsPush(resource);
    expect(parseObjectFinalizedPush(push)).toEqual(expected);
    expect(parseObjectFinalizedPush(JSON.stringify(push))).toEqual(expected);
    expect(parseObjectFinalizedPush(Buffer.from(JSON.stringify(push)))).toEqual(expected);
  });

  it('falls back to `updated` when the resource has no timeFinalized', () => {
    const { timeFinalized: _unused, ...older } = resource;
    expect(parseObjectFinalizedPush(gcsPush(older)).finalizedAt).toEqual(
      new Date('2026-01-02T03:04:05.600Z'),
    );
  });

  it('round-trips what the local adapter sends', () => {
    const event = {
      bucket: 'local',
      key: 'hls/s/master.m3u8',
      size: 12,
      contentType: 'application/vnd.apple.mpegurl',
      finalizedAt: new Date('2026-05-06T07:08:09.010Z'),
    };
    const push = toObjectFinalizedPush(event, {
      subscription: 'projects/local/subscriptions/x',
      messageId: 'm1',
    });
    expect(push.subscription).toBe('projects/local/subscriptions/x');
    expect(push.message.messageId).toBe('m1');
    expect(push.message.attributes).toMatchObject({
      eventType: 'OBJECT_FINALIZE',
      bucketId: 'local',
      objectId: 'hls/s/master.m3u8',
      payloadFormat: 'JSON_API_V1',
    });
    expect(JSON.parse(Buffer.from(push.message.data, 'base64').toString())).toMatchObject({
      name: 'hls/s/master.m3u8',
      bucket: 'local',
      size: '12',
    });
    expect(parseObjectFinalizedPush(JSON.parse(JSON.stringify(push)))).toEqual({
      ...event,
      generation: String(event.finalizedAt.getTime()),
    });
  });

  it.each([
    ['not JSON', 'nope{', /push body is not JSON/],
    ['no message', { subscription: 'x' }, /not a Pub\/Sub push message: message/],
    [
      'data not base64 JSON',
      { message: { data: '!!!!' } },
      /message.data is not base64-encoded JSON/,
    ],
    [
      'resource without a name',
      gcsPush({ ...resource, name: undefined }),
      /not a Cloud Storage object resource: name/,
    ],
    ['size not a number', gcsPush({ ...resource, size: 'big' }), /size/],
    ['payload NONE', gcsPush(resource, { payloadFormat: 'NONE' }), /payloadFormat NONE/],
  ])('refuses %s with a clear error', (_label, body, message) => {
    expect(() => parseObjectFinalizedPush(body)).toThrow(InvalidObjectFinalizedPushError);
    expect(() => parseObjectFinalizedPush(body)).toThrow(message);
  });

  it('marks other event types (e.g. OBJECT_DELETE) so a consumer can acknowledge and ignore them', () => {
    let caught: unknown;
    try {
      parseObjectFinalizedPush(gcsPush(resource, { eventType: 'OBJECT_DELETE' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidObjectFinalizedPushError);
    expect((caught as InvalidObjectFinalizedPushError).otherEvent).toBe(true);
    expect((caught as Error).message).toMatch(/OBJECT_DELETE/);
  });
});
