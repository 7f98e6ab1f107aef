import { MongoServerError } from 'mongodb';
import { useDriverTarget } from './target';

async function codeOf(p: Promise<unknown>): Promise<number | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof MongoServerError ? (err.code as number) : undefined;
}

describe('collection commands', () => {
  const t = useDriverTarget();

  it('creates collections explicitly and refuses duplicates with NamespaceExists', async () => {
    await t.db().createCollection('explicit');
    const names = (await t.db().listCollections({}, { nameOnly: true }).toArray()).map(
      (c) => c.name,
    );
    expect(names).toContain('explicit');
    expect(await codeOf(t.db().command({ create: 'explicit' }))).toBe(48);
  });

  it('filters listCollections by name and returns full entries', async () => {
    await t.db().collection('alpha').insertOne({ a: 1 });
    await t.db().collection('beta').insertOne({ b: 1 });
    const list = await t.db().listCollections({ name: 'alpha' }).toArray();
    expect(list).toHaveLength(1);
    expect(list[0]?.name).toBe('alpha');
    expect(list[0]?.type).toBe('collection');
    const regex = await t
      .db()
      .listCollections({ name: { $regex: '^be' } }, { nameOnly: true })
      .toArray();
    expect(regex.map((c) => c.name)).toEqual(['beta']);
  });

  it('drops collections', async () => {
    await t.db().collection('todrop').insertOne({ a: 1 });
    expect(await t.db().collection('todrop').drop()).toBe(true);
    const names = (await t.db().listCollections().toArray()).map((c) => c.name);
    expect(names).not.toContain('todrop');
    expect(await t.db().collection('todrop').countDocuments()).toBe(0);
  });

  it('renames collections, honouring dropTarget', async () => {
    await t
      .db()
      .collection('src')
      .insertMany([{ n: 1 }, { n: 2 }]);
    await t.db().collection('src').createIndex({ n: 1 }, { name: 'n_idx' });
    await t.db().renameCollection('src', 'dst');
    expect(await t.db().collection('dst').countDocuments()).toBe(2);
    expect(await t.db().collection('src').countDocuments()).toBe(0);
    const indexes = await t.db().collection('dst').listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toContain('n_idx');
    expect(await codeOf(t.db().renameCollection('missing', 'other'))).toBe(26);
    await t.db().collection('src2').insertOne({ x: 1 });
    expect(await codeOf(t.db().renameCollection('src2', 'dst'))).toBe(48);
    await t.db().renameCollection('src2', 'dst', { dropTarget: true });
    expect(await t.db().collection('dst').countDocuments()).toBe(1);
  });

  it('rejects invalid collection names with InvalidNamespace', async () => {
    expect(await codeOf(t.db().command({ create: 'bad$name' }))).toBe(73);
  });

  it('drops a whole database', async () => {
    const other = t.client().db(`${t.target().dbName}_x`);
    await other.collection('c').insertOne({ a: 1 });
    await other.dropDatabase();
    const dbs = await t.client().db('admin').command({ listDatabases: 1, nameOnly: true });
    expect(dbs.databases.map((d: { name: string }) => d.name)).not.toContain(
      `${t.target().dbName}_x`,
    );
    expect(await other.collection('c').countDocuments()).toBe(0);
  });
});
