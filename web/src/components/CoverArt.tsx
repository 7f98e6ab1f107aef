import { MusicNoteIcon } from '@/player/icons';

/**
 * A song or album cover. Covers come from object storage (any origin), so a plain <img> rather than
 * next/image (which would need every storage host in next.config). Without a cover: a gradient tile.
 */
export function CoverArt({
  src,
  size = 'large',
  alt = '',
}: {
  src: string | null | undefined;
  size?: 'small' | 'medium' | 'large';
  alt?: string;
}) {
  return (
    <div className={`cover cover--${size}`}>
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element -- storage URLs on any origin, see above
        <img src={src} alt={alt} loading="lazy" decoding="async" />
      ) : (
        <MusicNoteIcon />
      )}
    </div>
  );
}
