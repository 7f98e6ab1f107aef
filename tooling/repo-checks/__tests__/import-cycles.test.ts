// No module may import itself back through others: a cycle makes load order decide what is
// undefined at import time, and makes the parts impossible to understand (or test) alone.
import path from 'node:path';
import { importCycles, importGraph } from '../import-graph';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCES = ['common/src', 'subgraphs', 'router/src', 'workers', 'tooling', 'tests', 'web/src'];

describe('the import graph', () => {
  it('has no cycle in any package', () => {
    const graph = importGraph(ROOT, SOURCES);
    expect(graph.size).toBeGreaterThan(200);
    const cycles = importCycles(graph).map((cycle) =>
      cycle.map((file) => path.relative(ROOT, file)),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
