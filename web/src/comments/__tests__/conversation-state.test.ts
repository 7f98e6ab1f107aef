import {
  conversationReducer as reduce,
  initialConversationState,
  isPending,
  isReported,
  repliesOf,
  topLevelComments,
  visibleComment,
  type ConversationAction,
  type ConversationState,
} from '../conversation-state';
import { comment, page } from './fixtures';

function run(state: ConversationState, ...actions: ConversationAction[]): ConversationState {
  return actions.reduce(reduce, state);
}

const loaded = (
  order: 'NEWEST' | 'OLDEST' | 'TIMELINE' = 'NEWEST',
  nodes = [comment('c1'), comment('c2')],
) =>
  run(initialConversationState(order), {
    type: 'pageLoaded',
    page: page(nodes, true, 5),
    mode: 'replace',
  });

describe('pages of top-level comments', () => {
  it('loads the first page, then appends the next without duplicates', () => {
    let state = run(initialConversationState('NEWEST'), { type: 'pageRequested', more: false });
    expect(state.loading).toBe('first');
    state = run(state, {
      type: 'pageLoaded',
      page: page([comment('c1'), comment('c2')], true, 4),
      mode: 'replace',
    });
    expect(topLevelComments(state).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(state.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c2' });
    expect(state.loading).toBeNull();
    state = run(
      state,
      { type: 'pageRequested', more: true },
      { type: 'pageLoaded', page: page([comment('c2'), comment('c3')], false, 4), mode: 'append' },
    );
    expect(state.topIds).toEqual(['c1', 'c2', 'c3']);
    expect(state.pageInfo?.hasNextPage).toBe(false);
    expect(state.totalCount).toBe(4);
  });

  it('keeps the message of a failed load and clears it on the next request', () => {
    let state = run(
      loaded(),
      { type: 'pageRequested', more: true },
      { type: 'pageFailed', message: 'down' },
    );
    expect(state).toMatchObject({ loading: null, error: 'down' });
    expect(state.topIds).toEqual(['c1', 'c2']);
    state = run(state, { type: 'pageRequested', more: true });
    expect(state.error).toBeNull();
  });

  it('refreshes the first page after the person acted, keeping the later pages they loaded', () => {
    let state = run(loaded(), {
      type: 'pageLoaded',
      page: {
        ...page([comment('c3'), comment('c4')], false, 6),
        pageInfo: { hasNextPage: true, endCursor: 'c4' },
      },
      mode: 'append',
    });
    state = run(state, {
      type: 'pageLoaded',
      page: page([comment('new'), comment('c1')], true, 7),
      mode: 'refresh',
    });
    expect(state.topIds).toEqual(['new', 'c1', 'c2', 'c3', 'c4']);
    expect(state.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c4' });
    expect(state.totalCount).toBe(7);
  });

  it('replaces the list on refresh when it no longer overlaps', () => {
    const state = run(loaded(), {
      type: 'pageLoaded',
      page: page([comment('x')], false, 1),
      mode: 'refresh',
    });
    expect(state.topIds).toEqual(['x']);
    expect(state.pageInfo?.hasNextPage).toBe(false);
  });

  it('starts over when the order changes, keeping what it knows about comments', () => {
    const state = run(loaded(), { type: 'orderChanged', order: 'TIMELINE' });
    expect(state.order).toBe('TIMELINE');
    expect(state.topIds).toEqual([]);
    expect(state.pageInfo).toBeNull();
    expect(state.comments['c1']).toBeDefined();
    expect(run(state, { type: 'orderChanged', order: 'TIMELINE' })).toBe(state);
  });
});

describe('replies', () => {
  it('loads replies under their comment, expanded, and folds them again', () => {
    let state = loaded('NEWEST', [comment('c1', { replyCount: 3 })]);
    state = run(state, { type: 'repliesRequested', parentId: 'c1' });
    expect(state.replies['c1']?.loading).toBe(true);
    state = run(state, {
      type: 'repliesLoaded',
      parentId: 'c1',
      page: page([comment('r1'), comment('r2')], true, 3),
      append: false,
    });
    expect(repliesOf(state, 'c1').map((c) => c.id)).toEqual(['r1', 'r2']);
    expect(state.replies['c1']).toMatchObject({ expanded: true, loading: false });
    state = run(state, {
      type: 'repliesLoaded',
      parentId: 'c1',
      page: page([comment('r3')], false, 3),
      append: true,
    });
    expect(repliesOf(state, 'c1').map((c) => c.id)).toEqual(['r1', 'r2', 'r3']);
    state = run(state, { type: 'repliesToggled', parentId: 'c1', expanded: false });
    expect(state.replies['c1']?.expanded).toBe(false);
    expect(state.replies['c1']?.ids).toHaveLength(3);
  });

  it('keeps the error of a failed replies load', () => {
    const state = run(
      loaded(),
      { type: 'repliesRequested', parentId: 'c1' },
      { type: 'repliesFailed', parentId: 'c1', message: 'no' },
    );
    expect(state.replies['c1']).toMatchObject({ loading: false, error: 'no' });
  });
});

describe('comments added on this page (own posts)', () => {
  it('puts a new comment first when newest first, last when oldest first', () => {
    expect(
      run(loaded('NEWEST'), { type: 'commentAdded', comment: comment('n'), parentId: null }).topIds,
    ).toEqual(['n', 'c1', 'c2']);
    const oldest = run(loaded('OLDEST'), {
      type: 'commentAdded',
      comment: comment('n'),
      parentId: null,
    });
    expect(oldest.topIds).toEqual(['c1', 'c2', 'n']);
    expect(oldest.totalCount).toBe(6);
  });

  it('puts a timed comment at its moment in timeline order', () => {
    const state = loaded('TIMELINE', [
      comment('a', { atMs: 1000 }),
      comment('b', { atMs: 9000 }),
      comment('u'),
    ]);
    expect(
      run(state, { type: 'commentAdded', comment: comment('n', { atMs: 5000 }), parentId: null })
        .topIds,
    ).toEqual(['a', 'n', 'b', 'u']);
    expect(
      run(state, { type: 'commentAdded', comment: comment('n'), parentId: null }).topIds,
    ).toEqual(['a', 'b', 'u', 'n']);
  });

  it('shows a reply under its comment at once and counts it', () => {
    const state = run(loaded(), { type: 'commentAdded', comment: comment('r'), parentId: 'c1' });
    expect(visibleComment(state, 'c1')?.replyCount).toBe(1);
    expect(state.replies['c1']).toMatchObject({ ids: ['r'], expanded: true });
    expect(state.topIds).toEqual(['c1', 'c2']);
  });

  it('is idempotent: the same comment twice is one comment', () => {
    const once = run(loaded(), { type: 'commentAdded', comment: comment('n'), parentId: null });
    const twice = run(once, {
      type: 'commentAdded',
      comment: comment('n', { likeCount: 2 }),
      parentId: null,
    });
    expect(twice.topIds).toEqual(['n', 'c1', 'c2']);
    expect(twice.totalCount).toBe(once.totalCount);
    expect(visibleComment(twice, 'n')?.likeCount).toBe(2);
  });

  it('updates a known comment and ignores an unknown one', () => {
    const state = run(loaded(), {
      type: 'commentUpdated',
      comment: comment('c1', { body: 'edited elsewhere' }),
    });
    expect(visibleComment(state, 'c1')?.body).toBe('edited elsewhere');
    expect(run(state, { type: 'commentUpdated', comment: comment('zzz') })).toBe(state);
  });
});

describe('comments that arrive live (the subscription)', () => {
  const live = (id: string, parentId: string | null = null, overrides = {}) =>
    ({
      type: 'commentAdded',
      comment: comment(id, overrides),
      parentId,
      live: true,
    }) as const;
  const complete = (order: 'NEWEST' | 'OLDEST' | 'TIMELINE', nodes = [comment('c1')]) =>
    run(initialConversationState(order), {
      type: 'pageLoaded',
      page: page(nodes),
      mode: 'replace',
    });

  it('puts a new comment where the server lists it: first when newest first', () => {
    const state = run(loaded('NEWEST'), live('n'));
    expect(state.topIds).toEqual(['n', 'c1', 'c2']);
    expect(state.totalCount).toBe(6);
  });

  it('oldest first: last once every page is loaded, else left for "Load more" (counted)', () => {
    const partial = run(loaded('OLDEST'), live('n'));
    expect(partial.topIds).toEqual(['c1', 'c2']);
    expect(partial.totalCount).toBe(6);
    // The next page brings it in its place, once.
    const next = run(partial, {
      type: 'pageLoaded',
      page: page([comment('c3'), comment('n')]),
      mode: 'append',
    });
    expect(next.topIds).toEqual(['c1', 'c2', 'c3', 'n']);
    expect(run(complete('OLDEST'), live('n')).topIds).toEqual(['c1', 'n']);
  });

  it('timeline: at its moment among the loaded ones; untimed ones are not in the timeline', () => {
    const state = loaded('TIMELINE', [comment('a', { atMs: 1000 }), comment('b', { atMs: 9000 })]);
    expect(run(state, live('n', null, { atMs: 5000 })).topIds).toEqual(['a', 'n', 'b']);
    expect(run(state, live('n', null, { atMs: 20000 })).topIds).toEqual(['a', 'b']);
    const untimed = run(state, live('n'));
    expect(untimed.topIds).toEqual(['a', 'b']);
    expect(untimed.totalCount).toBe(state.totalCount);
  });

  it('your own comment coming back live (before or after your post returns) shows once', () => {
    const first = run(loaded('NEWEST'), live('n'), {
      type: 'commentAdded',
      comment: comment('n'),
      parentId: null,
    });
    const after = run(
      loaded('NEWEST'),
      { type: 'commentAdded', comment: comment('n'), parentId: null },
      live('n'),
    );
    for (const state of [first, after]) {
      expect(state.topIds).toEqual(['n', 'c1', 'c2']);
      expect(state.totalCount).toBe(6);
    }
    const reply = run(
      loaded(),
      { type: 'commentAdded', comment: comment('r'), parentId: 'c1' },
      live('r', 'c1'),
    );
    expect(visibleComment(reply, 'c1')?.replyCount).toBe(1);
    expect(repliesOf(reply, 'c1').map((c) => c.id)).toEqual(['r']);
  });

  it('a reply: counted on its thread; shown under it when the thread is open and loaded to its end', () => {
    const folded = run(loaded(), live('r', 'c1'));
    expect(visibleComment(folded, 'c1')?.replyCount).toBe(1);
    expect(folded.replies['c1']).toBeUndefined();
    const open = run(loaded(), {
      type: 'repliesLoaded',
      parentId: 'c1',
      page: page([comment('r0')]),
      append: false,
    });
    const shown = run(open, live('r', 'c1'));
    expect(repliesOf(shown, 'c1').map((c) => c.id)).toEqual(['r0', 'r']);
    expect(visibleComment(shown, 'c1')?.replyCount).toBe(2);
    const more = run(loaded(), {
      type: 'repliesLoaded',
      parentId: 'c1',
      page: page([comment('r0')], true, 3),
      append: false,
    });
    expect(repliesOf(run(more, live('r', 'c1')), 'c1').map((c) => c.id)).toEqual(['r0']);
  });
});

describe('optimistic actions', () => {
  const like = (opId: string, commentId = 'c1'): ConversationAction => ({
    type: 'opStarted',
    op: { opId, commentId, op: { kind: 'like' } },
  });

  it('shows a like at once and takes the server count when it succeeds', () => {
    let state = run(loaded(), like('op1'));
    expect(visibleComment(state, 'c1')).toMatchObject({ likedByMe: true, likeCount: 1 });
    expect(isPending(state, 'c1', ['like', 'unlike'])).toBe(true);
    state = run(state, {
      type: 'opSucceeded',
      opId: 'op1',
      comment: comment('c1', { likedByMe: true, likeCount: 7 }),
    });
    expect(visibleComment(state, 'c1')).toMatchObject({ likedByMe: true, likeCount: 7 });
    expect(state.pending).toEqual([]);
  });

  it('rolls a failed like back and keeps a message for the comment', () => {
    const state = run(loaded(), like('op1'), {
      type: 'opFailed',
      opId: 'op1',
      message: 'Could not like',
    });
    expect(visibleComment(state, 'c1')).toMatchObject({ likedByMe: false, likeCount: 0 });
    expect(state.failures['c1']).toBe('Could not like');
    expect(run(state, { type: 'failureDismissed', commentId: 'c1' }).failures).toEqual({});
    // The next action on that comment clears the old message.
    expect(run(state, like('op2')).failures).toEqual({});
  });

  it('rolls back only the operation that failed', () => {
    const state = run(
      loaded(),
      like('op1'),
      {
        type: 'opStarted',
        op: {
          opId: 'op2',
          commentId: 'c1',
          op: { kind: 'edit', body: 'better', editedAt: '2026-12-02T12:01:00.000Z' },
        },
      },
      { type: 'opFailed', opId: 'op1', message: 'nope' },
    );
    expect(visibleComment(state, 'c1')).toMatchObject({
      likedByMe: false,
      likeCount: 0,
      body: 'better',
    });
  });

  it('unlikes without going below zero', () => {
    const state = run(loaded('NEWEST', [comment('c1', { likedByMe: true, likeCount: 0 })]), {
      type: 'opStarted',
      op: { opId: 'u', commentId: 'c1', op: { kind: 'unlike' } },
    });
    expect(visibleComment(state, 'c1')).toMatchObject({ likedByMe: false, likeCount: 0 });
  });

  it('shows an edit at once with "edited", and restores the old text if it fails', () => {
    const editing: ConversationAction = {
      type: 'opStarted',
      op: {
        opId: 'e',
        commentId: 'c1',
        op: { kind: 'edit', body: 'fixed typo', editedAt: '2026-12-02T12:05:00.000Z' },
      },
    };
    let state = run(loaded(), editing);
    expect(visibleComment(state, 'c1')).toMatchObject({
      body: 'fixed typo',
      editedAt: '2026-12-02T12:05:00.000Z',
    });
    state = run(state, { type: 'opFailed', opId: 'e', message: 'too late' });
    expect(visibleComment(state, 'c1')).toMatchObject({ body: 'comment c1', editedAt: null });
  });

  it('soft-deletes at once, keeps the thread and its replies, and confirms without an answer body', () => {
    let state = run(
      loaded('NEWEST', [comment('c1', { replyCount: 1 })]),
      { type: 'commentAdded', comment: comment('r1'), parentId: 'c1' },
      { type: 'opStarted', op: { opId: 'd', commentId: 'c1', op: { kind: 'delete' } } },
    );
    expect(visibleComment(state, 'c1')).toMatchObject({ deleted: true, body: '', author: null });
    expect(state.topIds).toContain('c1');
    state = run(state, { type: 'opSucceeded', opId: 'd' });
    expect(state.comments['c1']).toMatchObject({ deleted: true, body: '' });
    expect(repliesOf(state, 'c1').map((c) => c.id)).toEqual(['r1']);
  });

  it('brings a comment back when its delete fails', () => {
    const state = run(
      loaded(),
      { type: 'opStarted', op: { opId: 'd', commentId: 'c2', op: { kind: 'delete' } } },
      { type: 'opFailed', opId: 'd', message: 'You are not allowed to do that.' },
    );
    expect(visibleComment(state, 'c2')).toMatchObject({ deleted: false, body: 'comment c2' });
    expect(state.failures['c2']).toBe('You are not allowed to do that.');
  });

  it('marks a report as sent at once, keeps it when it succeeds and undoes it when it fails', () => {
    const report: ConversationAction = {
      type: 'opStarted',
      op: { opId: 'r', commentId: 'c1', op: { kind: 'report' } },
    };
    const sending = run(loaded(), report);
    expect(isReported(sending, 'c1')).toBe(true);
    expect(isReported(run(sending, { type: 'opSucceeded', opId: 'r' }), 'c1')).toBe(true);
    expect(isReported(run(sending, { type: 'opFailed', opId: 'r', message: 'x' }), 'c1')).toBe(
      false,
    );
  });

  it('ignores answers for operations it does not know', () => {
    const state = loaded();
    expect(run(state, { type: 'opSucceeded', opId: 'ghost' })).toBe(state);
    expect(run(state, { type: 'opFailed', opId: 'ghost', message: 'x' })).toBe(state);
  });
});
