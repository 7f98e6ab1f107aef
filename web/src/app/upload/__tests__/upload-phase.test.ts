import { INITIAL_UPLOAD_PHASE, uploadPhaseReducer, type UploadPhase } from '../upload-phase';

const uploading: UploadPhase = {
  kind: 'uploading',
  songId: 's1',
  loaded: 0,
  total: 100,
  bytesPerSecond: undefined,
};

describe('uploadPhaseReducer', () => {
  it('walks form → requesting → uploading (with progress) → processing → ready', () => {
    let phase = uploadPhaseReducer(INITIAL_UPLOAD_PHASE, { type: 'request' });
    expect(phase).toEqual({ kind: 'requesting' });
    phase = uploadPhaseReducer(phase, { type: 'put-started', songId: 's1', total: 100 });
    expect(phase).toEqual(uploading);
    phase = uploadPhaseReducer(phase, {
      type: 'put-progress',
      loaded: 40,
      total: 100,
      bytesPerSecond: 20,
    });
    expect(phase).toEqual({ ...uploading, loaded: 40, bytesPerSecond: 20 });
    phase = uploadPhaseReducer(phase, { type: 'put-done', songId: 's1' });
    expect(phase).toEqual({ kind: 'processing', songId: 's1' });
    phase = uploadPhaseReducer(phase, {
      type: 'processed',
      final: { action: 'done', status: 'READY' },
    });
    expect(phase).toEqual({ kind: 'ready', songId: 's1' });
  });

  it('ignores progress that arrives after the upload left the uploading phase', () => {
    const processing: UploadPhase = { kind: 'processing', songId: 's1' };
    expect(
      uploadPhaseReducer(processing, {
        type: 'put-progress',
        loaded: 1,
        total: 2,
        bytesPerSecond: 1,
      }),
    ).toBe(processing);
  });

  it('ends processing as failed (with the reason) or stalled when polling gives up', () => {
    const processing: UploadPhase = { kind: 'processing', songId: 's1' };
    expect(
      uploadPhaseReducer(processing, {
        type: 'processed',
        final: { action: 'done', status: 'FAILED', reason: 'not audio' },
      }),
    ).toEqual({ kind: 'failed', songId: 's1', reason: 'not audio', stage: 'processing' });
    expect(
      uploadPhaseReducer(processing, {
        type: 'processed',
        final: { action: 'give-up', why: 'timeout' },
      }),
    ).toEqual({ kind: 'stalled', songId: 's1' });
  });

  it('a failed PUT is an upload failure with no song; edit goes back to the form', () => {
    const failed = uploadPhaseReducer(uploading, { type: 'put-failed', reason: 'offline' });
    expect(failed).toEqual({ kind: 'failed', songId: null, stage: 'upload', reason: 'offline' });
    expect(uploadPhaseReducer(failed, { type: 'edit' })).toEqual({ kind: 'form' });
  });
});
