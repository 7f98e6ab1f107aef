import { OperationNameLabels } from '../operation-name-labels';

describe('OperationNameLabels', () => {
  it('labels well-formed names until the cap, then counts the rest as other', () => {
    const labels = new OperationNameLabels({ maxNames: 2 });
    expect(labels.label('First')).toBe('First');
    expect(labels.label('Second')).toBe('Second');
    expect(labels.label('Third')).toBe('other');
    expect(labels.label('First')).toBe('First');
  });

  it('always labels known names, without using the cap', () => {
    const labels = new OperationNameLabels({ maxNames: 1, known: ['Home'] });
    labels.addKnown(['SongPage', 'x'.repeat(100)]);
    expect(labels.label('Stranger')).toBe('Stranger');
    expect(labels.label('Other1')).toBe('other');
    expect(labels.label('Home')).toBe('Home');
    expect(labels.label('SongPage')).toBe('SongPage');
    expect(labels.label('x'.repeat(100))).toBe('other');
  });

  it('refuses long or malformed names and names anonymous operations', () => {
    const labels = new OperationNameLabels();
    expect(labels.label('A'.repeat(65))).toBe('other');
    expect(labels.label('A'.repeat(50_000))).toBe('other');
    expect(labels.label('bad name"}')).toBe('other');
    expect(labels.label(null)).toBe('(anonymous)');
    expect(labels.label(undefined)).toBe('(anonymous)');
  });

  it('labels a gateway fetch `<name>__<subgraph>__<n>` by its operation name', () => {
    const labels = new OperationNameLabels({ maxNames: 1 });
    expect(labels.label('SongPage__songs__0')).toBe('SongPage');
    expect(labels.label('SongPage__query_v2__12')).toBe('SongPage');
    expect(labels.label('Two__Parts__songs__3')).toBe('other');
    expect(labels.label(`${'A'.repeat(50_000)}__songs__0`)).toBe('other');
  });
});
