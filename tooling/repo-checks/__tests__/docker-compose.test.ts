// No Docker engine runs on the dev machines or in CI, so docker-compose.yml is checked by reading it.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { listWorkspacePackages } from '../../stack/workspace-packages';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const packages = listWorkspacePackages(ROOT);

describe('docker-compose.yml', () => {
  it('runs every service that `npm run dev` runs, each built from a workspace package with a start script', () => {
    const devServices = packages.filter((pkg) => pkg.hasDevScript).map((pkg) => pkg.name);
    expect(devServices.length).toBeGreaterThan(0);
    for (const name of devServices) expect(Object.keys(services)).toContain(name);

    for (const [name, service] of Object.entries(services)) {
      if (service.image) continue;
      const workspace = service.build?.args?.WORKSPACE;
      expect({ name, workspace }).toEqual({ name, workspace: expect.any(String) });
      const pkg = packages.find((p) => p.packageName === workspace);
      expect({ name, found: Boolean(pkg) }).toEqual({ name, found: true });
      const scripts =
        JSON.parse(fs.readFileSync(path.join(pkg!.dir, 'package.json'), 'utf8')).scripts ?? {};
      expect({ name, start: typeof scripts.start }).toEqual({ name, start: 'string' });
    }
    expect(fs.existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it('wires dependencies, ports and URLs to services that exist', () => {
    const hostPorts = Object.values(services).flatMap((s) =>
      (s.ports ?? []).map((p) => p.split(':')[0]),
    );
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({
          name,
          dependency,
          exists: true,
        });
      }
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        const host = /^(?:mongodb|https?):\/\/([^:/]+)/.exec(String(value))?.[1];
        if (
          !host ||
          host === 'localhost' ||
          variable.startsWith('NEXT_PUBLIC_') ||
          variable === 'NEXTAUTH_URL'
        )
          continue;
        expect({ name, variable, host, exists: host in services }).toEqual({
          name,
          variable,
          host,
          exists: true,
        });
      }
    }
  });

  it('shares one identity secret of at least 32 characters between the router and the subgraphs', () => {
    const secrets = Object.entries(services)
      .filter(([, s]) => s.environment?.IDENTITY_TOKEN_SECRET)
      .map(([, s]) => s.environment!.IDENTITY_TOKEN_SECRET!);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
    expect(services.router?.environment?.IDENTITY_TOKEN_SECRET).toBe(secrets[0]);
  });

  it('publishes only the router and the web app (and the storage emulator standing in for public GCS)', () => {
    const published = Object.entries(services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['gcs', 'router', 'web']);
    // Everything else is reachable on the compose network only.
    for (const name of ['mongo', 'pubsub', 'auth', 'songs', 'preferences', 'query', 'hls-worker']) {
      expect({ name, expose: services[name]?.expose?.length ?? 0 }).toEqual({ name, expose: 1 });
    }
    // The router believes X-Forwarded-For only from the web app's fixed address.
    const webAddress = (
      compose.services.web as { networks?: { default?: { ipv4_address?: string } } }
    ).networks?.default?.ipv4_address;
    expect(webAddress).toEqual(expect.any(String));
    expect(services.router?.environment?.TRUSTED_PROXIES).toBe(webAddress);
  });

  it('gives every long-running service a health check', () => {
    const oneShot = new Set(
      Object.values(services).flatMap((s) =>
        Object.entries(s.depends_on ?? {})
          .filter(([, dependency]) => dependency.condition === 'service_completed_successfully')
          .map(([name]) => name),
      ),
    );
    for (const [name, service] of Object.entries(services)) {
      if (oneShot.has(name)) continue;
      expect({ name, healthcheck: Boolean(service.healthcheck?.test?.length) }).toEqual({
        name,
        healthcheck: true,
      });
    }
  });
});
