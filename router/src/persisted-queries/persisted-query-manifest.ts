import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Kind, parse } from 'graphql';
import { z } from 'zod';

/** One operation of the allow-list: its id (sha256 hex of the body), its name, its text. */
export interface PersistedDocument {
  hash: string;
  /** The operation's name, or null for an anonymous one (or a body that does not parse). */
  operationName: string | null;
  body: string;
}

/** The allow-list of first-party operations: sha256 (hex) of the query text → query text. */
export type PersistedQueryManifest = ReadonlyMap<string, string>;

const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string(), body: z.string() })),
});
const plainManifest = z.record(z.string(), z.string());

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function operationNameOf(body: string): string | null {
  try {
    const operations = parse(body).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    return operations.length === 1 ? (operations[0]!.name?.value ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * Reads a manifest in either format: a plain JSON object `{ "<sha256>": "<query>" }` (what GraphQL
 * Code Generator's client preset writes for the web app, web/src/gql/persisted-documents.json), or
 * Apollo's `apollo-persisted-query-manifest` (`operations: [{ id, body }]`). Every id must be the
 * SHA-256 of its body, so a client's APQ hash and the allow-list agree; a mismatch refuses the whole
 * file.
 */
export function parsePersistedDocumentsManifest(
  json: string,
  source = 'manifest',
): PersistedDocument[] {
  const data: unknown = JSON.parse(json);
  const apollo = apolloManifest.safeParse(data);
  const entries: Array<[string, string]> = apollo.success
    ? apollo.data.operations.map((operation) => [operation.id, operation.body])
    : Object.entries(plainManifest.parse(data));
  return entries.map(([id, body]) => {
    const hash = sha256Hex(body);
    if (id.toLowerCase() !== hash) {
      throw new Error(
        `${source}: operation ${id} is not the SHA-256 of its query (expected ${hash})`,
      );
    }
    return { hash, operationName: operationNameOf(body), body };
  });
}

/** The manifest at `file`, entry by entry (for the allow-list, and for known operation names). */
export function loadPersistedDocumentsManifest(file: string): PersistedDocument[] {
  return parsePersistedDocumentsManifest(fs.readFileSync(file, 'utf8'), file);
}

/** The allow-list lookup: hash → body. */
export function persistedQueryLookup(
  documents: readonly PersistedDocument[],
): PersistedQueryManifest {
  return new Map(documents.map((document) => [document.hash, document.body]));
}

export function parsePersistedQueryManifest(
  json: string,
  source = 'manifest',
): PersistedQueryManifest {
  return persistedQueryLookup(parsePersistedDocumentsManifest(json, source));
}
