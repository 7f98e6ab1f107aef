'use client';

import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import { useMemo } from 'react';
import type { CommentPageFragment } from '@/gql/graphql';
import type { CommentNode, CommentPage, CommentTargetType } from './comment-model';
import { COMMENTS_PAGE_SIZE, REPLIES_PAGE_SIZE } from './comment-model';
import type { ConversationClient } from './conversation-client';
import {
  ADD_COMMENT_MUTATION,
  ALBUM_COMMENTS_QUERY,
  PLAYLIST_COMMENTS_QUERY,
  COMMENT_REPLIES_QUERY,
  DELETE_COMMENT_MUTATION,
  EDIT_COMMENT_MUTATION,
  LIKE_COMMENT_MUTATION,
  REPORT_COMMENT_MUTATION,
  SONG_COMMENTS_QUERY,
  UNLIKE_COMMENT_MUTATION,
} from './comments.operations';
import { MARKER_PAGE_SIZE } from './waveform-markers';

const GONE: Record<CommentTargetType, string> = {
  SONG: 'This song is not here any more.',
  ALBUM: 'This album is not here any more.',
  PLAYLIST: 'This playlist is not here any more.',
};

/** A missing target or comment, shaped like the router's NOT_FOUND so callers map it the same way. */
function notFound(message: string): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
}

function toPage(connection: CommentPageFragment): CommentPage {
  return {
    nodes: connection.edges.map((edge) => edge.node),
    pageInfo: connection.pageInfo,
    totalCount: connection.totalCount,
  };
}

function required<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw notFound(message);
  return value;
}

/**
 * The conversation's calls on the page's Apollo Client (the browser calls the router with the
 * session's token, operations by their persisted hash). `no-cache`: the conversation keeps its own
 * state (conversation-state.ts), so nothing is normalised twice or refetched behind its back.
 */
export function useConversationClient(): ConversationClient {
  const apollo = useApolloClient();
  return useMemo<ConversationClient>(() => {
    const fetchPolicy = 'no-cache' as const;

    async function targetComments(
      type: CommentTargetType,
      id: string,
      order: Parameters<ConversationClient['comments']>[1],
      first: number,
      after: string | null,
    ): Promise<CommentPage> {
      const variables = { id, first, after, order };
      switch (type) {
        case 'SONG': {
          const { data } = await apollo.query({
            query: SONG_COMMENTS_QUERY,
            variables,
            fetchPolicy,
          });
          return toPage(required(data?.song, GONE.SONG).comments);
        }
        case 'ALBUM': {
          const { data } = await apollo.query({
            query: ALBUM_COMMENTS_QUERY,
            variables,
            fetchPolicy,
          });
          return toPage(required(data?.album, GONE.ALBUM).comments);
        }
        case 'PLAYLIST': {
          const { data } = await apollo.query({
            query: PLAYLIST_COMMENTS_QUERY,
            variables,
            fetchPolicy,
          });
          return toPage(required(data?.playlist, GONE.PLAYLIST).comments);
        }
      }
    }

    const mutate = async <T>(run: () => Promise<{ data?: T | null | undefined }>): Promise<T> => {
      const { data } = await run();
      return required(data, 'That comment is not here any more.');
    };

    return {
      comments: (target, order, after) =>
        targetComments(target.type, target.id, order, COMMENTS_PAGE_SIZE, after),

      async replies(_target, parentId, after) {
        const { data } = await apollo.query({
          query: COMMENT_REPLIES_QUERY,
          variables: { id: parentId, first: REPLIES_PAGE_SIZE, after },
          fetchPolicy,
        });
        return toPage(required(data?.comment, 'That comment is not here any more.').replies);
      },

      async timeline(songId, cap) {
        const found: CommentNode[] = [];
        let after: string | null = null;
        while (found.length < cap) {
          const page: CommentPage = await targetComments(
            'SONG',
            songId,
            'TIMELINE',
            Math.min(MARKER_PAGE_SIZE, cap - found.length),
            after,
          );
          found.push(...page.nodes);
          if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
          after = page.pageInfo.endCursor;
        }
        return found;
      },

      async add(target, comment) {
        const data = await mutate(() =>
          apollo.mutate({
            mutation: ADD_COMMENT_MUTATION,
            variables: {
              input: {
                targetType: target.type,
                targetId: target.id,
                body: comment.body,
                ...(comment.atMs !== null ? { atMs: comment.atMs } : {}),
                ...(comment.parentId !== null ? { parentId: comment.parentId } : {}),
              },
            },
            fetchPolicy,
          }),
        );
        return data.addComment;
      },

      async edit(id, body) {
        const data = await mutate(() =>
          apollo.mutate({ mutation: EDIT_COMMENT_MUTATION, variables: { id, body }, fetchPolicy }),
        );
        return data.editComment;
      },

      async remove(id) {
        await mutate(() =>
          apollo.mutate({ mutation: DELETE_COMMENT_MUTATION, variables: { id }, fetchPolicy }),
        );
      },

      async like(id) {
        const data = await mutate(() =>
          apollo.mutate({ mutation: LIKE_COMMENT_MUTATION, variables: { id }, fetchPolicy }),
        );
        return data.likeComment;
      },

      async unlike(id) {
        const data = await mutate(() =>
          apollo.mutate({ mutation: UNLIKE_COMMENT_MUTATION, variables: { id }, fetchPolicy }),
        );
        return data.unlikeComment;
      },

      async report(id, reason) {
        await mutate(() =>
          apollo.mutate({
            mutation: REPORT_COMMENT_MUTATION,
            variables: { id, reason },
            fetchPolicy,
          }),
        );
      },
    };
  }, [apollo]);
}
