'use client';

import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useId, useReducer, useRef, useState, type FormEvent } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { useErrorFocus } from '@/forms/use-error-focus';
import { useFormFields } from '@/forms/use-form-fields';
import { useSongStatusPoll } from '@/songs/use-song-status-poll';
import {
  checkAudioFile,
  parseTags,
  titleFromFileName,
  validateSongDetails,
  type SongDetailsValues,
} from '@/upload/audio-file';
import { putFile, UploadError, uploadRequestHeaders } from '@/upload/put-file';
import { uploadRate, type ProgressSample } from '@/upload/upload-progress';
import { INITIAL_UPLOAD_PHASE, uploadPhaseReducer } from './upload-phase';
import { DELETE_SONG, REQUEST_SONG_UPLOAD } from './upload.operations';

/** Errors on these API fields are about the file, shown under the drop zone. */
const FILE_FIELDS = ['fileName', 'contentType', 'sizeBytes'];
const DETAIL_FIELDS = ['title', 'artistName', 'genre', 'tags'];

export interface ChosenFile {
  file: File;
  contentType: string;
  format: string;
}

/**
 * The upload page's state and actions: the chosen file, the details form, and the phase machine
 * (request the signed URL → PUT the bytes with progress → poll processing → outcome).
 */
export function useUploadFlow(defaultArtistName: string) {
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
  const [phase, dispatch] = useReducer(uploadPhaseReducer, INITIAL_UPLOAD_PHASE);
  const [notice, setNotice] = useState<string | undefined>();
  const abortRef = useRef<AbortController | null>(null);
  const samplesRef = useRef<ProgressSample[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const focusErrors = useErrorFocus(formRef, alertRef);
  const id = useId();

  const polling = phase.kind === 'processing' ? phase.songId : null;
  const poll = useSongStatusPoll(polling, 'PENDING_UPLOAD');
  const [handledFinal, setHandledFinal] = useState<typeof poll.final>(undefined);
  if (phase.kind === 'processing' && poll.final && poll.final !== handledFinal) {
    setHandledFinal(poll.final);
    dispatch({ type: 'processed', final: poll.final });
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

  /** Files dropped on the drop zone: one is chosen, more are refused. */
  function dropFiles(files: FileList) {
    if (phase.kind !== 'form') return;
    if (files.length > 1) {
      setErrors((e) => ({
        ...e,
        fields: { ...e.fields, file: 'Drop one file at a time.' },
      }));
      return;
    }
    chooseFile(files[0]);
  }

  const update = (field: keyof SongDetailsValues) => (value: string) => {
    if (field === 'title') setTitleEdited(true);
    updateField(field)(value);
  };

  async function startUpload() {
    if (!chosen) return;
    dispatch({ type: 'request' });
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
      dispatch({ type: 'edit' });
      focusErrors();
      return;
    }

    const songId = upload.song.id;
    const controller = new AbortController();
    abortRef.current = controller;
    samplesRef.current = [{ at: performance.now(), loaded: 0 }];
    dispatch({ type: 'put-started', songId, total: chosen.file.size });
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
          dispatch({ type: 'put-progress', loaded, total, bytesPerSecond: uploadRate(samples) });
        },
      });
      dispatch({ type: 'put-done', songId });
    } catch (error) {
      // Nothing useful was stored: remove the song that was waiting for this file.
      void deleteSong({ variables: { id: songId } }).catch(() => undefined);
      if (error instanceof UploadError && error.kind === 'aborted') {
        dispatch({ type: 'edit' });
        setNotice('Upload cancelled. Nothing was saved; your details are still here.');
        return;
      }
      dispatch({
        type: 'put-failed',
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
    dispatch({ type: 'edit' });
    setChosen(null);
    setTitleEdited(false);
    setValues((v) => ({ title: '', artistName: v.artistName, genre: '', tags: '' }));
    setErrors({ fields: {} });
    setNotice(undefined);
  }

  return {
    id,
    phase,
    chosen,
    values,
    errors,
    notice,
    pollStatus: poll.status,
    formRef,
    alertRef,
    resultRef,
    chooseFile,
    dropFiles,
    update,
    onSubmit,
    retry: () => void startUpload(),
    cancel: () => abortRef.current?.abort(),
    edit: () => dispatch({ type: 'edit' }),
    reset,
  };
}

export type UploadFlowState = ReturnType<typeof useUploadFlow>;
