import type { ModeratedCommentFieldsFragment } from '@/gql/graphql';

/** One queued comment as the moderation page shows it. */
export interface QueueEntry {
  cursor: string;
  reportCount: number;
  reasons: string[];
  lastReportedAt: string | null;
  comment: ModeratedCommentFieldsFragment;
}

export interface QueuePage {
  entries: QueueEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** Why the queue cannot be shown: signed out, not a moderator, or the service did not answer. */
export type QueueRefusal = 'signed-out' | 'not-moderator' | 'unavailable';

export interface ModerationQueueState {
  entries: QueueEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  /** null until the first page arrived. */
  loaded: boolean;
  loading: boolean;
  refusal: QueueRefusal | null;
  /** A "Load more" that failed (the entries already shown stay). */
  error: string | null;
  /** Hide / unhide under way, by comment id. */
  pending: Record<string, true>;
  /** The last hide / unhide of a comment that failed, by comment id. */
  failures: Record<string, string>;
}

export type ModerationQueueAction =
  | { type: 'pageRequested' }
  | { type: 'pageLoaded'; page: QueuePage; append: boolean }
  | { type: 'pageFailed'; refusal: QueueRefusal | null; message: string }
  | { type: 'decisionStarted'; commentId: string }
  | { type: 'decisionSucceeded'; comment: ModeratedCommentFieldsFragment }
  | { type: 'decisionFailed'; commentId: string; message: string };

export const initialModerationQueueState: ModerationQueueState = {
  entries: [],
  hasNextPage: false,
  endCursor: null,
  totalCount: 0,
  loaded: false,
  loading: false,
  refusal: null,
  error: null,
  pending: {},
  failures: {},
};

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/**
 * The moderation page's queue: pages appended by "Load more" (a comment already shown is not shown
 * twice), and hide / unhide decisions that update the comment in place when the server confirms
 * (a decision takes the comment out of the server's queue; it stays on this page, with its new
 * state, so the moderator can undo it).
 */
export function moderationQueueReducer(
  state: ModerationQueueState,
  action: ModerationQueueAction,
): ModerationQueueState {
  switch (action.type) {
    case 'pageRequested':
      return { ...state, loading: true, error: null };
    case 'pageLoaded': {
      const known = new Set(action.append ? state.entries.map((e) => e.comment.id) : []);
      const fresh = action.page.entries.filter((e) => !known.has(e.comment.id));
      return {
        ...state,
        entries: action.append ? [...state.entries, ...fresh] : fresh,
        hasNextPage: action.page.hasNextPage,
        endCursor: action.page.endCursor,
        totalCount: action.page.totalCount,
        loaded: true,
        loading: false,
        refusal: null,
        error: null,
      };
    }
    case 'pageFailed':
      return action.refusal && !state.loaded
        ? { ...state, loading: false, refusal: action.refusal }
        : { ...state, loading: false, error: action.message };
    case 'decisionStarted':
      return {
        ...state,
        pending: { ...state.pending, [action.commentId]: true },
        failures: without(state.failures, action.commentId),
      };
    case 'decisionSucceeded':
      return {
        ...state,
        pending: without(state.pending, action.comment.id),
        entries: state.entries.map((entry) =>
          entry.comment.id === action.comment.id ? { ...entry, comment: action.comment } : entry,
        ),
      };
    case 'decisionFailed':
      return {
        ...state,
        pending: without(state.pending, action.commentId),
        failures: { ...state.failures, [action.commentId]: action.message },
      };
  }
}

/** Where the commented thing is on the site. */
export function targetHref(targetType: string, targetId: string): string | null {
  const id = encodeURIComponent(targetId);
  switch (targetType) {
    case 'SONG':
      return `/songs/${id}`;
    case 'ALBUM':
      return `/albums/${id}`;
    case 'PLAYLIST':
      return `/playlists/${id}`;
    default:
      return null;
  }
}

const TARGET_LABELS: Record<string, string> = {
  SONG: 'a song',
  ALBUM: 'an album',
  PLAYLIST: 'a playlist',
};

export function targetLabel(targetType: string): string {
  return TARGET_LABELS[targetType] ?? 'something';
}
