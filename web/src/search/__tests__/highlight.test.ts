import { parseSnippet, snippetText } from '../highlight';

describe('parseSnippet', () => {
  it('shows the characters the query subgraph escaped as they were typed, once', () => {
    // What subgraphs/query's mark() makes of the title `Sawtooth <b>Sunrise</b> & co` for "sunrise".
    expect(parseSnippet('Sawtooth &#60;b&#62;<em>Sunrise</em>&#60;&#47;b&#62; &#38; co')).toEqual([
      { text: 'Sawtooth <b>', match: false },
      { text: 'Sunrise', match: true },
      { text: '</b> & co', match: false },
    ]);
    // A title that really contains an entity's text keeps it (escaped `&` decoded once only).
    expect(snippetText('AT&#38;amp;T &#38;#60;')).toBe('AT&amp;T &#60;');
    // A title containing "<em>" itself is text, not a match.
    expect(parseSnippet('&#60;em&#62;x')).toEqual([{ text: '<em>x', match: false }]);
    expect(snippetText('&#0; &#xD800; &bogus;')).toBe('&#0; &#xD800; &bogus;');
  });

  it('splits matched terms out of the text', () => {
    expect(parseSnippet('Concert <em>Pitch</em> live')).toEqual([
      { text: 'Concert ', match: false },
      { text: 'Pitch', match: true },
      { text: ' live', match: false },
    ]);
    expect(parseSnippet('<em>Low</em> <EM>A</EM>')).toEqual([
      { text: 'Low', match: true },
      { text: ' ', match: false },
      { text: 'A', match: true },
    ]);
  });
  it('handles plain and empty snippets', () => {
    expect(parseSnippet('no marks')).toEqual([{ text: 'no marks', match: false }]);
    expect(parseSnippet('')).toEqual([]);
    expect(parseSnippet('<em></em>')).toEqual([]);
  });
  it('copes with unbalanced tags', () => {
    expect(parseSnippet('open <em>to the end')).toEqual([
      { text: 'open ', match: false },
      { text: 'to the end', match: true },
    ]);
    expect(parseSnippet('stray </em> close')).toEqual([
      { text: 'stray </em> close', match: false },
    ]);
    expect(parseSnippet('<em>a<em>b</em>c')).toEqual([
      { text: 'a<em>b', match: true },
      { text: 'c', match: false },
    ]);
  });
  it('keeps every other markup as literal text (escaped by React)', () => {
    const evil = '<script>alert(1)</script><em onmouseover="x">hi</em><img src=x onerror=y>';
    const parts = parseSnippet(evil);
    expect(parts.every((p) => typeof p.text === 'string')).toBe(true);
    expect(parts.some((p) => p.match)).toBe(false);
    expect(snippetText(evil)).toBe(evil);
    expect(parseSnippet('<em><b>x</b></em>')).toEqual([{ text: '<b>x</b>', match: true }]);
  });
  it('snippetText strips only the em tags', () => {
    expect(snippetText('a <em>b</em> c')).toBe('a b c');
  });
});
