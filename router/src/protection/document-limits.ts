// The limits that must hold before graphql-js validates a document. Validation is super-linear in
// fields that share a response name (OverlappingFieldsCanBeMerged compares them pairwise), so a
// 70 KB batch of `{ trending { id } … ×540 }` used to cost seconds of CPU before any limit looked at
// it. Here every document of a request is parsed (the token limit stops the parser) and measured in
// one linear pass without the schema — depth, aliases, root fields, fields, repeated response
// names — and refused early; its size is what the rate limiter charges. The schema-aware limits
// (cost) still run after validation, in operation-limits.plugin.ts.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { sendGraphQLError, type HttpErrorCode } from '../http/graphql-error-response';
import { measureOperation, type OperationMeasure } from './operation-analysis';
import { violationError } from './operation-limit-error';

export interface DocumentLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Fields in one operation with every fragment expanded. */
  maxFields: number;
  /** Times one response name may be selected in one selection set (fragments merged). */
  maxRepeatedField: number;
  /** One rate-limit token per this many fields of a document (at least one per operation). */
  fieldsPerToken: number;
}

export interface DocumentLimitsOptions extends DocumentLimits {
  /** The text of an automatic persisted query by its hash, if registered (hash-only requests). */
  persistedQueryText?: (sha256Hash: string) => Promise<string | undefined>;
}

/** Why a request is refused before Apollo Server sees it. */
export interface DocumentRefusal {
  status: number;
  code: HttpErrorCode;
  message: string;
  extensions: Record<string, unknown>;
}

/** What the analysis leaves in `res.locals.documents` for the rate limiter and `refuseDocuments`. */
export interface DocumentsVerdict {
  /** Rate-limit tokens: per operation, its mutation root fields or its size, whichever is more. */
  weight: number;
  refusal?: DocumentRefusal;
}

/** One operation of a request: what a client sends over HTTP (or in a WebSocket `subscribe`). */
export interface RequestEntry {
  query?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

const NAME_SHOWN = 64;

function refusalOf(error: GraphQLError): DocumentRefusal {
  const { code, http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return { status: 400, code: code as HttpErrorCode, message: error.message, extensions };
}

function refuse(code: HttpErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { status: 400, code, message, extensions };
}

function shown(name: string): string {
  return name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name;
}

function persistedHash(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)
    ?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** The operation graphql-js will run: the named one, or the only one. */
function selectOperation(
  document: DocumentNode,
  operationName: unknown,
): OperationDefinitionNode | DocumentRefusal {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (typeof operationName === 'string' && operationName !== '') {
    const named = operations.find((operation) => operation.name?.value === operationName);
    return (
      named ??
      refuse('BAD_REQUEST', `Unknown operation named "${shown(operationName)}".`, {
        operationName: shown(operationName),
      })
    );
  }
  if (operations.length === 1) return operations[0]!;
  return refuse(
    'BAD_REQUEST',
    operations.length === 0
      ? 'The document contains no operation.'
      : 'The document contains several operations: name the one to run in operationName.',
  );
}

/**
 * Measures one request entry (one operation of a batch, or one WebSocket subscribe): its weight
 * and, when it breaks a limit, the refusal.
 */
export async function analyseEntry(
  entry: RequestEntry,
  limits: DocumentLimitsOptions,
): Promise<DocumentsVerdict> {
  const hash = persistedHash(entry.extensions);
  let text = typeof entry.query === 'string' && entry.query !== '' ? entry.query : undefined;
  if (hash !== undefined && text !== undefined) {
    if (createHash('sha256').update(text).digest('hex') !== hash) {
      return {
        weight: 1,
        refusal: refuse(
          'PERSISTED_QUERY_HASH_MISMATCH',
          'extensions.persistedQuery.sha256Hash is not the SHA-256 (lower-case hex) of the query.',
        ),
      };
    }
  } else if (hash !== undefined && limits.persistedQueryText) {
    text = await limits.persistedQueryText(hash);
  }
  if (text === undefined) return { weight: 1 };

  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof GraphQLError && /more tha[nt] \d+ tokens/.test(error.message)) {
      return {
        weight: 1,
        refusal: refuse(
          'GRAPHQL_VALIDATION_FAILED',
          `Query has more than ${limits.maxTokens} tokens, the limit.`,
          { maxTokens: limits.maxTokens },
        ),
      };
    }
    return { weight: 1 }; // A syntax error: Apollo Server answers it (GRAPHQL_PARSE_FAILED).
  }

  const selected = selectOperation(document, entry.operationName);
  if (!('kind' in selected)) return { weight: 1, refusal: selected };

  let fields = 0;
  let selectedMeasure: OperationMeasure | undefined;
  // graphql-js validates every operation of the document, not just the selected one.
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const measure = measureOperation(undefined, document, definition, undefined, 1);
    if ('kind' in measure) return { weight: 1, refusal: refusalOf(violationError(measure)) };
    const refusal = limitBroken(measure, limits);
    if (refusal) return { weight: 1, refusal };
    fields += measure.fields;
    if (definition === selected) selectedMeasure = measure;
  }
  return {
    weight: Math.max(
      1,
      selectedMeasure?.mutationFields ?? 0,
      Math.ceil(fields / limits.fieldsPerToken),
    ),
  };
}

function limitBroken(measure: OperationMeasure, limits: DocumentLimits): DocumentRefusal | null {
  if (measure.depth > limits.maxDepth)
    return refusalOf(
      violationError({ kind: 'depth', value: measure.depth, limit: limits.maxDepth }),
    );
  if (measure.aliases > limits.maxAliases)
    return refusalOf(
      violationError({ kind: 'aliases', value: measure.aliases, limit: limits.maxAliases }),
    );
  if (measure.fields > limits.maxFields)
    return refuse(
      'QUERY_TOO_COMPLEX',
      `Query selects ${Number.isFinite(measure.fields) ? measure.fields : 'too many'} fields ` +
        `(fragments expanded); the limit is ${limits.maxFields}.`,
      {
        fields: Number.isFinite(measure.fields) ? measure.fields : null,
        maxFields: limits.maxFields,
      },
    );
  if (measure.repeatedField > limits.maxRepeatedField)
    return refuse(
      'QUERY_TOO_COMPLEX',
      `Query selects one field ${measure.repeatedField} times in one selection set; ` +
        `the limit is ${limits.maxRepeatedField}.`,
      { repeatedField: measure.repeatedField, maxRepeatedField: limits.maxRepeatedField },
    );
  if (measure.rootFields > limits.maxRootFields)
    return refusalOf(
      violationError({
        kind: 'rootFields',
        value: measure.rootFields,
        limit: limits.maxRootFields,
      }),
    );
  return null;
}

function entriesOf(req: Parameters<RequestHandler>[0]): RequestEntry[] {
  if (req.method === 'GET') {
    let extensions: unknown;
    if (typeof req.query.extensions === 'string') {
      try {
        extensions = JSON.parse(req.query.extensions);
      } catch {
        extensions = undefined;
      }
    }
    return [{ query: req.query.query, operationName: req.query.operationName, extensions }];
  }
  const body: unknown = req.body;
  if (Array.isArray(body))
    return body.map((entry) => (typeof entry === 'object' && entry ? entry : {}));
  return [typeof body === 'object' && body !== null ? (body as RequestEntry) : {}];
}

/**
 * Parses and measures every document of the request (`res.locals.documents`: weight and the first
 * refusal). Refuses nothing itself, so the rate limiter can charge first; `refuseDocuments` answers.
 */
export function analyseDocuments(options: DocumentLimitsOptions): RequestHandler {
  return async (req, res, next) => {
    const verdict: DocumentsVerdict = { weight: 0 };
    for (const entry of entriesOf(req)) {
      // Once one entry is refused the whole request is: the rest cost a token each, unread.
      const one = verdict.refusal ? { weight: 1 } : await analyseEntry(entry, options);
      verdict.weight += one.weight;
      verdict.refusal ??= one.refusal;
    }
    res.locals.documents = verdict;
    next();
  };
}

/** Answers the refusal `analyseDocuments` found (400 with its code), before Apollo Server validates. */
export function refuseDocuments(): RequestHandler {
  return (_req, res, next) => {
    const refusal = (res.locals.documents as DocumentsVerdict | undefined)?.refusal;
    if (!refusal) {
      next();
      return;
    }
    sendGraphQLError(res, refusal.status, refusal.code, refusal.message, refusal.extensions);
  };
}
