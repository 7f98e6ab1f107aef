import { parseSnippet, snippetText } from '../highlight';

describe('parseSnippet', () => {
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
