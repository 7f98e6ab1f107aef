/** A connection page as the lists keep it: the nodes so far and where the next page starts. */
export interface PagedList<T> {
  nodes: readonly T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * The next page appended ("Load more"): nodes already shown are not repeated (a node that moved
 * into the next page between two loads, e.g. a song liked again), and the page's own paging wins.
 */
export function appendPage<T>(
  current: PagedList<T>,
  page: PagedList<T>,
  keyOf: (node: T) => string,
): PagedList<T> {
  const known = new Set(current.nodes.map(keyOf));
  return {
    nodes: [...current.nodes, ...page.nodes.filter((node) => !known.has(keyOf(node)))],
    totalCount: page.totalCount,
    hasNextPage: page.hasNextPage,
    endCursor: page.endCursor,
  };
}

/**
 * A node that arrived live put first (newest-first lists such as notifications); one already
 * shown is not added twice (a redelivery, or the page loaded after it was written). The paging
 * cursor stays: it points into the older part of the list.
 */
export function prependLive<T>(
  current: PagedList<T>,
  node: T,
  keyOf: (node: T) => string,
): PagedList<T> {
  if (current.nodes.some((known) => keyOf(known) === keyOf(node))) return current;
  return { ...current, nodes: [node, ...current.nodes], totalCount: current.totalCount + 1 };
}

/** A connection's edges and page info as a PagedList. */
export function pagedListOf<T>(connection: {
  totalCount: number;
  edges: readonly { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}): PagedList<T> {
  return {
    nodes: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor ?? null,
  };
}
