import { Long, ObjectId, type Document } from 'mongodb';
import { useDriverTarget } from './target';

describe('aggregate', () => {
  const t = useDriverTarget();
  const orders = () => t.db().collection<Document>('orders');

  beforeAll(async () => {
    await t
      .db()
      .collection('customers')
      .insertMany([
        { _id: 'c1', name: 'Ann', tier: 'gold' },
        { _id: 'c2', name: 'Bob', tier: 'silver' },
      ] as Document[]);
    await orders().insertMany([
      {
        _id: 1,
        customer: 'c1',
        items: [
          { sku: 'a', qty: 2 },
          { sku: 'b', qty: 1 },
        ],
        total: 30,
        status: 'paid',
      },
      { _id: 2, customer: 'c2', items: [{ sku: 'a', qty: 1 }], total: 10, status: 'paid' },
      { _id: 3, customer: 'c1', items: [], total: 5, status: 'open' },
    ] as Document[]);
  });

  it('runs $match $group $sort', async () => {
    const res = await orders()
      .aggregate([
        { $match: { status: 'paid' } },
        { $group: { _id: '$customer', sum: { $sum: '$total' }, n: { $sum: 1 } } },
        { $sort: { sum: -1 } },
      ])
      .toArray();
    expect(res).toEqual([
      { _id: 'c1', sum: 30, n: 1 },
      { _id: 'c2', sum: 10, n: 1 },
    ]);
  });

  it('runs $project $addFields $set $unset $skip $limit', async () => {
    const res = await orders()
      .aggregate([
        { $sort: { _id: 1 } },
        { $addFields: { double: { $multiply: ['$total', 2] } } },
        { $set: { tag: { $concat: ['#', { $toString: '$_id' }] } } },
        { $unset: 'items' },
        { $project: { customer: 0, status: 0 } },
        { $skip: 1 },
        { $limit: 1 },
      ])
      .toArray();
    expect(res).toEqual([{ _id: 2, total: 10, double: 20, tag: '#2' }]);
  });

  it('runs $unwind and $count', async () => {
    const res = await orders()
      .aggregate([
        { $unwind: '$items' },
        { $group: { _id: '$items.sku', qty: { $sum: '$items.qty' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(res).toEqual([
      { _id: 'a', qty: 3 },
      { _id: 'b', qty: 1 },
    ]);
    const count = await orders()
      .aggregate([{ $match: { total: { $gt: 6 } } }, { $count: 'n' }])
      .toArray();
    expect(count).toEqual([{ n: 2 }]);
  });

  it('runs $lookup against another collection of the same database', async () => {
    const res = await orders()
      .aggregate([
        { $match: { _id: 1 } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'cust' } },
        { $unwind: '$cust' },
        { $replaceRoot: { newRoot: { order: '$_id', name: '$cust.name' } } },
      ])
      .toArray();
    expect(res).toEqual([{ order: 1, name: 'Ann' }]);
    const customers = await t
      .db()
      .collection('customers')
      .find({ _id: 'c1' } as Document)
      .toArray();
    expect(customers[0]).toEqual({ _id: 'c1', name: 'Ann', tier: 'gold' });
  });

  it('runs $lookup with let/pipeline and aggregate: 1 with $documents', async () => {
    const res = await t
      .db()
      .collection('customers')
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $lookup: {
            from: 'orders',
            let: { cid: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$customer', '$$cid'] } } }, { $count: 'n' }],
            as: 'orders',
          },
        },
        { $project: { _id: 1, n: { $first: '$orders.n' } } },
      ])
      .toArray();
    expect(res).toEqual([
      { _id: 'c1', n: 2 },
      { _id: 'c2', n: 1 },
    ]);
    const docs = await t
      .db()
      .aggregate([{ $documents: [{ x: 1 }, { x: 2 }] }, { $match: { x: 2 } }])
      .toArray();
    expect(docs).toEqual([{ x: 2 }]);
  });

  it('runs $facet', async () => {
    const [res] = await orders()
      .aggregate([
        {
          $facet: {
            paid: [{ $match: { status: 'paid' } }, { $count: 'n' }],
            max: [{ $group: { _id: null, m: { $max: '$total' } } }],
          },
        },
      ])
      .toArray();
    expect(res).toEqual({ paid: [{ n: 2 }], max: [{ _id: null, m: 30 }] });
  });

  it('does not mutate stored documents', async () => {
    await orders()
      .aggregate([{ $addFields: { total: 0 } }])
      .toArray();
    expect((await orders().findOne({ _id: 1 } as Document))?.total).toBe(30);
  });

  it('writes $out and supports countDocuments', async () => {
    await orders()
      .aggregate([
        { $match: { status: 'paid' } },
        { $project: { total: 1 } },
        { $out: 'paid_orders' },
      ])
      .toArray();
    expect(await t.db().collection('paid_orders').countDocuments()).toBe(2);
    expect(await orders().countDocuments({ status: 'paid' })).toBe(2);
  });

  it('sorts mixed BSON types in $sort like find does', async () => {
    const c = t.db().collection<Document>('mixed_sort');
    await c.insertMany([
      { _id: 1, v: new ObjectId() },
      { _id: 2, v: new Date(0) },
      { _id: 3, v: 'text' },
      { _id: 4, v: Long.fromString('9007199254740993') },
      { _id: 5, v: 12 },
      { _id: 6, v: true },
    ] as Document[]);
    const agg = (await c.aggregate([{ $sort: { v: 1 } }]).toArray()).map((d) => d._id);
    expect(agg).toEqual([5, 4, 3, 1, 6, 2]);
    const found = (await c.find({}).sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(found).toEqual(agg);
  });

  it('explains an aggregate', async () => {
    const explained = await orders()
      .aggregate([{ $match: { _id: 1 } }])
      .explain();
    expect(JSON.stringify(explained)).toMatch(/IDHACK|IXSCAN|EXPRESS/);
  });
});
