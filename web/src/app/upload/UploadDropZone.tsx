'use client';

import { useRef, useState, type DragEvent } from 'react';
import {
  AUDIO_ACCEPT,
  formatBytes,
  MAX_UPLOAD_BYTES,
  SUPPORTED_FORMATS_TEXT,
} from '@/upload/audio-file';
import type { ChosenFile } from './use-upload-flow';

/** The "Audio file" field: a button that opens the file picker and takes a dropped file. */
export function UploadDropZone({
  id,
  chosen,
  error,
  disabled,
  onChoose,
  onDropFiles,
}: {
  /** Prefix of the field's element ids (`${id}-drop` is the button the form focuses). */
  id: string;
  chosen: ChosenFile | null;
  error: string | undefined;
  disabled: boolean;
  onChoose: (file: File | undefined) => void;
  onDropFiles: (files: FileList) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const fileErrorId = `${id}-file-error`;
  const fileHintId = `${id}-file-hint`;

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    onDropFiles(event.dataTransfer.files);
  };

  return (
    <div className="field">
      <span className="field__label" id={`${id}-file-label`}>
        Audio file
      </span>
      <button
        type="button"
        id={`${id}-drop`}
        className="dropzone"
        data-dragging={dragging ? 'true' : undefined}
        data-has-file={chosen ? 'true' : undefined}
        aria-labelledby={`${id}-file-label ${id}-drop-text`}
        aria-describedby={[error ? fileErrorId : '', fileHintId].filter(Boolean).join(' ')}
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <svg
          className="dropzone__icon"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
        >
          {chosen ? (
            <>
              <path d="M9 18V5l11-2v13" />
              <circle cx="6" cy="18" r="3" />
              <circle cx="17" cy="16" r="3" />
            </>
          ) : (
            <path d="M12 16V4m0 0L7 9m5-5 5 5M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
          )}
        </svg>
        <span id={`${id}-drop-text`} className="dropzone__text">
          {chosen ? (
            <>
              <strong className="dropzone__file">{chosen.file.name}</strong>
              <span className="dropzone__meta">
                {chosen.format} · {formatBytes(chosen.file.size)} · click or drop to change
              </span>
            </>
          ) : (
            <>
              <strong>Drop an audio file here</strong>
              <span className="dropzone__meta">or click to choose one</span>
            </>
          )}
        </span>
      </button>
      <input
        ref={inputRef}
        type="file"
        name="file"
        accept={AUDIO_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          onChoose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {error ? (
        <p className="field__error" id={fileErrorId} role="alert">
          {error}
        </p>
      ) : null}
      <p className="field__hint" id={fileHintId}>
        {SUPPORTED_FORMATS_TEXT}, up to {formatBytes(MAX_UPLOAD_BYTES)}.
      </p>
    </div>
  );
}
