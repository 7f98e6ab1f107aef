'use client';

import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { CREATE_PLAYLIST } from './playlist.operations';

export const PLAYLIST_NAME_MAX = 100;

/**
 * "New playlist": a name (and, on the library page, PUBLIC/PRIVATE). Calls `onCreated` with the new
 * playlist (the menu then adds the song to it; the library opens it).
 */
export function CreatePlaylistForm({
  onCreated,
  onCancel,
  compact = false,
  autoFocus = false,
}: {
  onCreated: (playlist: { id: string; name: string }) => void | Promise<void>;
  onCancel?: () => void;
  compact?: boolean;
  autoFocus?: boolean;
}) {
  const nameId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<'PUBLIC' | 'PRIVATE'>('PRIVATE');
  const [error, setError] = useState<string>();
  const [create, { loading }] = useMutation(CREATE_PLAYLIST, {
    refetchQueries: ['MyPlaylists'],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the playlist a name.');
      return;
    }
    setError(undefined);
    try {
      const { data } = await create({ variables: { input: { name: trimmed, visibility } } });
      if (data?.createPlaylist) {
        setName('');
        await onCreated(data.createPlaylist);
      }
    } catch (e) {
      const errors = formErrorsFromApolloError(e);
      setError(errors.fields.name ?? errors.form ?? 'The playlist could not be created.');
    }
  };

  return (
    <form
      className={compact ? 'playlist-form playlist-form--compact' : 'playlist-form'}
      onSubmit={submit}
    >
      <label htmlFor={nameId} className={compact ? 'visually-hidden' : 'field__label'}>
        Playlist name
      </label>
      <input
        id={nameId}
        className="field__input"
        value={name}
        maxLength={PLAYLIST_NAME_MAX}
        placeholder="New playlist name"
        onChange={(event) => setName(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoFocus={autoFocus}
      />
      {compact ? null : (
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={visibility === 'PUBLIC'}
            onChange={(event) => setVisibility(event.target.checked ? 'PUBLIC' : 'PRIVATE')}
          />
          Public (anyone with the link can see it)
        </label>
      )}
      <div className="playlist-form__actions">
        <button type="submit" className="button button--primary button--small" disabled={loading}>
          {loading ? 'Creating…' : 'Create playlist'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost button--small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <p id={errorId} className="field__error" role="alert">
        {error ?? ''}
      </p>
    </form>
  );
}
