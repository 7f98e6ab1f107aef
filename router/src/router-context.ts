import type { VerifiedIdentity } from '@groovy/common/identity';

/** Each request's context: the verified caller and what is forwarded to subgraphs. */
export interface RouterContext {
  requestId: string;
  identity: VerifiedIdentity | null;
  /** `x-groovy-identity` for subgraphs: the caller (or anonymous) and client address, signed. */
  identityToken: string | undefined;
}
