import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');
const GENERATED = path.join(SRC, 'gql');

/** What a hand-kept typed document looks like: the type, a gql/graphql-tag template, the import. */
export const HAND_WRITTEN_DOCUMENT_PATTERNS: readonly RegExp[] = [
  /\bTypedDocumentNode\b/,
  /(?<![\w@/])gql\s*`/,
  /from\s+['"]graphql-tag['"]/,
  /import\s*\{[^}]*\bgql\b[^}]*\}\s*from\s*['"]@apollo\/client['"]/,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return file === GENERATED ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(entry.name) ? [file] : [];
  });
}

export function handWrittenDocuments(files: ReadonlyMap<string, string>): string[] {
  return [...files]
    .filter(([, text]) => HAND_WRITTEN_DOCUMENT_PATTERNS.some((pattern) => pattern.test(text)))
    .map(([file]) => file);
}

describe('GraphQL documents in web/src', () => {
  it('are all made by graphql() from @/gql: no TypedDocumentNode or gql template written by hand', () => {
    const files = new Map(
      sourceFiles(SRC)
        .filter((file) => file !== __filename)
        .map((file) => [path.relative(SRC, file), fs.readFileSync(file, 'utf8')]),
    );
    expect(files.size).toBeGreaterThan(50);
    expect(handWrittenDocuments(files)).toEqual([]);
  });

  it('catches the shapes a hand-written document takes', () => {
    const samples = new Map([
      ['a.ts', "import { gql, type TypedDocumentNode } from '@apollo/client';"],
      ['b.ts', 'const Q: TypedDocumentNode<{ a: 1 }, {}> = parse("{ a }");'],
      ['c.ts', "import gql from 'graphql-tag';"],
      ['d.ts', 'const Q = gql`query { a }`;'],
      ['ok.ts', "import { graphql } from '@/gql';\nconst Q = graphql(`query A { a }`);"],
    ]);
    expect(handWrittenDocuments(samples)).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts']);
  });
});
