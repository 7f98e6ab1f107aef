import { parseSnippet } from './highlight';

/** A search snippet with its `<em>` matches as <mark> elements; everything else is escaped text. */
export function Highlighted({ snippet, fallback }: { snippet: string | null; fallback?: string }) {
  if (!snippet) return <>{fallback ?? ''}</>;
  return (
    <>
      {parseSnippet(snippet).map((part, i) =>
        part.match ? (
          <mark key={i} className="search-mark">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
