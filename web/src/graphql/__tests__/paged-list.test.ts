import { appendPage, pagedListOf, prependLive, type PagedList } from '../paged-list';

const byId = (node: { id: string }) => node.id;
const list = (
  ids: string[],
  totalCount: number,
  endCursor: string | null,
): PagedList<{ id: string }> => ({
  nodes: ids.map((id) => ({ id })),
  totalCount,
  hasNextPage: endCursor !== null,
  endCursor,
});

describe('paged lists ("Load more" and live arrivals)', () => {
  it('appends the next page after the cursor and takes its paging', () => {
    const first = list(['a', 'b'], 5, 'cursor-b');
    const next = appendPage(first, list(['c', 'd'], 5, 'cursor-d'), byId);
    expect(next.nodes.map(byId)).toEqual(['a', 'b', 'c', 'd']);
    expect(next).toMatchObject({ totalCount: 5, hasNextPage: true, endCursor: 'cursor-d' });
    const last = appendPage(next, list(['e'], 5, null), byId);
    expect(last.nodes.map(byId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(last).toMatchObject({ hasNextPage: false, endCursor: null });
  });

  it('does not repeat a node already shown when it reappears in a later page', () => {
    const first = list(['a', 'b'], 4, 'cursor-b');
    const next = appendPage(first, list(['b', 'c'], 4, null), byId);
    expect(next.nodes.map(byId)).toEqual(['a', 'b', 'c']);
  });

  it('puts a live arrival first, once, and keeps the cursor into the older part', () => {
    const shown = list(['b', 'a'], 3, 'cursor-a');
    const live = prependLive(shown, { id: 'c' }, byId);
    expect(live.nodes.map(byId)).toEqual(['c', 'b', 'a']);
    expect(live).toMatchObject({ totalCount: 4, endCursor: 'cursor-a', hasNextPage: true });
    expect(prependLive(live, { id: 'c' }, byId)).toBe(live);
  });

  it('reads a connection (edges, pageInfo) into a list', () => {
    expect(
      pagedListOf({
        totalCount: 3,
        edges: [{ node: { id: 'a' } }],
        pageInfo: { hasNextPage: true, endCursor: 'x' },
      }),
    ).toEqual({ nodes: [{ id: 'a' }], totalCount: 3, hasNextPage: true, endCursor: 'x' });
  });
});
