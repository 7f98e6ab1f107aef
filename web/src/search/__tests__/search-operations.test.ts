import { fieldSnippet, otherSnippets, titleSnippet } from '../search.operations';

const highlights = [
  { field: 'title', snippet: '<em>Tone</em> Poem' },
  { field: 'album', snippet: 'Pure <em>Tones</em>' },
  { field: 'tags', snippet: '<em>tone</em> study' },
];

describe('highlight fields', () => {
  it('finds a field snippet', () => {
    expect(titleSnippet(highlights)).toBe('<em>Tone</em> Poem');
    expect(fieldSnippet(highlights, 'album')).toBe('Pure <em>Tones</em>');
    expect(fieldSnippet(highlights, 'artist')).toBeNull();
    expect(titleSnippet([])).toBeNull();
  });
  it('lists only the snippets not shown in place', () => {
    expect(otherSnippets(highlights).map((h) => h.field)).toEqual(['tags']);
  });
});
