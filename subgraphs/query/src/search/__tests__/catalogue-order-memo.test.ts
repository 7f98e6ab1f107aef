import type { SongDocument } from '../../read-model/documents';
import { CatalogueOrderMemo } from '../catalogue-order-memo';

function song(id: string, status: SongDocument['status'] = 'READY', deleted = false): SongDocument {
  return { _id: id, status, deleted } as SongDocument;
}

describe('CatalogueOrderMemo', () => {
  let store: Map<string, SongDocument>;
  let order: string[];
  let loads: number;
  const memo = () =>
    new CatalogueOrderMemo(async (size) => {
      loads += 1;
      return order.slice(0, size);
    }, 3);
  const findSongs = async (ids: readonly string[]) =>
    ids.flatMap((id) => (store.has(id) ? [store.get(id)!] : []));

  beforeEach(() => {
    store = new Map(['a', 'b', 'c', 'd'].map((id) => [id, song(id)]));
    order = ['a', 'b', 'c', 'd'];
    loads = 0;
  });

  it('reads the order once and the documents fresh each time', async () => {
    const subject = memo();
    expect((await subject.first(2, findSongs))?.map((s) => s._id)).toEqual(['a', 'b']);
    store.set('a', { ...song('a'), title: 'renamed' } as SongDocument);
    const again = await subject.first(3, findSongs);
    expect(again?.map((s) => s._id)).toEqual(['a', 'b', 'c']);
    expect(again?.[0]).toMatchObject({ title: 'renamed' });
    expect(loads).toBe(1);
  });

  it('reads the order again after a catalogue change', async () => {
    const subject = memo();
    await subject.first(2, findSongs);
    order = ['d', 'a', 'b', 'c'];
    subject.invalidate();
    expect((await subject.first(2, findSongs))?.map((s) => s._id)).toEqual(['d', 'a']);
    expect(loads).toBe(2);
  });

  it('does not keep an order loaded while a change came in', async () => {
    let release!: () => void;
    const subject = new CatalogueOrderMemo(async (size) => {
      loads += 1;
      const snapshot = order.slice(0, size);
      if (loads === 1) await new Promise<void>((resolve) => (release = resolve));
      return snapshot;
    }, 3);
    const first = subject.first(1, findSongs);
    await Promise.resolve();
    order = ['c', 'a', 'b'];
    subject.invalidate();
    release();
    await first;
    expect((await subject.first(1, findSongs))?.map((s) => s._id)).toEqual(['c']);
  });

  it('sends the caller to the read model when asked for more than it keeps or a song changed', async () => {
    const subject = memo();
    expect(await subject.first(4, findSongs)).toBeUndefined();
    await subject.first(3, findSongs);
    store.set('b', song('b', 'READY', true));
    expect(await subject.first(3, findSongs)).toBeUndefined();
    expect(loads).toBe(1);
    await subject.first(1, findSongs);
    expect(loads).toBe(2);
  });
});
