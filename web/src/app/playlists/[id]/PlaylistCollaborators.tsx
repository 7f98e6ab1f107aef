'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { userIdFromInput } from '@/playlists/collaborator-input';
import {
  ADD_PLAYLIST_COLLABORATOR,
  REMOVE_PLAYLIST_COLLABORATOR,
  type PlaylistPagePlaylist,
} from './playlist.query';

/** Who may edit the playlist; the owner invites (by profile link) and removes collaborators. */
export function PlaylistCollaborators({ playlist }: { playlist: PlaylistPagePlaylist }) {
  const router = useRouter();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState('');
  const [add, { loading }] = useMutation(ADD_PLAYLIST_COLLABORATOR);
  const [remove] = useMutation(REMOVE_PLAYLIST_COLLABORATOR);

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    const userId = userIdFromInput(value);
    if (!userId) {
      setError('Paste their user id (or a link ending in /users/<id>).');
      return;
    }
    setError(undefined);
    try {
      const { data } = await add({ variables: { playlistId: playlist.id, userId } });
      const added = data?.addPlaylistCollaborator.collaborators.find((u) => u.id === userId);
      setValue('');
      setStatus(added ? `${added.displayName} can now edit this playlist.` : 'Invited.');
      router.refresh();
    } catch (e) {
      const errors = formErrorsFromApolloError(e);
      setError(errors.fields.userId ?? errors.form ?? 'That person could not be invited.');
    }
  };

  const uninvite = async (user: { id: string; displayName: string }) => {
    try {
      await remove({ variables: { playlistId: playlist.id, userId: user.id } });
      setStatus(`${user.displayName} no longer edits this playlist.`);
      router.refresh();
    } catch {
      setError(`${user.displayName} could not be removed. Try again.`);
    }
  };

  return (
    <section aria-labelledby="collaborators-title" className="media-section playlist-collaborators">
      <h2 id="collaborators-title" className="section-title">
        Collaborators
      </h2>
      {playlist.collaborators.length === 0 ? (
        <p className="empty-state">Only you can change this playlist.</p>
      ) : (
        <ul className="collaborator-list">
          {playlist.collaborators.map((user) => (
            <li key={user.id}>
              <span>{user.displayName}</span>
              {playlist.ownedByMe ? (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`Remove ${user.displayName} as a collaborator`}
                  onClick={() => void uninvite(user)}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {playlist.ownedByMe ? (
        <form className="collaborator-form" onSubmit={invite}>
          <label htmlFor={inputId} className="field__label">
            Invite a collaborator
          </label>
          <input
            id={inputId}
            className="field__input"
            value={value}
            placeholder="Their user id"
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={errorId}
          />
          <button type="submit" className="button button--primary button--small" disabled={loading}>
            Invite
          </button>
          <p id={errorId} className="field__error" role="alert">
            {error ?? ''}
          </p>
        </form>
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </section>
  );
}
