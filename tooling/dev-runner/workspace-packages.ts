import fs from 'node:fs';
import path from 'node:path';

/** What the dev runner needs to know of one workspace package. */
export interface WorkspacePackage {
  dir: string;
  packageName: string;
  /** Short name for log prefixes and the URL list (`groovy.name`, else the folder name). */
  name: string;
  /** The URL printed once the service answers (`groovy.url`). */
  url?: string;
  /** Where to poll until the service is up (`groovy.readyUrl`, else `url`). */
  readyUrl?: string;
  hasDevScript: boolean;
  hasBuildScript: boolean;
}

interface PackageJson {
  name?: string;
  workspaces?: string[];
  scripts?: Record<string, string>;
  groovy?: { name?: string; url?: string; readyUrl?: string };
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Expands the root package.json `workspaces` (plain folders and `folder/*`) into packages, in order. */
export function listWorkspacePackages(rootDir: string): WorkspacePackage[] {
  const patterns = readPackageJson(rootDir).workspaces ?? [];
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = path.join(rootDir, pattern.slice(0, -2));
      if (!fs.existsSync(parent)) continue;
      for (const entry of fs.readdirSync(parent, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isDirectory()) dirs.push(path.join(parent, entry.name));
      }
    } else {
      dirs.push(path.join(rootDir, pattern));
    }
  }
  return dirs
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const pkg = readPackageJson(dir);
      const url = pkg.groovy?.url;
      return {
        dir,
        packageName: pkg.name ?? path.basename(dir),
        name: pkg.groovy?.name ?? path.basename(dir),
        ...(url ? { url } : {}),
        ...(pkg.groovy?.readyUrl ?? url ? { readyUrl: pkg.groovy?.readyUrl ?? url } : {}),
        hasDevScript: Boolean(pkg.scripts?.dev),
        hasBuildScript: Boolean(pkg.scripts?.build),
      };
    });
}
