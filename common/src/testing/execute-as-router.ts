import {
  IDENTITY_HEADER,
  signIdentityToken,
  type IdentityToSign,
  type Role,
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
  as?: string | IdentityToSign;
  /** Roles the router would have signed for a user given by id in `as` (e.g. `['MODERATOR']`). */
  roles?: readonly Role[];
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
  const token = await routerIdentityToken(options);
  if (token) headers[IDENTITY_HEADER] = token;
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

/** The identity token the router would sign for `options` (undefined: a call not from the router). */
export async function routerIdentityToken(
  options: Pick<ExecuteAsRouterOptions, 'as' | 'roles' | 'clientAddress' | 'identitySecret'>,
): Promise<string | undefined> {
  if (!options.as && !options.clientAddress) return undefined;
  const identity: IdentityToSign | null =
    typeof options.as === 'string'
      ? { kind: 'user', userId: options.as, roles: options.roles ?? [] }
      : options.as
        ? { ...options.as, roles: options.roles ?? options.as.roles ?? [] }
        : null;
  return signIdentityToken(identity, options.identitySecret, 60, options.clientAddress);
}
