import type { Ref } from 'react';

/** "Load more (n of total)" under a paged list, with its pending state, error and a spoken announcement. */
export function LoadMoreFooter({
  hasNextPage,
  pending,
  loaded,
  totalCount,
  error,
  announcement,
  onLoadMore,
  footerRef,
}: {
  hasNextPage: boolean;
  pending: boolean;
  loaded: number;
  totalCount: number;
  error: string | null | undefined;
  announcement: string;
  onLoadMore: () => void;
  footerRef?: Ref<HTMLDivElement>;
}) {
  return (
    <>
      <div ref={footerRef} className="load-more">
        {hasNextPage ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={onLoadMore}
            disabled={pending}
            aria-disabled={pending}
          >
            {pending ? (
              <>
                <span className="spinner" aria-hidden="true" />
                Loading…
              </>
            ) : (
              `Load more (${loaded} of ${totalCount})`
            )}
          </button>
        ) : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}
