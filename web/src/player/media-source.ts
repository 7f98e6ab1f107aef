import type HlsType from 'hls.js';

/**
 * Attaches an HLS master playlist to an <audio> element: the browser's own HLS where it has it
 * (Safari, iOS, recent Chrome), otherwise hls.js over Media Source Extensions. hls.js (~100 kB) is
 * only downloaded the first time it is needed.
 */

export const HLS_MIME_TYPE = 'application/vnd.apple.mpegurl';

export function hasNativeHls(audio: HTMLMediaElement): boolean {
  return audio.canPlayType(HLS_MIME_TYPE) !== '';
}

export interface AttachedSource {
  kind: 'native' | 'hls.js';
  /** Stops loading and frees the MediaSource (hls.js) or empties the element (native). */
  detach(): void;
}

let hlsModule: Promise<typeof HlsType> | undefined;
function loadHls(): Promise<typeof HlsType> {
  hlsModule ??= import('hls.js').then((m) => m.default);
  return hlsModule;
}

export async function attachHls(
  audio: HTMLAudioElement,
  url: string,
  {
    startAtMs,
    onReady,
    onFatalError,
  }: {
    startAtMs?: number | undefined;
    /** Enough is known to start playing (manifest parsed / metadata loaded). */
    onReady: () => void;
    onFatalError: (message: string) => void;
  },
): Promise<AttachedSource> {
  const startSeconds = startAtMs && startAtMs > 0 ? startAtMs / 1000 : 0;
  if (hasNativeHls(audio)) {
    const onMetadata = () => {
      if (startSeconds > 0) audio.currentTime = startSeconds;
      onReady();
    };
    audio.addEventListener('loadedmetadata', onMetadata, { once: true });
    audio.src = url;
    audio.load();
    return {
      kind: 'native',
      detach() {
        audio.removeEventListener('loadedmetadata', onMetadata);
        audio.removeAttribute('src');
        audio.load();
      },
    };
  }

  const Hls = await loadHls();
  if (!Hls.isSupported()) {
    onFatalError(
      'This browser cannot play streamed audio. Try a recent Chrome, Firefox or Safari.',
    );
    return { kind: 'hls.js', detach() {} };
  }
  const hls = new Hls({
    startPosition: startSeconds > 0 ? startSeconds : -1,
    // Audio only: keep a modest buffer and start at the lowest rendition, then adapt.
    maxBufferLength: 30,
    startLevel: 0,
  });
  let mediaRecoveries = 0;
  hls.on(Hls.Events.MANIFEST_PARSED, () => onReady());
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
      mediaRecoveries += 1;
      hls.recoverMediaError();
      return;
    }
    onFatalError(
      data.type === Hls.ErrorTypes.NETWORK_ERROR
        ? 'The stream could not be loaded. Check your connection and try again.'
        : 'This song could not be played.',
    );
    hls.destroy();
  });
  hls.loadSource(url);
  hls.attachMedia(audio);
  return {
    kind: 'hls.js',
    detach() {
      hls.destroy();
    },
  };
}
