'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type DragEvent,
  type FormEvent,
  type RefObject,
} from 'react';
import { FormAlert } from '@/components/FormAlert';
import { SubmitButton } from '@/components/SubmitButton';
import { TextField } from '@/components/TextField';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { useSongStatusPoll } from '@/songs/use-song-status-poll';
import {
  AUDIO_ACCEPT,
  checkAudioFile,
  formatBytes,
  GENRE_MAX_LENGTH,
  MAX_TAGS,
  MAX_UPLOAD_BYTES,
  parseTags,
  SUPPORTED_FORMATS_TEXT,
  titleFromFileName,
  validateSongDetails,
  type SongDetailsValues,
} from '@/upload/audio-file';
import { putFile, UploadError, uploadRequestHeaders } from '@/upload/put-file';
import {
  timeLeftText,
  uploadPercent,
  uploadRate,
  type ProgressSample,
} from '@/upload/upload-progress';
import { DELETE_SONG, REQUEST_SONG_UPLOAD } from './upload.operations';
import { useFormFields } from '@/forms/use-form-fields';

type Phase =
  | { kind: 'form' }
  | { kind: 'requesting' }
  | {
      kind: 'uploading';
      songId: string;
      loaded: number;
      total: number;
      bytesPerSecond: number | undefined;
    }
  | { kind: 'processing'; songId: string }
  | { kind: 'ready'; songId: string }
  | { kind: 'failed'; songId: string | null; reason: string; stage: 'upload' | 'processing' }
  | { kind: 'stalled'; songId: string };

/** Errors on these API fields are about the file, shown under the drop zone. */
const FILE_FIELDS = ['fileName', 'contentType', 'sizeBytes'];
const DETAIL_FIELDS = ['title', 'artistName', 'genre', 'tags'];

interface ChosenFile {
  file: File;
  contentType: string;
  format: string;
}

export function UploadFlow({ defaultArtistName }: { defaultArtistName: string }) {
  const [requestSongUpload] = useMutation(REQUEST_SONG_UPLOAD);
  const [deleteSong] = useMutation(DELETE_SONG);
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const {
    values,
    setValues,
    errors,
    setErrors,
    update: updateField,
  } = useFormFields<SongDetailsValues>({
    title: '',
    artistName: defaultArtistName,
    genre: '',
    tags: '',
  });
  const [titleEdited, setTitleEdited] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const abortRef = useRef<AbortController | null>(null);
  const samplesRef = useRef<ProgressSample[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);
  const id = useId();
  const fileErrorId = `${id}-file-error`;
  const fileHintId = `${id}-file-hint`;

  const polling = phase.kind === 'processing' ? phase.songId : null;
  const poll = useSongStatusPoll(polling, 'PENDING_UPLOAD');
  const [handledFinal, setHandledFinal] = useState<typeof poll.final>(undefined);
  if (phase.kind === 'processing' && poll.final && poll.final !== handledFinal) {
    setHandledFinal(poll.final);
    const final = poll.final;
    if (final.action === 'done' && final.status === 'READY')
      setPhase({ kind: 'ready', songId: phase.songId });
    else if (final.action === 'done')
      setPhase({ kind: 'failed', songId: phase.songId, reason: final.reason, stage: 'processing' });
    else setPhase({ kind: 'stalled', songId: phase.songId });
  }

  // Move focus to the outcome so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (phase.kind === 'ready' || phase.kind === 'failed' || phase.kind === 'stalled')
      resultRef.current?.focus();
  }, [phase.kind]);

  // Leaving the page would abort the upload: ask first.
  useEffect(() => {
    if (phase.kind !== 'uploading' && phase.kind !== 'requesting') return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [phase.kind]);

  useEffect(() => () => abortRef.current?.abort(), []);

  const chooseFile = useCallback(
    (file: File | undefined) => {
      if (!file) return;
      const check = checkAudioFile(file);
      setNotice(undefined);
      if (!check.ok) {
        setChosen(null);
        setErrors((e) => ({ ...e, fields: { ...e.fields, file: check.message } }));
        return;
      }
      setChosen({ file, contentType: check.contentType, format: check.format });
      setErrors((e) => {
        const fields = { ...e.fields };
        delete fields.file;
        return { fields };
      });
      if (!titleEdited || values.title.trim() === '')
        setValues((v) => ({ ...v, title: titleFromFileName(file.name) }));
    },
    [titleEdited, values.title, setErrors, setValues],
  );

  const update = (field: keyof SongDetailsValues) => (value: string) => {
    if (field === 'title') setTitleEdited(true);
    updateField(field)(value);
  };

  async function startUpload() {
    if (!chosen) return;
    setPhase({ kind: 'requesting' });
    setErrors({ fields: {} });
    setNotice(undefined);
    const tags = parseTags(values.tags);
    let upload;
    try {
      const result = await requestSongUpload({
        variables: {
          input: {
            title: values.title.trim(),
            artistName: values.artistName.trim(),
            ...(values.genre.trim() ? { genre: values.genre.trim() } : {}),
            ...(tags.length > 0 ? { tags } : {}),
            fileName: chosen.file.name,
            contentType: chosen.contentType,
            sizeBytes: chosen.file.size,
          },
        },
      });
      upload = result.data?.requestSongUpload;
      if (!upload) throw new Error('requestSongUpload returned no data');
    } catch (error) {
      const mapped = formErrorsFromApolloError(error, {
        knownFields: [...DETAIL_FIELDS, ...FILE_FIELDS],
      });
      const fields: Record<string, string> = {};
      for (const [name, message] of Object.entries(mapped.fields))
        fields[FILE_FIELDS.includes(name) ? 'file' : name] ??= message;
      setErrors({ ...mapped, fields });
      setPhase({ kind: 'form' });
      focusErrors();
      return;
    }

    const songId = upload.song.id;
    const controller = new AbortController();
    abortRef.current = controller;
    samplesRef.current = [{ at: performance.now(), loaded: 0 }];
    setPhase({
      kind: 'uploading',
      songId,
      loaded: 0,
      total: chosen.file.size,
      bytesPerSecond: undefined,
    });
    try {
      await putFile({
        url: upload.uploadUrl,
        method: upload.method,
        headers: uploadRequestHeaders(upload.headers, chosen.contentType),
        body: chosen.file,
        signal: controller.signal,
        onProgress: (loaded, total) => {
          const samples = samplesRef.current;
          samples.push({ at: performance.now(), loaded });
          if (samples.length > 50) samples.splice(0, samples.length - 50);
          const bytesPerSecond = uploadRate(samples);
          setPhase((p) => (p.kind === 'uploading' ? { ...p, loaded, total, bytesPerSecond } : p));
        },
      });
      setPhase({ kind: 'processing', songId });
    } catch (error) {
      // Nothing useful was stored: remove the song that was waiting for this file.
      void deleteSong({ variables: { id: songId } }).catch(() => undefined);
      if (error instanceof UploadError && error.kind === 'aborted') {
        setPhase({ kind: 'form' });
        setNotice('Upload cancelled. Nothing was saved; your details are still here.');
        return;
      }
      setPhase({
        kind: 'failed',
        songId: null,
        stage: 'upload',
        reason:
          error instanceof UploadError ? error.message : 'The upload failed. Please try again.',
      });
    } finally {
      abortRef.current = null;
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phase.kind !== 'form') return;
    const clientErrors: Record<string, string> = { ...validateSongDetails(values) } as Record<
      string,
      string
    >;
    if (!chosen) clientErrors.file = errors.fields.file ?? 'Choose an audio file to upload.';
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ fields: clientErrors });
      focusErrors();
      if (clientErrors.file && Object.keys(clientErrors).length === 1)
        requestAnimationFrame(() => document.getElementById(`${id}-drop`)?.focus());
      return;
    }
    await startUpload();
  }

  function reset() {
    setPhase({ kind: 'form' });
    setChosen(null);
    setTitleEdited(false);
    setValues((v) => ({ title: '', artistName: v.artistName, genre: '', tags: '' }));
    setErrors({ fields: {} });
    setNotice(undefined);
  }

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    if (phase.kind !== 'form') return;
    const files = event.dataTransfer.files;
    if (files.length > 1) {
      setErrors((e) => ({
        ...e,
        fields: { ...e.fields, file: 'Drop one file at a time.' },
      }));
      return;
    }
    chooseFile(files[0]);
  };

  const busy = phase.kind !== 'form';
  const showForm = phase.kind === 'form' || phase.kind === 'requesting';
  const fileError = errors.fields.file;

  return (
    <div className="upload-layout">
      {showForm ? (
        <form ref={formRef} className="form card upload-card" noValidate onSubmit={onSubmit}>
          {errors.form ? <FormAlert alertRef={alertRef}>{errors.form}</FormAlert> : null}
          {notice ? <FormAlert tone="warning">{notice}</FormAlert> : null}

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
              aria-describedby={[fileError ? fileErrorId : '', fileHintId]
                .filter(Boolean)
                .join(' ')}
              disabled={busy}
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
                chooseFile(event.target.files?.[0]);
                event.target.value = '';
              }}
            />
            {fileError ? (
              <p className="field__error" id={fileErrorId} role="alert">
                {fileError}
              </p>
            ) : null}
            <p className="field__hint" id={fileHintId}>
              {SUPPORTED_FORMATS_TEXT}, up to {formatBytes(MAX_UPLOAD_BYTES)}.
            </p>
          </div>

          <TextField
            name="title"
            label="Title"
            autoComplete="off"
            value={values.title}
            onValueChange={update('title')}
            error={errors.fields.title}
            disabled={busy}
          />
          <TextField
            name="artistName"
            label="Artist name"
            autoComplete="off"
            value={values.artistName}
            onValueChange={update('artistName')}
            error={errors.fields.artistName}
            disabled={busy}
          />
          <div className="form-row">
            <TextField
              name="genre"
              label="Genre"
              optional
              autoComplete="off"
              placeholder="e.g. Lo-fi"
              maxLength={GENRE_MAX_LENGTH * 2}
              value={values.genre}
              onValueChange={update('genre')}
              error={errors.fields.genre}
              disabled={busy}
            />
            <TextField
              name="tags"
              label="Tags"
              optional
              autoComplete="off"
              placeholder="chill, night drive"
              hint={`Separate with commas, up to ${MAX_TAGS}.`}
              value={values.tags}
              onValueChange={update('tags')}
              error={errors.fields.tags}
              disabled={busy}
            />
          </div>
          <div className="form-actions">
            <SubmitButton pending={phase.kind === 'requesting'} pendingLabel="Preparing upload…">
              Upload song
            </SubmitButton>
          </div>
        </form>
      ) : (
        <UploadProgress
          phase={phase}
          fileName={chosen?.file.name ?? ''}
          title={values.title.trim()}
          pollStatus={poll.status}
          resultRef={resultRef}
          onCancel={() => abortRef.current?.abort()}
          onRetry={() => void startUpload()}
          onEdit={() => setPhase({ kind: 'form' })}
          onAnother={reset}
        />
      )}
    </div>
  );
}

const EYEBROW: Record<Exclude<Phase['kind'], 'form' | 'requesting'>, string> = {
  uploading: 'Uploading',
  processing: 'Processing',
  ready: 'Done',
  failed: 'Not finished',
  stalled: 'Processing',
};

function UploadProgress({
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
  phase: Exclude<Phase, { kind: 'form' } | { kind: 'requesting' }>;
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
