// What a WebSocket `subscribe` goes through before anything runs — the HTTP pipeline's checks, in
// the same order and with the same codes: allow-list / APQ, document limits (before validation),
// rate limit charged by weight, parse + validation against the public schema, cost, then planning.
import type { Logger } from '@groovy/common/logging';
import { DomainError, ErrorCode } from '@groovy/common/errors';
import { createHash } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { Caller } from '../identity/authenticate.middleware';
import {
  allowListResolver,
  PERSISTED_ONLY_MESSAGE,
  type GraphQLRequestBody,
  type PersistedQueriesOptions,
} from '../persisted-queries/persisted-queries.middleware';
import { analyseEntry, type DocumentLimitsOptions } from '../protection/document-limits';
import { checkOperation, type OperationLimits } from '../protection/operation-analysis';
import { violationError } from '../protection/operation-limit-error';
import { rateLimitKey, type RateLimitPolicies } from '../rate-limit/rate-limit.middleware';
import type { RateLimitStore } from '../rate-limit/rate-limit-store';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner';

/** A subscribe refused before it ran; sent to the client as a graphql-ws `error` message. */
export class SubscribeRefusal extends DomainError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode | string, message: string, extensions: Record<string, unknown> = {}) {
    super(message, code as ErrorCode, extensions);
    this.code = code as ErrorCode;
  }
}

/** What a client sends in a graphql-ws `subscribe` message. */
export interface SubscribePayload {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface AdmittedSubscription {
  document: DocumentNode;
  operationName: string | undefined;
  /** The operation's own name (for metrics labels), whether or not operationName was sent. */
  operationLabel: string | undefined;
  variables: Record<string, unknown>;
  plan: SubscriptionPlan;
}

export interface SubscribeGateOptions {
  planner: SubscriptionPlanner;
  documentLimits: DocumentLimitsOptions;
  operationLimits: OperationLimits;
  /** The allow-list, when configured (PERSISTED_QUERIES_ALLOWLIST_PATH). */
  persisted?: PersistedQueriesOptions;
  /** Registered APQ texts by hash, when APQ is on (shared with HTTP). */
  apq?: {
    get(hash: string): Promise<string | undefined>;
    set(hash: string, query: string): Promise<void>;
  };
  rateLimit?: { store: RateLimitStore; policies: RateLimitPolicies };
  logger: Logger;
}

const SUGGESTION = / ?Did you mean .*\?$/;

function persistedHashOf(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)
    ?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash.toLowerCase() : undefined;
}

/** Checks and plans one subscribe; throws a SubscribeRefusal (or validation GraphQLErrors) when refused. */
export function createSubscribeGate(options: SubscribeGateOptions) {
  const allowList = options.persisted ? allowListResolver(options.persisted) : undefined;
  const { logger } = options;

  return async (
    caller: Caller,
    payload: SubscribePayload,
  ): Promise<AdmittedSubscription | readonly GraphQLError[]> => {
    const entry: GraphQLRequestBody & { operationName?: unknown } = {
      query: payload.query,
      operationName: payload.operationName,
      extensions: payload.extensions as GraphQLRequestBody['extensions'],
    };
    // 1. Allow-list: a listed hash brings its text; with PERSISTED_QUERIES_ONLY nothing else passes
    //    (API-key callers exempt), exactly as over HTTP.
    if (allowList && !allowList(entry, caller.identity?.kind === 'apiKey'))
      throw new SubscribeRefusal(ErrorCode.FORBIDDEN, PERSISTED_ONLY_MESSAGE);
    const hash = persistedHashOf(entry.extensions);
    if (hash !== undefined && (typeof entry.query !== 'string' || entry.query === '')) {
      const text = await options.apq?.get(hash);
      if (text === undefined)
        throw new SubscribeRefusal(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound');
      entry.query = text;
    }
    if (typeof entry.query !== 'string' || entry.query === '')
      throw new SubscribeRefusal(ErrorCode.BAD_REQUEST, 'The subscribe payload has no query.');
    if (payload.operationName != null && typeof payload.operationName !== 'string')
      throw new SubscribeRefusal(ErrorCode.BAD_REQUEST, 'operationName must be a string.');
    if (
      payload.variables != null &&
      (typeof payload.variables !== 'object' || Array.isArray(payload.variables))
    )
      throw new SubscribeRefusal(ErrorCode.BAD_REQUEST, 'variables must be an object.');

    // 2. Document limits before validation (and the weight the rate limiter charges).
    const verdict = await analyseEntry(entry, options.documentLimits);

    // 3. Rate limit: the caller's bucket, charged like an HTTP request of the same document.
    if (options.rateLimit) {
      const { key, kind } = rateLimitKey(caller);
      try {
        const taken = await options.rateLimit.store.take(
          key,
          options.rateLimit.policies[kind],
          verdict.weight,
        );
        if (!taken.allowed)
          throw new SubscribeRefusal(
            ErrorCode.RATE_LIMITED,
            `Too many requests; try again in ${taken.retryAfterSeconds} s.`,
            { retryAfterSeconds: taken.retryAfterSeconds },
          );
      } catch (error) {
        if (error instanceof SubscribeRefusal) throw error;
        logger.error({ err: error }, 'rate limit store failed; letting the subscription through');
      }
    }
    if (verdict.refusal)
      throw new SubscribeRefusal(
        verdict.refusal.code,
        verdict.refusal.message,
        verdict.refusal.extensions,
      );

    // 4. Parse and validate against the public schema of the current supergraph.
    const generation = options.planner.generation();
    if (!generation)
      throw new SubscribeRefusal(
        ErrorCode.INTERNAL_SERVER_ERROR,
        'The router is not ready yet; try again shortly.',
      );
    let document: DocumentNode;
    try {
      document = parse(entry.query, {
        maxTokens: options.documentLimits.maxTokens,
        noLocation: true,
      });
    } catch (error) {
      if (error instanceof GraphQLError)
        throw new SubscribeRefusal('GRAPHQL_PARSE_FAILED', error.message);
      throw error;
    }
    // graphql-js 16 validates a subscription against a schema without a Subscription type as valid
    // (execution would refuse it): refuse it here as a validation error.
    const wantsSubscription = document.definitions.some(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription',
    );
    if (wantsSubscription && !generation.apiSchema.getSubscriptionType())
      throw new SubscribeRefusal(
        ErrorCode.GRAPHQL_VALIDATION_FAILED,
        'This schema has no subscriptions yet.',
      );
    const validationErrors = validate(generation.apiSchema, document, specifiedRules);
    if (validationErrors.length > 0)
      return validationErrors.map(
        (error) =>
          new GraphQLError(error.message.replace(SUGGESTION, ''), {
            extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
          }),
      );
    const operationName =
      typeof payload.operationName === 'string' && payload.operationName !== ''
        ? payload.operationName
        : undefined;
    const operation = getOperationAST(document, operationName) as OperationDefinitionNode | null;
    if (!operation)
      throw new SubscribeRefusal(
        ErrorCode.BAD_REQUEST,
        operationName
          ? `Unknown operation named "${operationName.slice(0, 64)}".`
          : 'Name the operation to run in operationName.',
      );
    if (operation.operation !== 'subscription')
      throw new SubscribeRefusal(
        ErrorCode.BAD_REQUEST,
        `Only subscriptions are served over WebSocket; send this ${operation.operation} over HTTP (POST /graphql).`,
      );
    const variables = (payload.variables ?? {}) as Record<string, unknown>;

    // 5. Cost and the schema-aware limits, as the HTTP operation-limits plugin does after validation.
    const violation = checkOperation(
      generation.apiSchema,
      document,
      operation,
      variables,
      options.operationLimits,
    );
    if (violation) {
      const error = violationError(violation);
      const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
      throw new SubscribeRefusal(error.code, error.message, extensions);
    }
    if (hash !== undefined && typeof payload.query === 'string' && options.apq) {
      if (createHash('sha256').update(payload.query).digest('hex') === hash)
        await options.apq.set(hash, payload.query);
    }

    // 6. Plan: primary fetch to the owning subgraph, the rest per event.
    const onlyOperation: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: document.definitions.filter(
        (definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition === operation,
      ),
    };
    const plan = options.planner.plan(generation, onlyOperation, operationName);
    return {
      document: onlyOperation,
      operationName,
      operationLabel: operation.name?.value,
      variables,
      plan,
    };
  };
}
