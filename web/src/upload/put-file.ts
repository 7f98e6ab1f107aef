/**
 * The direct-to-storage upload: the file's bytes go from the browser to `uploadUrl` (another origin;
 * the storage server answers CORS), never through a subgraph. XMLHttpRequest, not fetch, because only
 * XHR reports upload progress.
 */

export interface HttpHeader {
  name: string;
  value: string;
}

/** Headers a page may not set (the browser sets them itself; XHR would log and ignore them). */
const FORBIDDEN_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/**
 * Every header the server asked for that a browser can send, plus `Content-Type` (the type the URL
 * was signed for) when the server's list does not already name it.
 */
export function uploadRequestHeaders(headers: readonly HttpHeader[], contentType: string) {
  const out: HttpHeader[] = [];
  for (const header of headers) {
    const name = header.name.trim().toLowerCase();
    if (
      !name ||
      FORBIDDEN_HEADERS.has(name) ||
      name.startsWith('proxy-') ||
      name.startsWith('sec-')
    )
      continue;
    out.push({ name: header.name.trim(), value: header.value });
  }
  if (!out.some((h) => h.name.toLowerCase() === 'content-type'))
    out.push({ name: 'Content-Type', value: contentType });
  return out;
}

export class UploadError extends Error {
  constructor(
    readonly kind: 'aborted' | 'network' | 'rejected' | 'timeout',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** A message a person can act on, from the storage server's HTTP status. */
export function uploadRejectedMessage(status: number): string {
  if (status === 403 || status === 401)
    return 'The upload link was refused (it may have expired). Please try again.';
  if (status === 413) return 'The storage server says this file is too large.';
  if (status === 415 || status === 400)
    return 'The storage server did not accept this file. Check its format and try again.';
  if (status >= 500) return 'The storage server had a problem. Please try again in a moment.';
  return `The upload failed (HTTP ${status}). Please try again.`;
}

export function putFile({
  url,
  method,
  headers,
  body,
  onProgress,
  signal,
}: {
  url: string;
  method: string;
  headers: readonly HttpHeader[];
  body: Blob;
  onProgress: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new UploadError('aborted', 'Upload cancelled.'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method || 'PUT', url);
    for (const header of headers) xhr.setRequestHeader(header.name, header.value);
    xhr.upload.onprogress = (event) => {
      onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    };
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
      } else {
        reject(new UploadError('rejected', uploadRejectedMessage(xhr.status), xhr.status));
      }
    };
    xhr.onerror = () => {
      done();
      reject(
        new UploadError(
          'network',
          'The connection to the storage server failed. Check your connection and try again.',
        ),
      );
    };
    xhr.ontimeout = () => {
      done();
      reject(new UploadError('timeout', 'The upload timed out. Please try again.'));
    };
    xhr.onabort = () => {
      done();
      reject(new UploadError('aborted', 'Upload cancelled.'));
    };
    xhr.send(body);
  });
}
