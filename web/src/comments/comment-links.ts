/**
 * Comment bodies are plain text; the web turns http(s) addresses in them into links. Everything else
 * stays text (React escapes it): no HTML is ever interpreted, and only `http:` / `https:` URLs become
 * links, so `javascript:` or `data:` can never end up in an href.
 */

export type BodySegment =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** What every comment link carries: no opener access, no referrer, no SEO credit, user content. */
export const COMMENT_LINK_REL = 'noopener noreferrer nofollow ugc';

// A scheme, then anything up to whitespace or characters that never belong to a bare URL in text.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u00a0]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"…]+$/;

/** Drops sentence punctuation and unbalanced closing brackets from the end of a matched URL. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ] as const) {
      if (url.endsWith(close) && count(url, close) > count(url, open)) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** The URL to link to, or null when the text is not an absolute http(s) URL with a host. */
export function safeHref(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}

/** Splits a comment body into text and link segments, in order; joining their `text` gives the body back. */
export function splitLinks(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last?.kind === 'text') last.text += text;
    else segments.push({ kind: 'text', text });
  };
  let index = 0;
  for (const match of body.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    const text = trimUrl(match[0]);
    const href = safeHref(text);
    pushText(body.slice(index, start));
    if (href) segments.push({ kind: 'link', text, href });
    else pushText(text);
    index = start + text.length;
  }
  pushText(body.slice(index));
  return segments;
}
