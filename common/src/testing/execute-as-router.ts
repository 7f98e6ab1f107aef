import {
  IDENTITY_HEADER,
  signIdentityToken,
  type VerifiedIdentity,
} from '../identity/identity-token';

/** A GraphQL response as a test reads it, with the HTTP status. */
export interface TestGraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: string[];
    extensions?: {
      code?: string;
      field?: string;
      retryAfterSeconds?: number;
      [key: string]: unknown;
    };
  }>;
}

export interface ExecuteAsRouterOptions {
  /** The caller the router would have verified: a user id, or a full identity. Omit for anonymous. */
  as?: string | VerifiedIdentity;
  /**
   * The client address the router would have signed. With it (or with `as`) the request carries a
   * router-signed token, anonymous when `as` is omitted.
   */
  clientAddress?: string;
  /** The shared identity secret the subgraph verifies with. */
  identitySecret: string;
  headers?: Record<string, string>;
}

/** Sends one operation straight to a subgraph, with the identity header the router would add. */
export async function executeAsRouter<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: ExecuteAsRouterOptions,
): Promise<TestGraphQLResult<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...options.headers,
  };
  if (options.as || options.clientAddress) {
    const identity: VerifiedIdentity | null =
      typeof options.as === 'string' ? { kind: 'user', userId: options.as } : (options.as ?? null);
    headers[IDENTITY_HEADER] = await signIdentityToken(
      identity,
      options.identitySecret,
      60,
      options.clientAddress,
    );
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    ...((await response.json()) as Omit<TestGraphQLResult<T>, 'status'>),
  };
}
