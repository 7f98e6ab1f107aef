import {
  initialModerationQueueState as initial,
  moderationQueueReducer as reduce,
  targetHref,
  type ModerationQueueAction,
  type ModerationQueueState,
  type QueueEntry,
} from '../moderation-queue-state';

function run(state: ModerationQueueState, ...actions: ModerationQueueAction[]) {
  return actions.reduce(reduce, state);
}

function entry(id: string, hidden = false): QueueEntry {
  return {
    cursor: `cursor-${id}`,
    reportCount: 3,
    reasons: ['spam'],
    lastReportedAt: '2026-12-02T12:00:00.000Z',
    comment: {
      id,
      body: `comment ${id}`,
      createdAt: '2026-12-02T11:00:00.000Z',
      deleted: false,
      hidden,
      targetType: 'SONG',
      targetId: 'song-1',
      author: { id: 'u1', displayName: 'Ada' },
    } as QueueEntry['comment'],
  };
}

const page = (entries: QueueEntry[], hasNextPage: boolean, totalCount = 3) => ({
  entries,
  hasNextPage,
  endCursor: entries.at(-1)?.cursor ?? null,
  totalCount,
});

describe('the moderation queue page', () => {
  it('loads a page, then appends the next without showing a comment twice', () => {
    const first = run(
      initial,
      { type: 'pageRequested' },
      {
        type: 'pageLoaded',
        append: false,
        page: page([entry('a'), entry('b')], true),
      },
    );
    expect(first).toMatchObject({
      loaded: true,
      loading: false,
      hasNextPage: true,
      endCursor: 'cursor-b',
    });
    const next = run(
      first,
      { type: 'pageRequested' },
      {
        type: 'pageLoaded',
        append: true,
        page: page([entry('b'), entry('c')], false),
      },
    );
    expect(next.entries.map((e) => e.comment.id)).toEqual(['a', 'b', 'c']);
    expect(next.hasNextPage).toBe(false);
  });

  it('says why when the first page is refused; a failed "Load more" keeps what is shown', () => {
    expect(
      run(initial, { type: 'pageFailed', refusal: 'not-moderator', message: 'Forbidden' }).refusal,
    ).toBe('not-moderator');
    const shown = run(initial, {
      type: 'pageLoaded',
      append: false,
      page: page([entry('a')], true),
    });
    const failed = run(shown, {
      type: 'pageFailed',
      refusal: 'unavailable',
      message: 'Try again.',
    });
    expect(failed.refusal).toBeNull();
    expect(failed.error).toBe('Try again.');
    expect(failed.entries).toHaveLength(1);
  });

  it('hides and unhides in place once the server confirms; a failure keeps its message', () => {
    const shown = run(initial, {
      type: 'pageLoaded',
      append: false,
      page: page([entry('a')], false),
    });
    const started = run(shown, { type: 'decisionStarted', commentId: 'a' });
    expect(started.pending).toEqual({ a: true });
    const hidden = run(started, { type: 'decisionSucceeded', comment: entry('a', true).comment });
    expect(hidden.entries[0]!.comment.hidden).toBe(true);
    expect(hidden.pending).toEqual({});
    const failed = run(
      hidden,
      { type: 'decisionStarted', commentId: 'a' },
      {
        type: 'decisionFailed',
        commentId: 'a',
        message: 'The comment was not shown again.',
      },
    );
    expect(failed.failures).toEqual({ a: 'The comment was not shown again.' });
    expect(failed.entries[0]!.comment.hidden).toBe(true);
    expect(run(failed, { type: 'decisionStarted', commentId: 'a' }).failures).toEqual({});
  });

  it('links to what the comment is on', () => {
    expect(targetHref('SONG', 's1')).toBe('/songs/s1');
    expect(targetHref('ALBUM', 'a 1')).toBe('/albums/a%201');
    expect(targetHref('PLAYLIST', 'p1')).toBe('/playlists/p1');
    expect(targetHref('OTHER', 'x')).toBeNull();
  });
});
