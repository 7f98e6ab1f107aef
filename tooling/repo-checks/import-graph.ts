// The import graph of the monorepo's TypeScript sources, for the import-cycle check.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'dist',
  '.next',
  '.turbo',
  '.git',
  'coverage',
]);

/** Every .ts/.tsx file under `directory`, skipping build output and dependencies. */
export function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

function resolveFile(candidate: string): string | null {
  for (const file of [
    candidate,
    `${candidate}.ts`,
    `${candidate}.tsx`,
    path.join(candidate, 'index.ts'),
  ]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/**
 * The files each file imports (value and type imports, re-exports, `import()`), as far as they are
 * sources of this repository: relative specifiers, and `@groovy/common/<concern>` read as
 * common/src/<concern>. Other packages are leaves and cannot close a cycle.
 */
export function importGraph(root: string, directories: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const directory of directories) {
    for (const file of sourceFiles(path.join(root, directory))) {
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
      const targets: string[] = [];
      for (const { fileName: specifier } of importedFiles) {
        let target: string | null = null;
        if (specifier.startsWith('.'))
          target = resolveFile(path.resolve(path.dirname(file), specifier));
        else if (specifier.startsWith('@groovy/common/'))
          target = resolveFile(
            path.join(root, 'common', 'src', specifier.slice('@groovy/common/'.length)),
          );
        if (target) targets.push(target);
      }
      graph.set(file, targets);
    }
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): the cycles. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}
