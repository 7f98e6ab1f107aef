'use client';

import Link from 'next/link';
import type { RefObject } from 'react';
import { FormAlert } from '@/components/FormAlert';
import { formatBytes } from '@/upload/audio-file';
import { timeLeftText, uploadPercent } from '@/upload/upload-progress';
import type { UploadProgressPhase } from './upload-phase';

const EYEBROW: Record<UploadProgressPhase['kind'], string> = {
  uploading: 'Uploading',
  processing: 'Processing',
  ready: 'Done',
  failed: 'Not finished',
  stalled: 'Processing',
};

/** After the form: upload progress, processing, and the outcome (ready, failed, stalled). */
export function UploadOutcome({
  phase,
  fileName,
  title,
  pollStatus,
  resultRef,
  onCancel,
  onRetry,
  onEdit,
  onAnother,
}: {
  phase: UploadProgressPhase;
  fileName: string;
  title: string;
  pollStatus: string;
  resultRef: RefObject<HTMLHeadingElement | null>;
  onCancel: () => void;
  onRetry: () => void;
  onEdit: () => void;
  onAnother: () => void;
}) {
  const uploading = phase.kind === 'uploading';
  const percent = uploading ? uploadPercent(phase.loaded, phase.total) : 100;
  const loaded = uploading ? phase.loaded : 0;
  const total = uploading ? phase.total : 0;
  const left = uploading ? timeLeftText(loaded, total, phase.bytesPerSecond) : undefined;
  const uploadDone =
    phase.kind !== 'uploading' && !(phase.kind === 'failed' && phase.stage === 'upload');

  let statusText: string;
  switch (phase.kind) {
    case 'uploading':
      statusText = 'Uploading…';
      break;
    case 'processing':
      statusText =
        pollStatus === 'PROCESSING'
          ? 'Processing: making the stream and the waveform…'
          : 'Upload complete. Waiting for processing to start…';
      break;
    case 'ready':
      statusText = 'Ready to play.';
      break;
    case 'failed':
      statusText = phase.stage === 'upload' ? 'Upload failed.' : 'Processing failed.';
      break;
    case 'stalled':
      statusText = 'Still processing.';
      break;
  }

  return (
    <section className="card upload-card upload-status" aria-labelledby="upload-status-title">
      <p className="eyebrow">{EYEBROW[phase.kind]}</p>
      <h2 id="upload-status-title" className="section-title upload-status__title">
        {title || fileName}
      </h2>
      <p className="upload-status__file">{fileName}</p>

      <div className="upload-steps">
        <div
          className="progress"
          role="progressbar"
          aria-label="Upload progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={
            uploading
              ? `${percent}% (${formatBytes(loaded)} of ${formatBytes(total)})`
              : `${percent}%`
          }
          data-done={uploadDone ? 'true' : undefined}
        >
          <div className="progress__fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="upload-status__numbers" aria-hidden="true">
          <span>{percent}%</span>
          {uploading ? (
            <span>
              {formatBytes(loaded)} of {formatBytes(total)}
              {left ? ` · ${left}` : ''}
            </span>
          ) : null}
        </p>
      </div>

      <div
        className="upload-status__state"
        role="status"
        aria-live="polite"
        data-phase={phase.kind}
      >
        {phase.kind === 'uploading' || phase.kind === 'processing' ? (
          <span className="spinner" aria-hidden="true" />
        ) : null}
        <span className="upload-status__text">{statusText}</span>
      </div>

      {phase.kind === 'uploading' ? (
        <div className="form-actions">
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel upload
          </button>
        </div>
      ) : null}

      {phase.kind === 'ready' ? (
        <div className="upload-result upload-result--ready">
          <h3 ref={resultRef} tabIndex={-1} className="upload-result__title">
            “{title}” is live
          </h3>
          <p>It is streaming now, waveform and all.</p>
          <div className="form-actions">
            <Link href={`/songs/${phase.songId}`} className="button button--primary">
              Play
            </Link>
            <button type="button" className="button button--ghost" onClick={onAnother}>
              Upload another
            </button>
          </div>
        </div>
      ) : null}

      {phase.kind === 'failed' ? (
        <div className="upload-result">
          <h3 ref={resultRef} tabIndex={-1} className="upload-result__title">
            {phase.stage === 'upload'
              ? 'The upload did not finish'
              : 'We could not process this file'}
          </h3>
          <FormAlert>{phase.reason}</FormAlert>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={onRetry}>
              Try again
            </button>
            <button type="button" className="button button--ghost" onClick={onEdit}>
              Change file or details
            </button>
          </div>
        </div>
      ) : null}

      {phase.kind === 'stalled' ? (
        <div className="upload-result">
          <h3 ref={resultRef} tabIndex={-1} className="upload-result__title">
            This is taking longer than usual
          </h3>
          <p>
            Your file is uploaded and will be ready soon. The song page updates by itself when it
            is.
          </p>
          <div className="form-actions">
            <Link href={`/songs/${phase.songId}`} className="button button--primary">
              Open the song page
            </Link>
            <button type="button" className="button button--ghost" onClick={onAnother}>
              Upload another
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
