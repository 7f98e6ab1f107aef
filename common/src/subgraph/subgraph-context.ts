import type { BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import type { VerifiedIdentity } from '../identity/identity-token';

/** Every request's context has these; a subgraph adds its own fields through `context`. */
export interface BaseSubgraphContext extends BaseContext {
  requestId: string;
  logger: Logger;
  /** The caller, as the router verified and signed it; null for anonymous or unverifiable calls. */
  identity: VerifiedIdentity | null;
  /** The client's address, as the router signed it; null when the request did not come through it. */
  clientAddress: string | null;
}
