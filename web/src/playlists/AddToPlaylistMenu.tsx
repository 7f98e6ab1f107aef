'use client';

import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { PlusIcon } from '@/preferences/icons';
import { useSignedIn } from '@/preferences/use-signed-in';
import { CreatePlaylistForm } from './CreatePlaylistForm';
import { ADD_TO_PLAYLIST, MY_PLAYLISTS, MY_PLAYLISTS_PAGE_SIZE } from './playlist.operations';
import { filterPlaylists } from './playlist-search';

/**
 * "Add to playlist" on a song: a small dialog-like menu (non-modal; Escape or a click outside
 * closes it and focus returns to the button) with a search over the listener's playlists and
 * "New playlist" (created, then the song is added to it).
 */
export function AddToPlaylistMenu({ songId, title }: { songId: string; title: string }) {
  const { signedIn, goToSignIn } = useSignedIn();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const menuId = useId();
  const searchId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [load, { data, loading }] = useLazyQuery(MY_PLAYLISTS, {
    fetchPolicy: 'cache-and-network',
  });
  const [add, { loading: adding }] = useMutation(ADD_TO_PLAYLIST, {
    refetchQueries: ['MyPlaylists'],
  });

  const playlists = useMemo(
    () => (data?.library?.playlists.edges ?? []).map((edge) => edge.node),
    [data],
  );
  const shown = useMemo(() => filterPlaylists(playlists, search), [playlists, search]);

  const close = (returnFocus = true) => {
    setOpen(false);
    setCreating(false);
    setSearch('');
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const toggle = () => {
    if (!signedIn) {
      goToSignIn();
      return;
    }
    if (open) {
      close();
      return;
    }
    setStatus('');
    setError('');
    setOpen(true);
    void load({ variables: { first: MY_PLAYLISTS_PAGE_SIZE } }).catch(() => undefined);
  };

  const addTo = async (playlist: { id: string; name: string }) => {
    setError('');
    try {
      await add({ variables: { playlistId: playlist.id, songIds: [songId] } });
      setStatus(`Added “${title}” to ${playlist.name}.`);
      close();
    } catch {
      setError(`Couldn’t add “${title}” to ${playlist.name}. Try again.`);
    }
  };

  return (
    <div
      className="add-to-playlist"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="icon-button icon-button--small"
        aria-label={`Add ${title} to a playlist`}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title="Add to playlist"
        onClick={toggle}
      >
        <PlusIcon />
      </button>
      {open ? (
        <div
          id={menuId}
          className="add-to-playlist__menu"
          role="group"
          aria-label={`Add ${title} to a playlist`}
        >
          {creating ? (
            <CreatePlaylistForm
              compact
              autoFocus
              onCancel={() => setCreating(false)}
              onCreated={(playlist) => addTo(playlist)}
            />
          ) : (
            <>
              <label htmlFor={searchId} className="visually-hidden">
                Search your playlists
              </label>
              <input
                id={searchId}
                className="field__input field__input--small"
                type="search"
                placeholder="Search your playlists"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                autoFocus
              />
              <ul className="add-to-playlist__list">
                <li>
                  <button
                    type="button"
                    className="add-to-playlist__item add-to-playlist__new"
                    onClick={() => setCreating(true)}
                  >
                    <PlusIcon /> New playlist
                  </button>
                </li>
                {shown.map((playlist) => (
                  <li key={playlist.id}>
                    <button
                      type="button"
                      className="add-to-playlist__item"
                      disabled={adding}
                      onClick={() => void addTo(playlist)}
                    >
                      {playlist.name}
                      <span className="add-to-playlist__count">
                        {playlist.itemCount} song{playlist.itemCount === 1 ? '' : 's'}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {loading && playlists.length === 0 ? (
                <p className="add-to-playlist__note">Loading your playlists…</p>
              ) : playlists.length > 0 && shown.length === 0 ? (
                <p className="add-to-playlist__note">No playlist matches “{search}”.</p>
              ) : null}
            </>
          )}
        </div>
      ) : null}
      <span className="action-status" role="status">
        {status}
      </span>
      <span className="action-message" role="alert">
        {error}
      </span>
    </div>
  );
}
