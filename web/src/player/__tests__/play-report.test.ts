import { RECORD_PLAY } from '../record-play.operation';
import { playReportRequest, sendPlayReport } from '../play-report';
import { canonicalDocumentText, persistedDocumentHash } from '@/graphql/persisted-operations';

const target = { graphqlUrl: 'https://api.groovy.example/graphql', accessToken: 'token-123' };

describe('playReportRequest', () => {
  it('is a keepalive POST of JSON with the bearer, the persisted hash and its canonical text', () => {
    const { url, init } = playReportRequest(
      RECORD_PLAY,
      { songId: 's1', msPlayed: 31_000 },
      target,
    );
    expect(url).toBe(target.graphqlUrl);
    expect(init.method).toBe('POST');
    expect(init.keepalive).toBe(true);
    expect(init.credentials).toBe('omit');
    expect(init.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer token-123',
    });
    const body = JSON.parse(init.body as string);
    expect(body.variables).toEqual({ input: { songId: 's1', msPlayed: 31_000 } });
    expect(body.operationName).toBe('RecordPlay');
    expect(body.query).toBe(canonicalDocumentText(RECORD_PLAY));
    expect(body.extensions.persistedQuery.sha256Hash).toBe(persistedDocumentHash(RECORD_PLAY));
    // Far under the 64 kB a keepalive request may carry.
    expect((init.body as string).length).toBeLessThan(1_000);
  });
});

describe('sendPlayReport', () => {
  const respond = (status: number, body: unknown) =>
    jest.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it('is true when the router recorded it', async () => {
    await expect(
      sendPlayReport(
        RECORD_PLAY,
        { songId: 's1', msPlayed: 5 },
        target,
        respond(200, { data: { recordPlay: true } }),
      ),
    ).resolves.toBe(true);
  });

  it('is false, never a throw, on errors and network failures', async () => {
    await expect(
      sendPlayReport(
        RECORD_PLAY,
        { songId: 's1', msPlayed: 5 },
        target,
        respond(200, { errors: [{ message: 'no' }] }),
      ),
    ).resolves.toBe(false);
    await expect(
      sendPlayReport(RECORD_PLAY, { songId: 's1', msPlayed: 5 }, target, respond(401, {})),
    ).resolves.toBe(false);
    const failing = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(
      sendPlayReport(RECORD_PLAY, { songId: 's1', msPlayed: 5 }, target, failing),
    ).resolves.toBe(false);
  });
});
