import type { PollDecision } from '@/upload/status-polling';

/** Where the upload page is: the form, then request → PUT → processing → an outcome. */
export type UploadPhase =
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

/** The phases after the form: the progress card and its outcomes. */
export type UploadProgressPhase = Exclude<UploadPhase, { kind: 'form' } | { kind: 'requesting' }>;

export type UploadPhaseAction =
  | { type: 'request' }
  /** Back to the form: request refused, upload cancelled, "Change file or details", "Upload another". */
  | { type: 'edit' }
  | { type: 'put-started'; songId: string; total: number }
  | { type: 'put-progress'; loaded: number; total: number; bytesPerSecond: number | undefined }
  | { type: 'put-done'; songId: string }
  | { type: 'put-failed'; reason: string }
  | { type: 'processed'; final: Exclude<PollDecision, { action: 'poll' }> };

export const INITIAL_UPLOAD_PHASE: UploadPhase = { kind: 'form' };

export function uploadPhaseReducer(phase: UploadPhase, action: UploadPhaseAction): UploadPhase {
  switch (action.type) {
    case 'request':
      return { kind: 'requesting' };
    case 'edit':
      return { kind: 'form' };
    case 'put-started':
      return {
        kind: 'uploading',
        songId: action.songId,
        loaded: 0,
        total: action.total,
        bytesPerSecond: undefined,
      };
    case 'put-progress':
      return phase.kind === 'uploading'
        ? {
            ...phase,
            loaded: action.loaded,
            total: action.total,
            bytesPerSecond: action.bytesPerSecond,
          }
        : phase;
    case 'put-done':
      return { kind: 'processing', songId: action.songId };
    case 'put-failed':
      return { kind: 'failed', songId: null, stage: 'upload', reason: action.reason };
    case 'processed': {
      if (phase.kind !== 'processing') return phase;
      const { final } = action;
      if (final.action === 'done' && final.status === 'READY')
        return { kind: 'ready', songId: phase.songId };
      if (final.action === 'done')
        return { kind: 'failed', songId: phase.songId, reason: final.reason, stage: 'processing' };
      return { kind: 'stalled', songId: phase.songId };
    }
  }
}
