/** `uploads/<songId>/<file>`: the only keys the worker processes. */
const UPLOAD_KEY = /^uploads\/([A-Za-z0-9_-]{1,128})\/([^/]{1,255})$/;

export function parseUploadKey(key: string): { songId: string; fileName: string } | null {
  const match = UPLOAD_KEY.exec(key);
  if (!match?.[1] || !match[2] || match[2] === '.' || match[2] === '..') return null;
  return { songId: match[1], fileName: match[2] };
}

/** Where a song's outputs live: deterministic, so a job run twice overwrites the same keys. */
export function hlsPrefix(songId: string): string {
  return `hls/${songId}/`;
}
