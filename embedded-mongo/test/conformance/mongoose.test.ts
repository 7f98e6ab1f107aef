import mongoose, { Schema, type Connection } from 'mongoose';
import { startTarget, type Target } from './target';

interface UserDoc {
  email: string;
  name: string;
  age?: number;
  roles: string[];
  org?: mongoose.Types.ObjectId;
}

describe('mongoose models like the services use', () => {
  let target: Target;
  let conn: Connection;
  const warnings: Array<{ msg: string; fields?: object }> = [];
  const logger = {
    info: () => undefined,
    warn: (msg: string, fields?: object) => warnings.push({ msg, fields }),
    error: (msg: string, fields?: object) => warnings.push({ msg, fields }),
  };

  const orgSchema = new Schema(
    { name: { type: String, required: true }, slug: { type: String, required: true } },
    { timestamps: true },
  );
  orgSchema.index({ slug: 1 }, { unique: true });
  const userSchema = new Schema<UserDoc>(
    {
      email: { type: String, required: true, unique: true, lowercase: true, trim: true },
      name: { type: String, required: true },
      age: Number,
      roles: { type: [String], default: [] },
      org: { type: Schema.Types.ObjectId, ref: 'Org' },
    },
    { timestamps: true },
  );
  userSchema.index({ org: 1, name: 1 });
  const membershipSchema = new Schema({
    user: { type: Schema.Types.ObjectId, required: true },
    org: { type: Schema.Types.ObjectId, required: true },
  });
  membershipSchema.index({ user: 1, org: 1 }, { unique: true });

  beforeAll(async () => {
    target = await startTarget({ logger });
    conn = await mongoose
      .createConnection(target.url, { dbName: target.dbName, serverSelectionTimeoutMS: 5000 })
      .asPromise();
  });

  afterAll(async () => {
    // Everything mongoose sent (connect, init, syncIndexes, CRUD) was understood by the engine.
    expect(
      warnings.filter((w) => w.msg === 'unknown command' || w.msg === 'command failed'),
    ).toEqual([]);
    if (!target.engine) await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await target.stop();
  });

  it('initialises models, builds indexes and keeps syncIndexes stable', async () => {
    const Org = conn.model('Org', orgSchema);
    const User = conn.model<UserDoc>('User', userSchema);
    await Org.init();
    await User.init();
    const names = (await User.listIndexes()).map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(['_id_', 'email_1', 'org_1_name_1']);
    const dropped = await User.syncIndexes();
    expect(dropped).toEqual([]);
    const diff = await User.diffIndexes();
    expect(diff.toDrop).toEqual([]);
    expect(diff.toCreate).toEqual([]);
  });

  it('syncIndexes drops removed indexes and creates new ones', async () => {
    const v1 = new Schema({ code: String, kind: String });
    v1.index({ code: 1 }, { unique: true });
    v1.index({ kind: 1 });
    const Thing1 = conn.model('Thing1', v1, 'things');
    await Thing1.init();
    await Thing1.create({ code: 'a', kind: 'k' });
    const v2 = new Schema({ code: String, kind: String });
    v2.index({ code: 1 }, { unique: true });
    v2.index({ kind: 1, code: 1 });
    const Thing2 = conn.model('Thing2', v2, 'things');
    const dropped = await Thing2.syncIndexes();
    expect(dropped).toEqual(['kind_1']);
    const names = (await Thing2.listIndexes()).map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(['_id_', 'code_1', 'kind_1_code_1']);
    const collections = (await conn.listCollections()).map((c) => c.name);
    expect(collections).toContain('things');
    await Thing2.collection.drop();
    expect((await conn.listCollections()).map((c) => c.name)).not.toContain('things');
  });

  it('creates, finds, populates, updates and deletes documents', async () => {
    const Org = conn.model('Org');
    const User = conn.model<UserDoc>('User');
    const org = await Org.create({ name: 'Acme', slug: 'acme' });
    const user = await User.create({
      email: '  Ann@Example.COM ',
      name: 'Ann',
      age: 31,
      org: org._id,
    });
    expect(user.email).toBe('ann@example.com');
    const found = await User.findOne({ email: 'ann@example.com' }).populate<{
      org: { name: string };
    }>('org');
    expect(found?.org.name).toBe('Acme');
    expect(found?.get('createdAt')).toBeInstanceOf(Date);
    const updated = await User.findOneAndUpdate(
      { _id: user._id },
      { $addToSet: { roles: 'admin' }, $inc: { age: 1 } },
      { new: true },
    );
    expect(updated?.roles).toEqual(['admin']);
    expect(updated?.age).toBe(32);
    const byOrg = await User.find({ org: org._id }).lean();
    expect(byOrg).toHaveLength(1);
    expect(await User.countDocuments({ age: { $gt: 30 } })).toBe(1);
    const upserted = await User.findOneAndUpdate(
      { email: 'bob@example.com' },
      { $set: { name: 'Bob' } },
      { upsert: true, new: true },
    );
    expect(upserted?.name).toBe('Bob');
    expect((await User.deleteOne({ email: 'bob@example.com' })).deletedCount).toBe(1);
    await user.deleteOne();
    expect(await User.exists({ _id: user._id })).toBeNull();
  });

  it("raises mongoose's duplicate key error with keyPattern and keyValue", async () => {
    const User = conn.model<UserDoc>('User');
    await User.create({ email: 'dup@example.com', name: 'D' });
    const err = (await User.create({ email: 'dup@example.com', name: 'E' }).catch(
      (e: unknown) => e,
    )) as {
      name: string;
      code: number;
      keyPattern: object;
      keyValue: object;
    };
    expect(err.name).toBe('MongoServerError');
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'dup@example.com' });
    const Membership = conn.model('Membership', membershipSchema);
    await Membership.init();
    const u = new mongoose.Types.ObjectId();
    const o = new mongoose.Types.ObjectId();
    await Membership.create({ user: u, org: o });
    const dup = (await Membership.create({ user: u, org: o }).catch((e: unknown) => e)) as {
      code: number;
      keyValue: Record<string, unknown>;
    };
    expect(dup.code).toBe(11000);
    expect(String(dup.keyValue.user)).toBe(u.toHexString());
  });

  it('runs bulkWrite, insertMany, updateMany and aggregate through models', async () => {
    const User = conn.model<UserDoc>('User');
    await User.insertMany([
      { email: 'm1@x.io', name: 'M', age: 20 },
      { email: 'm2@x.io', name: 'M', age: 40 },
    ]);
    const bulk = await User.bulkWrite([
      { updateOne: { filter: { email: 'm1@x.io' }, update: { $set: { age: 21 } } } },
      { deleteOne: { filter: { email: 'm2@x.io' } } },
      { insertOne: { document: { email: 'm3@x.io', name: 'M', age: 60 } } },
    ]);
    expect(bulk.modifiedCount).toBe(1);
    expect(bulk.deletedCount).toBe(1);
    expect(bulk.insertedCount).toBe(1);
    const res = await User.updateMany({ name: 'M' }, { $set: { roles: ['member'] } });
    expect(res.modifiedCount).toBe(2);
    const agg = await User.aggregate<{ _id: string; avg: number }>([
      { $match: { name: 'M' } },
      { $group: { _id: '$name', avg: { $avg: '$age' } } },
    ]);
    expect(agg).toEqual([{ _id: 'M', avg: 40.5 }]);
  });
});
