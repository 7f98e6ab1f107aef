import type { GraphQLErrorLike } from '@/graphql/form-errors';
import {
  canonicalDocumentText,
  persistedDocumentHash,
  type GeneratedDocument,
} from '@/graphql/persisted-operations';

/**
 * Minimal server-side GraphQL call to the router, for next-auth callbacks and the proxy
 * (which run outside React, so the RSC Apollo client does not apply there).
 */

/** The router answered with GraphQL errors (a normal, expected failure such as wrong password). */
export class RouterGraphQLError extends Error {
  constructor(readonly errors: GraphQLErrorLike[]) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL error');
    this.name = 'RouterGraphQLError';
  }
}

/** The router could not be reached or answered with something that is not GraphQL. */
export class RouterUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RouterUnavailableError';
  }
}

export interface RouterRequestOptions {
  url: string;
  accessToken?: string;
  /** The browser's `x-forwarded-for` chain (see forwarded-for.ts): the router trusts it from the web. */
  forwardedFor?: string | undefined;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

interface GraphQLResponseBody<TData> {
  data?: TData | null;
  errors?: GraphQLErrorLike[];
}

/**
 * Runs a generated document on the router as a persisted operation: its manifest hash alone first
 * (what the router's allow-list serves); when the router does not know the hash
 * (PERSISTED_QUERY_NOT_FOUND: no allow-list, APQ cache cold), once more with the canonical text.
 */
export async function executeOnRouter<TData, TVariables extends Record<string, unknown>>(
  document: GeneratedDocument<TData, TVariables>,
  variables: TVariables,
  options: RouterRequestOptions,
): Promise<TData> {
  const persistedQuery = { version: 1, sha256Hash: persistedDocumentHash(document) };
  const byHash = await postToRouter<TData>({ variables, extensions: { persistedQuery } }, options);
  const retry = byHash.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');
  const body = retry
    ? await postToRouter<TData>(
        { query: canonicalDocumentText(document), variables, extensions: { persistedQuery } },
        options,
      )
    : byHash;
  if (body.errors && body.errors.length > 0) {
    throw new RouterGraphQLError(body.errors);
  }
  if (!body.ok || body.data == null) {
    throw new RouterUnavailableError(`Router answered ${body.status} without data`);
  }
  return body.data;
}

async function postToRouter<TData>(
  payload: Record<string, unknown>,
  options: RouterRequestOptions,
): Promise<GraphQLResponseBody<TData> & { ok: boolean; status: number }> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        // The router's CSRF prevention accepts JSON posts; this header names the client for its logs.
        'apollographql-client-name': 'groovy-web',
        ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
        ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      cache: 'no-store',
    });
  } catch (cause) {
    throw new RouterUnavailableError(`Router unreachable at ${options.url}`, { cause });
  }
  try {
    const body = (await response.json()) as GraphQLResponseBody<TData>;
    return { ...body, ok: response.ok, status: response.status };
  } catch (cause) {
    throw new RouterUnavailableError(`Router answered ${response.status} without a GraphQL body`, {
      cause,
    });
  }
}
