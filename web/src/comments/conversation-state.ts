import type { CommentNode, CommentOrder, CommentPage, PageInfo } from './comment-model';

/**
 * The conversation under a song, album or playlist as one pure reducer: top-level comments in the
 * chosen order with their cursor, replies folded under each comment, and the person's own actions
 * applied optimistically.
 *
 * Optimistic updates are kept as a queue of pending operations on top of the server's last answer
 * ("confirmed" comments): what the page shows is the confirmed comment with its pending operations
 * applied in order. When an operation succeeds it leaves the queue and the server's answer becomes
 * the confirmed value; when it fails it just leaves the queue, which rolls back exactly that
 * operation (a like that failed while a later edit is still pending undoes the like, not the edit),
 * and the failure's message is kept for the comment until dismissed or the next action.
 *
 * Comments arriving from elsewhere (the person's own posts, the live subscription) go through
 * `commentAdded` / `commentUpdated`, which are idempotent: a comment that comes back from the
 * subscription after the person's own post (or before it) is shown once.
 */

export type CommentOp =
  | { kind: 'like' }
  | { kind: 'unlike' }
  | { kind: 'edit'; body: string; editedAt: string }
  | { kind: 'delete' }
  | { kind: 'report' };

export interface PendingOp {
  opId: string;
  commentId: string;
  op: CommentOp;
}

export interface RepliesState {
  ids: string[];
  /** null until the first page of replies was loaded. */
  pageInfo: PageInfo | null;
  expanded: boolean;
  loading: boolean;
  error: string | null;
}

export interface ConversationState {
  order: CommentOrder;
  /** The server's latest word on every comment the page knows, top-level and replies. */
  comments: Record<string, CommentNode>;
  topIds: string[];
  /** null until the first page arrived. */
  pageInfo: PageInfo | null;
  /** Top-level comments on the target (the connection's totalCount). */
  totalCount: number;
  loading: 'first' | 'more' | null;
  error: string | null;
  replies: Record<string, RepliesState>;
  pending: PendingOp[];
  /** Comments the person reported from this page (the API has no `reportedByMe`). */
  reported: Record<string, true>;
  /** The message of the last action on a comment that failed and was rolled back. */
  failures: Record<string, string>;
}

export type ConversationAction =
  | { type: 'orderChanged'; order: CommentOrder }
  | { type: 'pageRequested'; more: boolean }
  | { type: 'pageFailed'; message: string }
  /** `replace`: a new list; `append`: the next page; `refresh`: the first page again, keeping later pages. */
  | { type: 'pageLoaded'; page: CommentPage; mode: 'replace' | 'append' | 'refresh' }
  | { type: 'repliesRequested'; parentId: string }
  | { type: 'repliesFailed'; parentId: string; message: string }
  | { type: 'repliesLoaded'; parentId: string; page: CommentPage; append: boolean }
  | { type: 'repliesToggled'; parentId: string; expanded: boolean }
  /**
   * `live`: from the subscription (placed where the server would list it, or left for a page not
   * loaded yet); otherwise the person's own post (always shown at once).
   */
  | { type: 'commentAdded'; comment: CommentNode; parentId: string | null; live?: boolean }
  | { type: 'commentUpdated'; comment: CommentNode }
  | { type: 'opStarted'; op: PendingOp }
  | { type: 'opSucceeded'; opId: string; comment?: CommentNode }
  | { type: 'opFailed'; opId: string; message: string }
  | { type: 'failureDismissed'; commentId: string };

export function initialConversationState(order: CommentOrder): ConversationState {
  return {
    order,
    comments: {},
    topIds: [],
    pageInfo: null,
    totalCount: 0,
    loading: null,
    error: null,
    replies: {},
    pending: [],
    reported: {},
    failures: {},
  };
}

/** One operation applied to a comment: what the page shows while it is pending. */
export function applyOp(comment: CommentNode, op: CommentOp): CommentNode {
  switch (op.kind) {
    case 'like':
      return comment.likedByMe
        ? comment
        : { ...comment, likedByMe: true, likeCount: comment.likeCount + 1 };
    case 'unlike':
      return comment.likedByMe
        ? { ...comment, likedByMe: false, likeCount: Math.max(0, comment.likeCount - 1) }
        : comment;
    case 'edit':
      return { ...comment, body: op.body, editedAt: op.editedAt };
    case 'delete':
      return { ...comment, deleted: true, body: '', author: null, likedByMe: false };
    case 'report':
      return comment;
  }
}

const EMPTY_REPLIES: RepliesState = {
  ids: [],
  pageInfo: null,
  expanded: false,
  loading: false,
  error: null,
};

function withComments(known: Record<string, CommentNode>, nodes: readonly CommentNode[]) {
  const comments = { ...known };
  for (const node of nodes) comments[node.id] = node;
  return comments;
}

function appendUnique(ids: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(ids);
  return [...ids, ...more.filter((id) => !seen.has(id) && (seen.add(id), true))];
}

/** Where a new top-level comment goes in the loaded list, given the order. */
function insertTopLevel(state: ConversationState, comment: CommentNode): string[] {
  const ids = state.topIds;
  switch (state.order) {
    case 'NEWEST':
      return [comment.id, ...ids];
    case 'OLDEST':
      return [...ids, comment.id];
    case 'TIMELINE': {
      const at = comment.atMs ?? Number.POSITIVE_INFINITY;
      const index = ids.findIndex(
        (id) => (state.comments[id]?.atMs ?? Number.POSITIVE_INFINITY) > at,
      );
      return index < 0
        ? [...ids, comment.id]
        : [...ids.slice(0, index), comment.id, ...ids.slice(index)];
    }
  }
}

/**
 * Where a comment from the subscription goes among the loaded top-level comments, as the server
 * would list it: first when newest first; last when oldest first, or by its moment on the timeline,
 * but only once the pages before it are loaded (`null`: it belongs to a page not loaded yet, which
 * "Load more" brings). Comments without a moment are not in the timeline.
 */
function placeLiveTopLevel(state: ConversationState, comment: CommentNode): string[] | null {
  const complete = state.pageInfo !== null && !state.pageInfo.hasNextPage;
  switch (state.order) {
    case 'NEWEST':
      return [comment.id, ...state.topIds];
    case 'OLDEST':
      return complete ? [...state.topIds, comment.id] : null;
    case 'TIMELINE': {
      if (comment.atMs === null) return null;
      const index = state.topIds.findIndex(
        (id) => (state.comments[id]?.atMs ?? Number.POSITIVE_INFINITY) > comment.atMs!,
      );
      if (index >= 0)
        return [...state.topIds.slice(0, index), comment.id, ...state.topIds.slice(index)];
      return complete ? [...state.topIds, comment.id] : null;
    }
  }
}

/** Whether the current order lists this top-level comment at all (its totalCount counts it). */
function listedInOrder(order: CommentOrder, comment: CommentNode): boolean {
  return order !== 'TIMELINE' || comment.atMs !== null;
}

function refreshedTopIds(
  state: ConversationState,
  page: CommentPage,
): { ids: string[]; pageInfo: PageInfo } {
  const fresh = page.nodes.map((n) => n.id);
  const last = fresh.at(-1);
  const cut = last === undefined ? -1 : state.topIds.indexOf(last);
  if (cut < 0) return { ids: fresh, pageInfo: page.pageInfo };
  const tail = state.topIds.slice(cut + 1);
  return tail.length > 0
    ? { ids: appendUnique(fresh, tail), pageInfo: state.pageInfo ?? page.pageInfo }
    : { ids: fresh, pageInfo: page.pageInfo };
}

function withoutFailure(failures: Record<string, string>, commentId: string) {
  if (!(commentId in failures)) return failures;
  const next = { ...failures };
  delete next[commentId];
  return next;
}

export function conversationReducer(
  state: ConversationState,
  action: ConversationAction,
): ConversationState {
  switch (action.type) {
    case 'orderChanged':
      if (action.order === state.order) return state;
      return {
        ...initialConversationState(action.order),
        comments: state.comments,
        pending: state.pending,
        reported: state.reported,
      };
    case 'pageRequested':
      return { ...state, loading: action.more ? 'more' : 'first', error: null };
    case 'pageFailed':
      return { ...state, loading: null, error: action.message };
    case 'pageLoaded': {
      const comments = withComments(state.comments, action.page.nodes);
      const base = {
        ...state,
        comments,
        totalCount: action.page.totalCount,
        loading: null,
        error: null,
      };
      if (action.mode === 'append') {
        return {
          ...base,
          topIds: appendUnique(
            state.topIds,
            action.page.nodes.map((n) => n.id),
          ),
          pageInfo: action.page.pageInfo,
        };
      }
      if (action.mode === 'refresh') {
        const { ids, pageInfo } = refreshedTopIds(state, action.page);
        return { ...base, topIds: ids, pageInfo };
      }
      return {
        ...base,
        topIds: action.page.nodes.map((n) => n.id),
        pageInfo: action.page.pageInfo,
      };
    }
    case 'repliesRequested': {
      const current = state.replies[action.parentId] ?? EMPTY_REPLIES;
      return {
        ...state,
        replies: {
          ...state.replies,
          [action.parentId]: { ...current, loading: true, error: null },
        },
      };
    }
    case 'repliesFailed': {
      const current = state.replies[action.parentId] ?? EMPTY_REPLIES;
      return {
        ...state,
        replies: {
          ...state.replies,
          [action.parentId]: { ...current, loading: false, error: action.message },
        },
      };
    }
    case 'repliesLoaded': {
      const current = state.replies[action.parentId] ?? EMPTY_REPLIES;
      const fresh = action.page.nodes.map((n) => n.id);
      const comments = withComments(state.comments, action.page.nodes);
      const parent = comments[action.parentId];
      if (parent) comments[action.parentId] = { ...parent, replyCount: action.page.totalCount };
      return {
        ...state,
        comments,
        replies: {
          ...state.replies,
          [action.parentId]: {
            // Replies read oldest first; a refresh of the first page keeps replies added since.
            ids: action.append
              ? appendUnique(current.ids, fresh)
              : appendUnique(fresh, current.ids),
            pageInfo: action.page.pageInfo,
            expanded: true,
            loading: false,
            error: null,
          },
        },
      };
    }
    case 'repliesToggled': {
      const current = state.replies[action.parentId] ?? EMPTY_REPLIES;
      return {
        ...state,
        replies: { ...state.replies, [action.parentId]: { ...current, expanded: action.expanded } },
      };
    }
    case 'commentAdded': {
      const { comment, parentId, live = false } = action;
      const known = comment.id in state.comments;
      const comments = { ...state.comments, [comment.id]: comment };
      if (parentId === null) {
        if (state.topIds.includes(comment.id)) return { ...state, comments };
        // Your own post is shown at once; a live one where the server lists it (or not yet).
        const topIds = live ? placeLiveTopLevel(state, comment) : insertTopLevel(state, comment);
        const counted = !known && (!live || listedInOrder(state.order, comment));
        return {
          ...state,
          comments,
          topIds: topIds ?? state.topIds,
          totalCount: state.totalCount + (counted ? 1 : 0),
        };
      }
      if (known) return { ...state, comments };
      const parent = comments[parentId];
      if (parent) comments[parentId] = { ...parent, replyCount: parent.replyCount + 1 };
      const replies = state.replies[parentId] ?? EMPTY_REPLIES;
      // Replies read oldest first: a new one goes last, once the thread's loaded replies reach the
      // end. Your own opens the thread; a live one shows in an open thread ("n replies" otherwise).
      const reachedEnd = replies.pageInfo === null || !replies.pageInfo.hasNextPage;
      const shown = !live || (replies.expanded && reachedEnd);
      if (!shown && replies === EMPTY_REPLIES) return { ...state, comments };
      return {
        ...state,
        comments,
        replies: {
          ...state.replies,
          [parentId]: {
            ...replies,
            ids: shown || reachedEnd ? appendUnique(replies.ids, [comment.id]) : replies.ids,
            expanded: live ? replies.expanded : true,
          },
        },
      };
    }
    case 'commentUpdated':
      if (!(action.comment.id in state.comments)) return state;
      return { ...state, comments: { ...state.comments, [action.comment.id]: action.comment } };
    case 'opStarted':
      return {
        ...state,
        pending: [...state.pending, action.op],
        failures: withoutFailure(state.failures, action.op.commentId),
      };
    case 'opSucceeded': {
      const done = state.pending.find((p) => p.opId === action.opId);
      if (!done) return state;
      const pending = state.pending.filter((p) => p !== done);
      const confirmed = state.comments[done.commentId];
      const next = action.comment ?? (confirmed ? applyOp(confirmed, done.op) : undefined);
      return {
        ...state,
        pending,
        comments: next ? { ...state.comments, [done.commentId]: next } : state.comments,
        reported:
          done.op.kind === 'report'
            ? { ...state.reported, [done.commentId]: true }
            : state.reported,
      };
    }
    case 'opFailed': {
      const failed = state.pending.find((p) => p.opId === action.opId);
      if (!failed) return state;
      return {
        ...state,
        pending: state.pending.filter((p) => p !== failed),
        failures: { ...state.failures, [failed.commentId]: action.message },
      };
    }
    case 'failureDismissed':
      return { ...state, failures: withoutFailure(state.failures, action.commentId) };
  }
}

/** The comment as the page shows it: the server's version with the pending operations on top. */
export function visibleComment(state: ConversationState, id: string): CommentNode | undefined {
  const confirmed = state.comments[id];
  if (!confirmed) return undefined;
  return state.pending.reduce(
    (comment, p) => (p.commentId === id ? applyOp(comment, p.op) : comment),
    confirmed,
  );
}

export function topLevelComments(state: ConversationState): CommentNode[] {
  return state.topIds.map((id) => visibleComment(state, id)).filter((c): c is CommentNode => !!c);
}

export function repliesOf(state: ConversationState, parentId: string): CommentNode[] {
  return (state.replies[parentId]?.ids ?? [])
    .map((id) => visibleComment(state, id))
    .filter((c): c is CommentNode => !!c);
}

/** Reported from this page, or a report on its way. */
export function isReported(state: ConversationState, id: string): boolean {
  return (
    !!state.reported[id] || state.pending.some((p) => p.commentId === id && p.op.kind === 'report')
  );
}

/** An operation of this kind on this comment is on its way (its button waits). */
export function isPending(
  state: ConversationState,
  id: string,
  kinds: readonly CommentOp['kind'][],
): boolean {
  return state.pending.some((p) => p.commentId === id && kinds.includes(p.op.kind));
}
