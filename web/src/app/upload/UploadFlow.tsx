'use client';

import { SongDetailsForm } from './SongDetailsForm';
import { UploadOutcome } from './UploadOutcome';
import { useUploadFlow } from './use-upload-flow';

/** The upload page: the details form, then progress and the outcome (state in useUploadFlow). */
export function UploadFlow({ defaultArtistName }: { defaultArtistName: string }) {
  const { pollStatus, resultRef, cancel, retry, edit, reset, ...form } =
    useUploadFlow(defaultArtistName);
  const { phase, chosen, values } = form;
  return (
    <div className="upload-layout">
      {phase.kind === 'form' || phase.kind === 'requesting' ? (
        <SongDetailsForm {...form} />
      ) : (
        <UploadOutcome
          phase={phase}
          fileName={chosen?.file.name ?? ''}
          title={values.title.trim()}
          pollStatus={pollStatus}
          resultRef={resultRef}
          onCancel={cancel}
          onRetry={retry}
          onEdit={edit}
          onAnother={reset}
        />
      )}
    </div>
  );
}
