import mongoose, { Types } from 'mongoose';
import { newUserId, SongsTestServer } from './songs-test-server';

interface Uploads {
  edges: Array<{ cursor: string; node: { id: string; title: string; status: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
interface Profiles {
  _entities: Array<{ id: string; uploadCount: number; uploads: Uploads } | null>;
}

const PROFILES = `query Profiles($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) {
    ... on User {
      id
      uploadCount
      uploads(first: $first, after: $after) {
        edges { cursor node { id title status } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
}`;

const users = (...ids: string[]) => ids.map((id) => ({ __typename: 'User', id }));

describe("songs: User.uploads and User.uploadCount (a profile's songs)", () => {
  let server: SongsTestServer;
  beforeAll(async () => {
    server = await SongsTestServer.start();
  });
  afterAll(() => server?.stop());

  it('lists READY uploads newest first to others, every state to the uploader, and pages with stable cursors', async () => {
    const uploader = newUserId();
    const ready: string[] = [];
    for (const title of ['One', 'Two', 'Three'])
      ready.push((await server.readySong(uploader, { title, artistName: 'Profile Band' })).id);
    const pending = await server.upload(uploader, { title: 'Unfinished' });
    // Someone else's song never shows on this profile.
    await server.readySong(newUserId(), { title: 'Not theirs' });

    const listener = newUserId();
    const first = await server.ok<Profiles>(PROFILES, { r: users(uploader), first: 2 }, listener);
    const page1 = first._entities[0]!;
    expect(page1.id).toBe(uploader);
    expect(page1.uploadCount).toBe(3);
    expect(page1.uploads.totalCount).toBe(3);
    expect(page1.uploads.edges.map((e) => e.node.title)).toEqual(['Three', 'Two']);
    expect(page1.uploads.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: page1.uploads.edges[1]!.cursor,
    });

    // A new upload does not shift the page after a cursor.
    await server.readySong(uploader, { title: 'Newest' });
    const second = await server.ok<Profiles>(
      PROFILES,
      { r: users(uploader), first: 2, after: page1.uploads.pageInfo.endCursor },
      listener,
    );
    expect(second._entities[0]!.uploads.edges.map((e) => e.node.id)).toEqual([ready[0]]);
    expect(second._entities[0]!.uploads.pageInfo.hasNextPage).toBe(false);

    // Signed out: READY only as well.
    const anonymous = await server.ok<Profiles>(PROFILES, { r: users(uploader) });
    expect(anonymous._entities[0]!.uploads.edges.map((e) => e.node.status)).toEqual(
      Array(4).fill('READY'),
    );
    expect(JSON.stringify(anonymous)).not.toContain(pending.id);

    // The uploader sees their unfinished upload too.
    const own = await server.ok<Profiles>(PROFILES, { r: users(uploader) }, uploader);
    expect(own._entities[0]!.uploadCount).toBe(5);
    expect(own._entities[0]!.uploads.totalCount).toBe(5);
    expect(own._entities[0]!.uploads.edges.map((e) => [e.node.title, e.node.status])).toEqual([
      ['Newest', 'READY'],
      ['Unfinished', 'PENDING_UPLOAD'],
      ['Three', 'READY'],
      ['Two', 'READY'],
      ['One', 'READY'],
    ]);
  });

  it('leaves deleted songs out of both the list and the count', async () => {
    const uploader = newUserId();
    const kept = await server.readySong(uploader, { title: 'Kept' });
    const gone = await server.readySong(uploader, { title: 'Gone' });
    // As a deleted song waits for its event to be published (the soft-delete plugin's state).
    await server.subgraph.connection
      .collection('songs')
      .updateOne({ _id: new Types.ObjectId(gone.id) }, { $set: { deletedAt: new Date() } });
    const data = await server.ok<Profiles>(PROFILES, { r: users(uploader) }, uploader);
    expect(data._entities[0]!.uploadCount).toBe(1);
    expect(data._entities[0]!.uploads.edges.map((e) => e.node.id)).toEqual([kept.id]);
    expect(data._entities[0]!.uploads.totalCount).toBe(1);
  });

  it("counts several users' uploads with one query, and a user with none has 0", async () => {
    const a = newUserId();
    const b = newUserId();
    const nobody = newUserId();
    await server.readySong(a, { title: 'A1' });
    await server.readySong(a, { title: 'A2' });
    await server.readySong(b, { title: 'B1' });
    const queries: string[] = [];
    mongoose.set('debug', (collection: string, method: string) =>
      queries.push(`${collection}.${method}`),
    );
    let counts: Profiles['_entities'];
    try {
      counts = (
        await server.ok<Profiles>(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id uploadCount } } }`,
          { r: users(a, b, nobody) },
        )
      )._entities;
    } finally {
      mongoose.set('debug', false);
    }
    expect(counts.map((user) => user?.uploadCount)).toEqual([2, 1, 0]);
    expect(queries.filter((q) => q.startsWith('songs.'))).toEqual(['songs.aggregate']);
  });

  it('resolves a malformed user reference to null', async () => {
    const data = await server.ok<Profiles>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id uploadCount } } }`,
      { r: users('not-an-id') },
    );
    expect(data._entities).toEqual([null]);
  });

  it('refuses bad cursors and page sizes with BAD_USER_INPUT naming the argument', async () => {
    const uploader = newUserId();
    await server.readySong(uploader);
    const forged = Buffer.from('song:v1:abc:zzz').toString('base64url');
    for (const [variables, field] of [
      [{ after: 'garbage!' }, 'after'],
      [{ after: forged }, 'after'],
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
    ] as const) {
      const result = await server.execute(PROFILES, { r: users(uploader), ...variables });
      expect({ variables, extensions: result.errors?.[0]?.extensions }).toEqual({
        variables,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
  });
});
