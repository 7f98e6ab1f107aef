import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { GraphQLErrorLike } from '@/graphql/form-errors';

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

export async function executeOnRouter<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: RouterRequestOptions,
): Promise<TData> {
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
      body: JSON.stringify({ query: print(document), variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      cache: 'no-store',
    });
  } catch (cause) {
    throw new RouterUnavailableError(`Router unreachable at ${options.url}`, { cause });
  }
  let body: GraphQLResponseBody<TData>;
  try {
    body = (await response.json()) as GraphQLResponseBody<TData>;
  } catch (cause) {
    throw new RouterUnavailableError(`Router answered ${response.status} without a GraphQL body`, {
      cause,
    });
  }
  if (body.errors && body.errors.length > 0) {
    throw new RouterGraphQLError(body.errors);
  }
  if (!response.ok || body.data == null) {
    throw new RouterUnavailableError(`Router answered ${response.status} without data`);
  }
  return body.data;
}
