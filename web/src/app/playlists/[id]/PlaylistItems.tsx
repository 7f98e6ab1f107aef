'use client';

import { useApolloClient, useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatDuration, spokenDuration } from '@/format/durations';
import type { PlaylistItemFieldsFragment } from '@/gql/graphql';
import { playableTracks } from '@/player/track';
import { usePlayer } from '@/player/PlayerProvider';
import { ActionMessage, failureMessage } from '@/preferences/ActionMessage';
import { GripIcon } from '@/preferences/icons';
import { LikeButton } from '@/preferences/LikeButton';
import {
  cancelAnnouncement,
  dropAnnouncement,
  grabAnnouncement,
  moveAnnouncement,
  moveItem,
  reorderCommandForKey,
} from '@/playlists/reorder';
import { SongPlayButton } from '@/songs/SongPlayButton';
import { SongStatusBadge } from '@/songs/SongStatusBadge';
import {
  MOVE_PLAYLIST_ITEM,
  PLAYLIST_ITEMS_PAGE_SIZE,
  PLAYLIST_ITEMS_QUERY,
  REMOVE_FROM_PLAYLIST,
} from './playlist.query';

type Item = PlaylistItemFieldsFragment;

/**
 * The playlist's songs, in order. Editors reorder them by dragging a row, or from the keyboard on
 * the row's grab handle (reorder.ts: Alt+ArrowUp/Down, or Space to grab, arrows, Space to drop,
 * Escape to put it back); every move is shown at once, saved with `movePlaylistItem` in order (a
 * chain, so quick moves reach the server as made), put back with a message if the server refuses,
 * and announced in a live region.
 */
export function PlaylistItems({
  playlistId,
  initialItems,
  totalCount,
  endCursor,
  editable,
  name,
}: {
  playlistId: string;
  initialItems: Item[];
  totalCount: number;
  endCursor: string | null;
  editable: boolean;
  name: string;
}) {
  const router = useRouter();
  const player = usePlayer();
  const helpId = useId();
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(endCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const client = useApolloClient();
  const [grabbed, setGrabbed] = useState<{ itemId: string; origin: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string>();
  const [focusId, setFocusId] = useState<string | null>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const dragFrom = useRef<number | null>(null);
  const [move] = useMutation(MOVE_PLAYLIST_ITEM);
  const [removeItems] = useMutation(REMOVE_FROM_PLAYLIST);
  const tracks = useMemo(() => playableTracks(items.map((item) => item.song)), [items]);

  // The moved row keeps the keyboard focus (React moved its DOM node).
  useEffect(() => {
    if (!focusId) return;
    const handle = handles.current.get(focusId);
    if (handle && document.activeElement !== handle) handle.focus();
  }, [items, focusId]);

  /** Saves a move made on screen; `before` is the list to go back to if it fails. */
  const persistMove = (itemId: string, toPosition: number, before: Item[]) => {
    saving.current = saving.current.then(() =>
      move({ variables: { playlistId, itemId, toPosition } }).catch(() => {
        setItems(before);
        setError(failureMessage('save the new order'));
      }),
    );
  };

  const moveTo = (item: Item, from: number, to: number, persist = true) => {
    const before = items;
    const next = moveItem(items, from, to);
    setItems(next);
    setFocusId(item.id);
    setError(undefined);
    setAnnouncement(moveAnnouncement(item.song.title, to, next.length));
    if (persist) persistMove(item.id, to, before);
  };

  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>, item: Item, index: number) => {
    const isGrabbed = grabbed?.itemId === item.id;
    const command = reorderCommandForKey(
      { key: event.key, altKey: event.altKey },
      { index, length: items.length, grabbed: isGrabbed },
    );
    if (!command) return;
    event.preventDefault();
    switch (command.kind) {
      case 'grab':
        setGrabbed({ itemId: item.id, origin: index });
        setAnnouncement(grabAnnouncement(item.song.title, index, items.length));
        break;
      case 'move':
        moveTo(item, index, command.to);
        break;
      case 'drop':
        setGrabbed(null);
        setAnnouncement(dropAnnouncement(item.song.title, index, items.length));
        break;
      case 'cancel':
        if (grabbed && grabbed.origin !== index) moveTo(item, index, grabbed.origin);
        setGrabbed(null);
        setAnnouncement(
          cancelAnnouncement(item.song.title, grabbed?.origin ?? index, items.length),
        );
        break;
    }
  };

  const remove = (item: Item) => {
    const before = items;
    setItems(items.filter((other) => other.id !== item.id));
    setAnnouncement(`${item.song.title} removed from ${name}.`);
    setError(undefined);
    saving.current = saving.current.then(() =>
      removeItems({ variables: { playlistId, itemIds: [item.id] } })
        .then(() => router.refresh())
        .catch(() => {
          setItems(before);
          setError(failureMessage(`remove “${item.song.title}”`));
        }),
    );
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setError(undefined);
    try {
      const { data } = await client.query({
        query: PLAYLIST_ITEMS_QUERY,
        variables: { id: playlistId, first: PLAYLIST_ITEMS_PAGE_SIZE, after: cursor },
        fetchPolicy: 'no-cache',
      });
      const page = data?.playlist?.items;
      if (page) {
        const known = new Set(items.map((item) => item.id));
        setItems([
          ...items,
          ...page.edges.map((edge) => edge.node).filter((n) => !known.has(n.id)),
        ]);
        setCursor(page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null);
      }
    } catch {
      setError(failureMessage('load more songs'));
    } finally {
      setLoadingMore(false);
    }
  };

  if (items.length === 0) {
    return (
      <section aria-label="Songs" className="media-section">
        <p className="empty-state">
          No songs yet. Use “Add to playlist” on any song to add it here.
        </p>
      </section>
    );
  }

  return (
    <section aria-label="Songs" className="media-section">
      {editable ? (
        <p id={helpId} className="visually-hidden">
          To move a song, press Alt and the up or down arrow on its handle, or press Space to grab
          it, move it with the arrow keys and press Space again to drop it.
        </p>
      ) : null}
      <ol className="track-list playlist-items" aria-label={`Songs of ${name}`}>
        {items.map((item, index) => {
          const song = item.song;
          const current = player.track?.id === song.id;
          const isGrabbed = grabbed?.itemId === item.id;
          return (
            <li
              key={item.id}
              className="track-row"
              data-current={current ? 'true' : undefined}
              data-grabbed={isGrabbed ? 'true' : undefined}
              data-item-id={item.id}
              draggable={editable}
              onDragStart={(event) => {
                dragFrom.current = index;
                event.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(event) => {
                if (dragFrom.current !== null) event.preventDefault();
              }}
              onDrop={(event) => {
                event.preventDefault();
                const from = dragFrom.current;
                dragFrom.current = null;
                if (from !== null && from !== index) moveTo(items[from]!, from, index);
              }}
              onDragEnd={() => {
                dragFrom.current = null;
              }}
            >
              {editable ? (
                <button
                  type="button"
                  className="icon-button icon-button--small grab-handle"
                  aria-label={`Move ${song.title}, position ${index + 1} of ${items.length}`}
                  aria-describedby={helpId}
                  aria-pressed={isGrabbed}
                  ref={(element) => {
                    if (element) handles.current.set(item.id, element);
                    else handles.current.delete(item.id);
                  }}
                  onKeyDown={(event) => onHandleKey(event, item, index)}
                >
                  <GripIcon />
                </button>
              ) : null}
              <span className="track-row__number" aria-hidden="true">
                {index + 1}
              </span>
              <SongPlayButton song={song} queue={tracks} />
              <div className="track-row__main">
                <Link href={`/songs/${song.id}`} className="track-row__title">
                  {song.title}
                </Link>
                <span className="track-row__sub">
                  <Link href={`/artists/${song.artist.id}`}>{song.artist.name}</Link>
                </span>
              </div>
              {song.status !== 'READY' ? <SongStatusBadge status={song.status} /> : null}
              <LikeButton songId={song.id} title={song.title} initial={song} />
              <span className="track-row__duration">
                <span aria-hidden="true">{formatDuration(song.durationMs)}</span>
                <span className="visually-hidden">{spokenDuration(song.durationMs)}</span>
              </span>
              {editable ? (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`Remove ${song.title} from the playlist`}
                  onClick={() => remove(item)}
                >
                  Remove
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {cursor ? (
        <div className="load-more">
          <button
            type="button"
            className="button button--ghost"
            onClick={() => void loadMore()}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : `Load more (${items.length} of ${totalCount})`}
          </button>
        </div>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ActionMessage message={error} />
    </section>
  );
}
