/** One piece of a highlight snippet: plain text, or a matched term (rendered as <mark>). */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search snippet whose matched terms are wrapped in `<em>…</em>` into parts. Only those two
 * exact tags mean anything; every other character (including other tags, stray `</em>`, `<script>`)
 * stays literal text, which React escapes. An unclosed `<em>` marks up to the end. Adjacent parts of
 * the same kind are merged and empty parts dropped.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  let inside = false;
  for (const token of snippet.split(/(<\/?em>)/i)) {
    const tag = token.toLowerCase();
    if (tag === '<em>') {
      if (inside) push(token, true);
      inside = true;
    } else if (tag === '</em>') {
      if (!inside) push(token, false);
      inside = false;
    } else push(token, inside);
  }
  return parts;
}

/** The snippet without its tags (for aria-labels and comparisons). */
export function snippetText(snippet: string): string {
  return parseSnippet(snippet)
    .map((p) => p.text)
    .join('');
}
