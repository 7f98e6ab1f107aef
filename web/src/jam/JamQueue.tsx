'use client';

import { useState } from 'react';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import type { JamSessionFieldsFragment } from '@/gql/graphql';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import {
  ADD_TO_JAM_QUEUE_MUTATION,
  JAM_SONG_SEARCH_QUERY,
  MOVE_JAM_QUEUE_ITEM_MUTATION,
  REMOVE_FROM_JAM_QUEUE_MUTATION,
} from './jam.operations';

/** The shared queue: who added what, move up/down (buttons: keyboard accessible), remove, add from search. */
export function JamQueue({
  id,
  session,
  canEdit,
  currentItemId,
}: {
  id: string;
  session: JamSessionFieldsFragment;
  canEdit: boolean;
  currentItemId: string | null;
}) {
  const [move] = useMutation(MOVE_JAM_QUEUE_ITEM_MUTATION);
  const [remove] = useMutation(REMOVE_FROM_JAM_QUEUE_MUTATION);
  const [add] = useMutation(ADD_TO_JAM_QUEUE_MUTATION);
  const [search, { data: found }] = useLazyQuery(JAM_SONG_SEARCH_QUERY);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (promise: Promise<unknown>) =>
    promise.then(
      () => setError(null),
      (e: unknown) => setError(formErrorsFromApolloError(e).form ?? 'That did not work.'),
    );

  const queue = session.queue;
  return (
    <section className="jam-queue" aria-labelledby="jam-queue-title">
      <h2 id="jam-queue-title">Queue</h2>
      {queue.length === 0 ? <p>The queue is empty.</p> : null}
      <ol className="jam-queue__list">
        {queue.map((item, index) => (
          <li key={item.id} aria-current={item.id === currentItemId ? 'true' : undefined}>
            <span className="jam-queue__song">
              {item.song.title} — {item.song.artist.name}
            </span>{' '}
            <span className="jam-queue__by">added by {item.addedBy.displayName}</span>
            {canEdit ? (
              <span className="jam-queue__actions">
                <button
                  type="button"
                  className="button button--ghost"
                  disabled={index === 0}
                  aria-label={`Move ${item.song.title} up`}
                  onClick={() =>
                    void run(move({ variables: { id, itemId: item.id, toIndex: index - 1 } }))
                  }
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  disabled={index === queue.length - 1}
                  aria-label={`Move ${item.song.title} down`}
                  onClick={() =>
                    void run(move({ variables: { id, itemId: item.id, toIndex: index + 1 } }))
                  }
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={`Remove ${item.song.title}`}
                  onClick={() => void run(remove({ variables: { id, itemId: item.id } }))}
                >
                  Remove
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <form
        className="jam-queue__add"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim().length >= 2) void search({ variables: { query: text.trim() } });
        }}
      >
        <label>
          Add songs <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>{' '}
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {found?.search.songs.edges.length ? (
        <ul className="jam-queue__results" aria-label="Search results">
          {found.search.songs.edges
            .filter(({ node }) => node.status === 'READY')
            .map(({ node }) => (
              <li key={node.id}>
                {node.title} — {node.artist.name}{' '}
                <button
                  type="button"
                  className="button"
                  aria-label={`Add ${node.title} to the queue`}
                  onClick={() => void run(add({ variables: { id, songIds: [node.id] } }))}
                >
                  Add
                </button>
              </li>
            ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
