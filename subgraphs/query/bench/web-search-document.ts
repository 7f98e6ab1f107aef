/**
 * The search page's operation exactly as the web app sends it: read from the web's
 * persisted-documents manifest (web/src/gql/persisted-documents.json, written by GraphQL Code
 * Generator with `__typename` in every selection set, as Apollo Client sends it), so the bench
 * follows the web app when its document changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';

const WEB_SRC = path.resolve(__dirname, '..', '..', '..', 'web', 'src');
const WEB_MANIFEST = path.join(WEB_SRC, 'gql', 'persisted-documents.json');
const SOURCES = [path.join(WEB_SRC, 'search', 'search.operations.ts')];

/** A web app operation (`Search` by default) as the manifest holds it: text, name and hash. */
export function webOperation(operationName = 'Search'): {
  query: string;
  operationName: string;
  sha256Hash: string;
} {
  const manifest = JSON.parse(fs.readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, string>;
  for (const [sha256Hash, query] of Object.entries(manifest)) {
    const names = parse(query)
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => d.name?.value);
    if (names.includes(operationName)) return { query, operationName, sha256Hash };
  }
  throw new Error(
    `web search document: no operation ${operationName} in ${WEB_MANIFEST} (npm run codegen -w web)`,
  );
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
  return {
    first: constant('SEARCH_PAGE_SIZE'),
    others: Math.max(constant('SUGGEST_OTHERS'), Number(rowSize)),
  };
}
