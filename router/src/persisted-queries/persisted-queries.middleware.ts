import type { RequestHandler } from 'express';
import { sendGraphQLError } from '../http/graphql-error-response';
import type { Caller } from '../identity/authenticate.middleware';
import { sha256Hex, type PersistedQueryManifest } from './persisted-query-manifest';

export interface PersistedQueriesOptions {
  manifest: PersistedQueryManifest;
  /** Refuse operations outside the manifest (except for API-key callers). */
  only: boolean;
}

export interface GraphQLRequestBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function persistedHash(body: GraphQLRequestBody): string | undefined {
  const hash = body.extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash.toLowerCase() : undefined;
}

/**
 * The allow-list decision for one operation: a hash listed in the manifest gets its query text
 * from it (`body.query` is filled in); with `only`, anything else is refused (false) unless the
 * caller is `exempt` (an API-key client) or sent the full text of a listed operation. Shared by
 * HTTP requests and WebSocket subscriptions.
 */
export function allowListResolver(options: PersistedQueriesOptions) {
  const { manifest, only } = options;
  return (body: GraphQLRequestBody, exempt: boolean): boolean => {
    const hash = persistedHash(body);
    if (hash !== undefined && manifest.has(hash)) {
      if (typeof body.query !== 'string' || body.query === '') body.query = manifest.get(hash);
      return true;
    }
    if (exempt || !only) return true;
    return (
      typeof body.query === 'string' && hash === undefined && manifest.has(sha256Hex(body.query))
    );
  };
}

/** The message of the allow-list refusal (403 FORBIDDEN over HTTP, an error over WebSocket). */
export const PERSISTED_ONLY_MESSAGE =
  'Only persisted operations are accepted here: send extensions.persistedQuery.sha256Hash of an operation ' +
  'in the allow-list, or call with an x-api-key.';

/**
 * The allow-list of first-party operations. A request whose `extensions.persistedQuery.sha256Hash`
 * is in the manifest gets its query text from it (no APQ registration round trip needed). With
 * `only`, a request from anyone but an API-key client must be such an operation (by hash, or by
 * full text whose hash is listed); anything else is refused with 403 FORBIDDEN. API-key clients —
 * third-party developers writing their own operations — are exempt; they are authenticated and
 * rate-limited per key. GET requests are handled the same way (query-string form).
 */
export function persistedQueries(options: PersistedQueriesOptions): RequestHandler {
  const resolve = allowListResolver(options);

  return (req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    const exempt = caller?.identity?.kind === 'apiKey';
    let allowed = true;
    if (req.method === 'GET') {
      const extensions =
        typeof req.query.extensions === 'string' ? safeJson(req.query.extensions) : undefined;
      const body: GraphQLRequestBody = {
        query: req.query.query,
        extensions: extensions as GraphQLRequestBody['extensions'],
      };
      allowed = resolve(body, exempt);
      if (allowed && typeof body.query === 'string' && body.query !== req.query.query) {
        // Express 5's req.query is a getter: hand the resolved text to Apollo through the URL.
        const url = new URL(req.url, 'http://router.invalid');
        url.searchParams.set('query', body.query);
        req.url = `${url.pathname}${url.search}`;
      }
    } else if (Array.isArray(req.body)) {
      allowed = (req.body as GraphQLRequestBody[]).every(
        (entry) => typeof entry === 'object' && entry !== null && resolve(entry, exempt),
      );
    } else if (typeof req.body === 'object' && req.body !== null) {
      allowed = resolve(req.body as GraphQLRequestBody, exempt);
    }
    if (!allowed) {
      sendGraphQLError(res, 403, 'FORBIDDEN', PERSISTED_ONLY_MESSAGE);
      return;
    }
    next();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
