import { COMMENT_LINK_REL, safeHref, splitLinks } from '../comment-links';

describe('splitLinks', () => {
  it('keeps a body without links as one text segment', () => {
    expect(splitLinks('what a drop at the end')).toEqual([
      { kind: 'text', text: 'what a drop at the end' },
    ]);
    expect(splitLinks('')).toEqual([]);
  });

  it('turns http and https addresses into links and leaves the text around them', () => {
    expect(splitLinks('live version: https://example.com/live?t=42 (so good)')).toEqual([
      { kind: 'text', text: 'live version: ' },
      {
        kind: 'link',
        text: 'https://example.com/live?t=42',
        href: 'https://example.com/live?t=42',
      },
      { kind: 'text', text: ' (so good)' },
    ]);
    expect(splitLinks('http://a.example and https://b.example/x').map((s) => s.kind)).toEqual([
      'link',
      'text',
      'link',
    ]);
  });

  it('leaves sentence punctuation and unbalanced brackets out of the link', () => {
    expect(splitLinks('see https://example.com/a.').at(0)).toEqual({ kind: 'text', text: 'see ' });
    expect(splitLinks('see https://example.com/a.')[1]).toMatchObject({
      text: 'https://example.com/a',
    });
    expect(splitLinks('(https://example.com/b)')[1]).toMatchObject({
      text: 'https://example.com/b',
    });
    expect(splitLinks('https://en.wikipedia.org/wiki/Drop_(music)!')[0]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Drop_(music)',
    });
  });

  it('never links other schemes, and markup stays text', () => {
    const body =
      'javascript:alert(1) data:text/html,<b>x</b> <a href="https://evil.example">y</a> <script>';
    const segments = splitLinks(body);
    expect(
      segments.filter((s) => s.kind === 'link').map((s) => s.kind === 'link' && s.href),
    ).toEqual(['https://evil.example/']);
    // Joining the pieces gives the body back: nothing is dropped or interpreted.
    expect(segments.map((s) => s.text).join('')).toBe(body);
  });

  it('ignores a scheme without a host', () => {
    expect(splitLinks('https:// nothing')).toEqual([{ kind: 'text', text: 'https:// nothing' }]);
  });

  it('round-trips any body', () => {
    for (const body of [
      'a https://x.example/ b',
      'https://x.example/))).',
      'ftp://x.example http://',
      '\u202e https://y.example',
    ]) {
      expect(
        splitLinks(body)
          .map((s) => s.text)
          .join(''),
      ).toBe(body);
    }
  });
});

describe('safeHref', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://Example.com/A')).toBe('http://example.com/A');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//example.com')).toBeNull();
    expect(safeHref('mailto:a@example.com')).toBeNull();
  });

  it('carries the user-content rel', () => {
    expect(COMMENT_LINK_REL.split(' ').sort()).toEqual([
      'nofollow',
      'noopener',
      'noreferrer',
      'ugc',
    ]);
  });
});
