import fs from 'node:fs';
import path from 'node:path';

/** What a service is to the stack; `subgraph` ones are handed to the router. */
export type ServiceRole = 'subgraph' | 'router' | 'worker' | 'web';

/** What the stack launcher knows of one workspace package (its package.json `groovy` metadata). */
export interface WorkspacePackage {
  dir: string;
  packageName: string;
  /** Short name for log prefixes and the URL list (`groovy.name`, else the folder name). */
  name: string;
  /** The URL printed once the service answers in development (`groovy.url`; its port is the dev port). */
  url?: string;
  /** Where to poll until the service is up (`groovy.readyUrl`, else `url`). */
  readyUrl?: string;
  /** `groovy.role`: a `subgraph` is composed by the router, the others are wired by their role. */
  role?: ServiceRole;
  hasDevScript: boolean;
  hasBuildScript: boolean;
}

interface PackageJson {
  name?: string;
  workspaces?: string[];
  scripts?: Record<string, string>;
  groovy?: { name?: string; url?: string; readyUrl?: string; role?: ServiceRole };
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
      for (const entry of fs
        .readdirSync(parent, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))) {
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
      const readyUrl = pkg.groovy?.readyUrl ?? url;
      return {
        dir,
        packageName: pkg.name ?? path.basename(dir),
        name: pkg.groovy?.name ?? path.basename(dir),
        ...(url ? { url } : {}),
        ...(readyUrl ? { readyUrl } : {}),
        ...(pkg.groovy?.role ? { role: pkg.groovy.role } : {}),
        hasDevScript: Boolean(pkg.scripts?.dev),
        hasBuildScript: Boolean(pkg.scripts?.build),
      };
    });
}

/** The packages that are services: those with a `dev` script (what `npm run dev` starts). */
export function listServices(rootDir: string): WorkspacePackage[] {
  return listWorkspacePackages(rootDir).filter((pkg) => pkg.hasDevScript);
}
