import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** RFC 6381 codec string of AAC-LC. */
export const AAC_LC_CODEC = 'mp4a.40.2';

export interface MediaPlaylistInfo {
  targetDurationSeconds: number;
  segments: Array<{ uri: string; durationSeconds: number; bytes: number }>;
  initUri: string | null;
  initBytes: number;
}

/** Reads a VOD media playlist ffmpeg wrote and the sizes of the files it names. */
export async function readMediaPlaylist(playlistFile: string): Promise<MediaPlaylistInfo> {
  const dir = path.dirname(playlistFile);
  const lines = (await readFile(playlistFile, 'utf8')).split(/\r?\n/);
  let targetDurationSeconds = 0;
  let initUri: string | null = null;
  let pendingDuration: number | null = null;
  const segments: MediaPlaylistInfo['segments'] = [];
  for (const line of lines) {
    if (line.startsWith('#EXT-X-TARGETDURATION:'))
      targetDurationSeconds = Number(line.split(':')[1]);
    else if (line.startsWith('#EXT-X-MAP:')) initUri = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
    else if (line.startsWith('#EXTINF:'))
      pendingDuration = Number(line.slice('#EXTINF:'.length).split(',')[0]);
    else if (line && !line.startsWith('#') && pendingDuration !== null) {
      const { size } = await stat(path.join(dir, line));
      segments.push({ uri: line, durationSeconds: pendingDuration, bytes: size });
      pendingDuration = null;
    }
  }
  const initBytes = initUri ? (await stat(path.join(dir, initUri))).size : 0;
  return { targetDurationSeconds, segments, initUri, initBytes };
}

/**
 * BANDWIDTH and AVERAGE-BANDWIDTH of a rendition (bits/s), as RFC 8216bis defines them: the peak
 * segment bit rate is the largest bit rate of any run of contiguous segments lasting 0.5–1.5 times
 * the target duration; the average is all segments' bytes over their total duration.
 */
export function measureBandwidth(playlist: MediaPlaylistInfo): { peak: number; average: number } {
  const { segments, targetDurationSeconds } = playlist;
  const totalBytes = segments.reduce((sum, segment) => sum + segment.bytes, 0);
  const totalSeconds = segments.reduce((sum, segment) => sum + segment.durationSeconds, 0);
  const average = totalSeconds > 0 ? Math.ceil((totalBytes * 8) / totalSeconds) : 0;
  let peak = 0;
  for (let start = 0; start < segments.length; start += 1) {
    let bytes = 0;
    let seconds = 0;
    for (let end = start; end < segments.length; end += 1) {
      bytes += segments[end]?.bytes ?? 0;
      seconds += segments[end]?.durationSeconds ?? 0;
      if (seconds > 1.5 * targetDurationSeconds) break;
      if (seconds >= 0.5 * targetDurationSeconds)
        peak = Math.max(peak, Math.ceil((bytes * 8) / seconds));
    }
  }
  return { peak: Math.max(peak, average), average };
}

export interface MasterRendition {
  /** Playlist URI relative to the master, e.g. `128k/playlist.m3u8`. */
  uri: string;
  peakBandwidth: number;
  averageBandwidth: number;
  codecs: string;
}

/** The multivariant (master) playlist: one EXT-X-STREAM-INF per rendition with BANDWIDTH, AVERAGE-BANDWIDTH and CODECS. */
export function renderMasterPlaylist(renditions: readonly MasterRendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS', ''];
  for (const rendition of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.peakBandwidth},AVERAGE-BANDWIDTH=${rendition.averageBandwidth},CODECS="${rendition.codecs}"`,
      rendition.uri,
    );
  }
  return `${lines.join('\n')}\n`;
}
