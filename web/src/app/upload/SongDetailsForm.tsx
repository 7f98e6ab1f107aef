'use client';

import { FormAlert } from '@/components/FormAlert';
import { SubmitButton } from '@/components/SubmitButton';
import { TextField } from '@/components/TextField';
import { GENRE_MAX_LENGTH, MAX_TAGS } from '@/upload/audio-file';
import { UploadDropZone } from './UploadDropZone';
import type { UploadFlowState } from './use-upload-flow';

type SongDetailsFormProps = Pick<
  UploadFlowState,
  | 'id'
  | 'phase'
  | 'chosen'
  | 'values'
  | 'errors'
  | 'notice'
  | 'formRef'
  | 'alertRef'
  | 'update'
  | 'onSubmit'
  | 'chooseFile'
  | 'dropFiles'
>;

/** The upload form: alerts, the drop zone, title, artist, genre and tags, "Upload song". */
export function SongDetailsForm({
  id,
  phase,
  chosen,
  values,
  errors,
  notice,
  formRef,
  alertRef,
  update,
  onSubmit,
  chooseFile,
  dropFiles,
}: SongDetailsFormProps) {
  const busy = phase.kind !== 'form';
  return (
    <form ref={formRef} className="form card upload-card" noValidate onSubmit={onSubmit}>
      {errors.form ? <FormAlert alertRef={alertRef}>{errors.form}</FormAlert> : null}
      {notice ? <FormAlert tone="warning">{notice}</FormAlert> : null}

      <UploadDropZone
        id={id}
        chosen={chosen}
        error={errors.fields.file}
        disabled={busy}
        onChoose={chooseFile}
        onDropFiles={dropFiles}
      />

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
  );
}
