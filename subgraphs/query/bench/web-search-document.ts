/**
 * The search page's operation exactly as the web app sends it: read from web/src (the `gql`
 * templates of search.operations.ts and the fragments they interpolate), with `__typename` added
 * to every selection set as Apollo Client's cache does before sending. Read at run time so the
 * bench follows the web app when its document changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type FieldNode, type SelectionSetNode } from 'graphql';

const WEB_SRC = path.resolve(__dirname, '..', '..', '..', 'web', 'src');
const SOURCES = [path.join(WEB_SRC, 'search', 'search.operations.ts'), path.join(WEB_SRC, 'songs', 'track.fragment.ts')];

/** `const NAME … = gql\`…\`` → NAME → template text (with `${OTHER}` interpolations left in). */
function gqlTemplates(): Map<string, string> {
  const templates = new Map<string, string>();
  for (const file of SOURCES) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/const (\w+)\b(?:(?!\bconst\b)[^`])*?= gql`([^`]*)`/g)) templates.set(match[1] as string, match[2] as string);
  }
  return templates;
}

function resolve(name: string, templates: Map<string, string>, seen: string[] = []): string {
  const text = templates.get(name);
  if (text === undefined) throw new Error(`web search document: no gql template ${name} in ${SOURCES.join(', ')}`);
  if (seen.includes(name)) throw new Error(`web search document: ${[...seen, name].join(' → ')} is circular`);
  return text.replace(/\$\{(\w+)\}/g, (_, inner: string) => resolve(inner, templates, [...seen, name]));
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** Apollo Client's addTypenameToDocument: `__typename` in every selection set below the root. */
function addTypename(document: ReturnType<typeof parse>): ReturnType<typeof parse> {
  return visit(document, {
    SelectionSet: {
      leave(node: SelectionSetNode, _key, parent) {
        if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

/** The text of a web app operation (`SEARCH_QUERY` by default) with its fragments, as sent. */
export function webOperation(constName = 'SEARCH_QUERY'): { query: string; operationName: string } {
  const document = addTypename(parse(resolve(constName, gqlTemplates())));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation?.name) throw new Error(`web search document: ${constName} has no named operation`);
  return { query: print(document), operationName: operation.name.value };
}

/** The constants the search page sends with it (web/src/search/search.operations.ts, app/search/page.tsx). */
export function webSearchPageSizes(): { first: number; others: number } {
  const operations = fs.readFileSync(SOURCES[0] as string, 'utf8');
  const constant = (name: string): number => {
    const value = new RegExp(`export const ${name} = (\\d+);`).exec(operations)?.[1];
    if (!value) throw new Error(`web search document: no ${name} in ${SOURCES[0]}`);
    return Number(value);
  };
  // app/search/page.tsx: `const ROW_SIZE = Math.max(SUGGEST_OTHERS, 8);`, passed as `others`.
  const page = fs.readFileSync(path.join(WEB_SRC, 'app', 'search', 'page.tsx'), 'utf8');
  const rowSize = /const ROW_SIZE = Math\.max\(SUGGEST_OTHERS, (\d+)\);/.exec(page)?.[1];
  if (!rowSize) throw new Error('web search document: no ROW_SIZE in web/src/app/search/page.tsx');
  return { first: constant('SEARCH_PAGE_SIZE'), others: Math.max(constant('SUGGEST_OTHERS'), Number(rowSize)) };
}
