/** One piece of a highlight snippet: plain text, or a matched term (rendered as <mark>). */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text of a snippet piece: the query subgraph escapes the field's characters as HTML entities
 * (`&#60;` for `<`, …) around its `<em>` tags, so they are decoded once here, and React escapes the
 * result again when it renders it. An entity that names no character stays as it is.
 */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (entity, dec, hex, name) => {
    if (name) return NAMED_ENTITIES[(name as string).toLowerCase()] ?? entity;
    const code = dec ? Number(dec) : parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : entity;
  });
}

/**
 * Splits a search snippet whose matched terms are wrapped in `<em>…</em>` into parts. Only those two
 * exact tags mean anything; every other character (including other tags, stray `</em>`, `<script>`)
 * stays literal text, which React escapes. An unclosed `<em>` marks up to the end. Adjacent parts of
 * the same kind are merged and empty parts dropped. Entities in the text are decoded (see
 * `decodeEntities`): the subgraph escapes a title's own `<` and `&`.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (raw: string, match: boolean) => {
    const text = decodeEntities(raw);
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
