'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { ActionMessage, failureMessage } from '@/preferences/ActionMessage';
import { PLAYLIST_NAME_MAX } from '@/playlists/CreatePlaylistForm';
import { PlayAllButton } from '@/songs/TrackList';
import type { TrackFields } from '@/songs/track.fragment';
import { DELETE_PLAYLIST, UPDATE_PLAYLIST, type PlaylistPagePlaylist } from './playlist.query';

/** Name, owner, size; "Play all", "Copy link" (public), and for the owner rename, visibility, delete. */
export function PlaylistHeader({
  playlist,
  songs,
}: {
  playlist: PlaylistPagePlaylist;
  songs: TrackFields[];
}) {
  const router = useRouter();
  const nameId = useId();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(playlist.name);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState<string>();
  const [update, { loading: saving }] = useMutation(UPDATE_PLAYLIST);
  const [remove, { loading: deleting }] = useMutation(DELETE_PLAYLIST);
  const dialogRef = useRef<HTMLDialogElement>(null);

  const save = async (input: {
    name?: string;
    visibility?: 'PUBLIC' | 'PRIVATE';
    collaborative?: boolean;
  }) => {
    setError(undefined);
    try {
      await update({ variables: { id: playlist.id, input } });
      setRenaming(false);
      router.refresh();
    } catch (e) {
      const errors = formErrorsFromApolloError(e);
      setError(errors.fields.name ?? errors.form ?? failureMessage('save the playlist'));
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the playlist a name.');
      return;
    }
    void save({ name: trimmed });
  };

  const copyLink = async () => {
    const url = `${window.location.origin}/playlists/${playlist.id}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied.');
    } catch {
      setCopied(`Copy this link: ${url}`);
    }
  };

  const confirmDelete = async () => {
    try {
      await remove({ variables: { id: playlist.id } });
      router.push('/library');
      router.refresh();
    } catch {
      dialogRef.current?.close();
      setError(failureMessage('delete the playlist'));
    }
  };

  const count = playlist.itemCount;
  return (
    <header className="media-header media-header--playlist">
      <div className="playlist-cover" aria-hidden="true">
        ♫
      </div>
      <div className="media-header__text">
        <p className="eyebrow">
          {playlist.visibility === 'PUBLIC' ? 'Public playlist' : 'Private playlist'}
          {playlist.collaborative ? ' · Collaborative' : ''}
        </p>
        {renaming ? (
          <form className="playlist-rename" onSubmit={rename}>
            <label htmlFor={nameId} className="visually-hidden">
              Playlist name
            </label>
            <input
              id={nameId}
              className="field__input"
              value={name}
              maxLength={PLAYLIST_NAME_MAX}
              onChange={(event) => setName(event.target.value)}
            />
            <button
              type="submit"
              className="button button--primary button--small"
              disabled={saving}
            >
              Save
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => {
                setRenaming(false);
                setName(playlist.name);
              }}
            >
              Cancel
            </button>
          </form>
        ) : null}
        <h1 id="playlist-title" hidden={renaming}>
          {playlist.name}
        </h1>
        {playlist.description ? (
          <p className="playlist-description">{playlist.description}</p>
        ) : null}
        <p className="media-header__meta">
          By <Link href={`/users/${playlist.owner.id}`}>{playlist.owner.displayName}</Link>
          <span aria-hidden="true"> · </span>
          <span data-testid="playlist-count">
            {count} song{count === 1 ? '' : 's'}
          </span>
        </p>
        <div className="form-actions">
          <PlayAllButton songs={songs} />
          {playlist.visibility === 'PUBLIC' ? (
            <button type="button" className="button button--ghost" onClick={copyLink}>
              Copy link
            </button>
          ) : null}
          {playlist.ownedByMe ? (
            <>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setRenaming(true)}
                hidden={renaming}
              >
                Rename
              </button>
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={playlist.visibility === 'PUBLIC'}
                  disabled={saving}
                  onChange={(event) =>
                    void save({ visibility: event.target.checked ? 'PUBLIC' : 'PRIVATE' })
                  }
                />
                Public
              </label>
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={playlist.collaborative}
                  disabled={saving}
                  onChange={(event) => void save({ collaborative: event.target.checked })}
                />
                Collaborative
              </label>
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => dialogRef.current?.showModal()}
              >
                Delete
              </button>
            </>
          ) : null}
        </div>
        <p className="action-status" role="status">
          {copied ?? ''}
        </p>
        <ActionMessage message={error} />
      </div>
      <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby="delete-playlist-title">
        <h2 id="delete-playlist-title">Delete “{playlist.name}”?</h2>
        <p>
          The playlist disappears for everyone, collaborators too. The songs stay in the catalogue.
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="button button--danger-solid"
            onClick={confirmDelete}
            disabled={deleting}
          >
            Delete playlist
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => dialogRef.current?.close()}
          >
            Cancel
          </button>
        </div>
      </dialog>
    </header>
  );
}
