function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The field's text with every word whose lower-cased form is a matched term wrapped in <em>. */
export function mark(text: string, terms: ReadonlySet<string>): string {
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) =>
      i % 2 === 1 && terms.has(part.toLowerCase())
        ? `<em>${escapeHtml(part)}</em>`
        : escapeHtml(part),
    )
    .join('');
}
