'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { ActionMessage, failureMessage } from '@/preferences/ActionMessage';
import { CLEAR_HISTORY } from './library.query';

/** "Clear history", confirmed in a native <dialog> (focus moves in, Escape cancels). */
export function ClearHistoryButton() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [clear, { loading }] = useMutation(CLEAR_HISTORY);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setError(undefined);
    try {
      await clear();
      dialogRef.current?.close();
      router.refresh();
    } catch {
      dialogRef.current?.close();
      setError(failureMessage('clear your history'));
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => dialogRef.current?.showModal()}
      >
        Clear history
      </button>
      <ActionMessage message={error} />
      <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby="clear-history-title">
        <h2 id="clear-history-title">Clear your listening history?</h2>
        <p>
          Everything you played disappears from your library. Your liked songs and playlists stay.
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="button button--danger-solid"
            onClick={confirm}
            disabled={loading}
          >
            {loading ? 'Clearing…' : 'Clear history'}
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
    </>
  );
}
