import type { SongStatus } from './track.fragment';

const LABELS: Record<SongStatus, string> = {
  PENDING_UPLOAD: 'Waiting for upload',
  PROCESSING: 'Processing',
  READY: 'Ready',
  FAILED: 'Failed',
};

export function SongStatusBadge({ status }: { status: SongStatus }) {
  return (
    <span className={`badge badge--${status.toLowerCase().replace('_', '-')}`}>
      {status === 'PROCESSING' ? <span className="spinner" aria-hidden="true" /> : null}
      {LABELS[status]}
    </span>
  );
}
