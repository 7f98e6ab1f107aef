'use client';

import { useCallback, useState } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { appendPage, type PagedList } from './paged-list';

/**
 * A server-rendered first page plus "Load more": `loadPage(after)` fetches the page after the
 * cursor; its nodes are appended (without repeats). `noun` names the items in the announcement.
 * `initial` must keep its identity between renders (memoise it on the server's connection).
 */
export function usePagedList<T>({
  initial,
  loadPage,
  keyOf,
  noun,
}: {
  initial: PagedList<T>;
  loadPage: (after: string) => Promise<PagedList<T>>;
  keyOf: (node: T) => string;
  noun: string;
}) {
  const [list, setList] = useState(initial);
  // A new server render (router.refresh after e.g. clearing the history) starts the list again.
  const [rendered, setRendered] = useState(initial);
  if (rendered !== initial) {
    setRendered(initial);
    setList(initial);
  }
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');

  const loadMore = useCallback(async () => {
    if (pending || !list.hasNextPage || !list.endCursor) return;
    setPending(true);
    setError(undefined);
    try {
      const page = await loadPage(list.endCursor);
      setList((current) => appendPage(current, page, keyOf));
      setAnnouncement(`${page.nodes.length} more ${noun} loaded.`);
    } catch (e) {
      setError(
        formErrorsFromApolloError(e).form ?? `Could not load more ${noun}. Please try again.`,
      );
    } finally {
      setPending(false);
    }
  }, [pending, list.hasNextPage, list.endCursor, loadPage, keyOf, noun]);

  return { list, setList, pending, error, announcement, loadMore };
}
