import { createHash } from 'node:crypto';
import { parsePersistedQueryManifest } from '../persisted-query-manifest';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('parsePersistedQueryManifest', () => {
  const query = 'query Me { me { id } }';

  it('reads a plain hash → query object', () => {
    expect([...parsePersistedQueryManifest(JSON.stringify({ [sha(query)]: query }))]).toEqual([
      [sha(query), query],
    ]);
  });

  it("reads Apollo's persisted query manifest", () => {
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha(query), name: 'Me', type: 'query', body: query }],
    };
    expect(parsePersistedQueryManifest(JSON.stringify(manifest)).get(sha(query))).toBe(query);
  });

  it('refuses an id that is not the SHA-256 of its query', () => {
    expect(() =>
      parsePersistedQueryManifest(JSON.stringify({ [sha('other')]: query }), 'pq.json'),
    ).toThrow(/pq.json: operation .* is not the SHA-256/);
  });
});
