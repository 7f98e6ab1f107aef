// `npm ci` (the Dockerfile, anyone's CI) installs exactly what package-lock.json records. A lock written
// on one platform without the other platforms' optional packages (@swc/core-*, @turbo/*, resolver
// bindings) makes `npm ci` fail elsewhere and `npm install` rewrite the lock on every fresh clone.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

export function missingOptionalPackages(lock: { packages: Record<string, LockEntry> }): string[] {
  const entries = lock.packages;
  const missing: string[] = [];
  for (const [location, entry] of Object.entries(entries)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      // Node's resolution: the package's own node_modules, then each parent's, then the root's.
      const candidates: string[] = [];
      let base = location;
      for (;;) {
        candidates.push(base ? `${base}/node_modules/${name}` : `node_modules/${name}`);
        if (!base) break;
        const parent = base.lastIndexOf('/node_modules/');
        base = parent === -1 ? '' : base.slice(0, parent);
      }
      if (!candidates.some((candidate) => candidate in entries))
        missing.push(`${location || '(root)'} → ${name}`);
    }
  }
  return missing;
}

describe('package-lock.json', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };

  it('records every optional package of every platform, so `npm ci` works on a clean clone anywhere', () => {
    expect(missingOptionalPackages(lock)).toEqual([]);
  });

  it('holds platform packages for more than this machine (a lock written with a platform filter fails here)', () => {
    const platforms = new Set(
      Object.values(lock.packages).flatMap((entry) =>
        (entry.os ?? []).map((os) => `${os}/${(entry.cpu ?? ['any']).join('+')}`),
      ),
    );
    expect([...platforms].some((p) => p.startsWith('darwin/'))).toBe(true);
    expect([...platforms].some((p) => p.startsWith('win32/'))).toBe(true);
    expect([...platforms].some((p) => p.startsWith('linux/'))).toBe(true);
  });

  it('finds a missing optional package (the check itself can fail)', () => {
    const broken = {
      packages: {
        '': {},
        'node_modules/@swc/core': {
          version: '1.0.0',
          optionalDependencies: { '@swc/core-darwin-arm64': '1.0.0' },
        },
      },
    };
    expect(missingOptionalPackages(broken)).toEqual([
      'node_modules/@swc/core → @swc/core-darwin-arm64',
    ]);
  });
});
