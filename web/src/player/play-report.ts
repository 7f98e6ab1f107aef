import {
  canonicalDocumentText,
  persistedDocumentHash,
  type GeneratedDocument,
} from '@/graphql/persisted-operations';
import type { PlayReport } from './play-accounting';

/**
 * Sends one `recordPlay` to the router with `fetch(…, { keepalive: true })`, so it also leaves when
 * the page is being closed (pagehide). Not navigator.sendBeacon: a beacon cannot carry the
 * `Authorization: Bearer` header the router identifies the listener by (the web's Apollo client
 * authenticates the same way), and its `text/plain` body is what the router's CSRF prevention
 * refuses. This is a `POST application/json` with the bearer: a CORS-preflighted request the
 * router's CSRF rules accept, exactly like Apollo's.
 *
 * There is no second chance on page leave, so the request carries both the persisted-document hash
 * and its canonical text: accepted by a router with the allow-list (the text's hash is listed), in
 * persisted-only mode, and by plain APQ (it registers). A keepalive body is limited to 64 kB; this
 * one is about 200 bytes.
 */
export interface PlayReportTarget {
  graphqlUrl: string;
  accessToken: string;
}

export function playReportRequest(
  document: GeneratedDocument<unknown, { input: { songId: string; msPlayed: number } }>,
  report: PlayReport,
  target: PlayReportTarget,
): { url: string; init: RequestInit } {
  const body = {
    operationName: 'RecordPlay',
    query: canonicalDocumentText(document),
    variables: { input: { songId: report.songId, msPlayed: report.msPlayed } },
    extensions: { persistedQuery: { version: 1, sha256Hash: persistedDocumentHash(document) } },
  };
  return {
    url: target.graphqlUrl,
    init: {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${target.accessToken}`,
        'apollographql-client-name': 'groovy-web',
      },
      body: JSON.stringify(body),
    },
  };
}

/** Fire and forget: a lost report costs one history entry, never an error on screen. */
export function sendPlayReport(
  document: Parameters<typeof playReportRequest>[0],
  report: PlayReport,
  target: PlayReportTarget,
  fetchImpl: typeof fetch = fetch,
): Promise<boolean> {
  const { url, init } = playReportRequest(document, report, target);
  return fetchImpl(url, init)
    .then(async (response) => {
      if (!response.ok) return false;
      const json = (await response.json().catch(() => null)) as { errors?: unknown[] } | null;
      return Boolean(json && !json.errors);
    })
    .catch(() => false);
}
