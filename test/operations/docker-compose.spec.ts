import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadSettings } from '#config';

/**
 * No Docker engine runs here, so the compose file and Dockerfile are checked for what they must
 * say: the services and profiles, pinned images, ports, persistent volumes, health checks, and
 * environment that the app's own configuration loader accepts.
 */
interface Service {
  readonly image?: string;
  readonly build?: unknown;
  readonly profiles?: string[];
  readonly environment?: Record<string, string>;
  readonly ports?: string[];
  readonly volumes?: string[];
  readonly healthcheck?: { test: string[] };
  readonly depends_on?: Record<string, { condition: string }>;
  readonly networks?: unknown;
}

const ROOT = process.cwd();
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const inProfile = (profile: string | undefined) =>
  Object.entries(services)
    .filter(([, s]) => (profile === undefined ? s.profiles === undefined : s.profiles?.includes(profile)))
    .map(([name]) => name)
    .sort();

const KURRENTDB_NODES = ['kurrentdb', 'kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3'];
const APIS = ['api', 'api-1', 'api-2'];

/** Compose's ${VAR:-default} and ${VAR:?message}, with the values a user would give. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
    const set = given[name];
    if (set !== undefined) return set;
    if (kind === '-') return rest ?? '';
    throw new Error(`${name} must be set: ${rest}`);
  });
}

describe('docker-compose.yml', () => {
  it('runs one KurrentDB node and the API by default, and three nodes with two API instances in the cluster profile', () => {
    expect(inProfile(undefined)).toEqual(['api', 'kurrentdb']);
    expect(inProfile('cluster')).toEqual(['api-1', 'api-2', 'kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']);
  });

  it('pins KurrentDB to a released version from Kurrent’s registry, never latest', () => {
    for (const name of KURRENTDB_NODES) {
      const image = interpolate(service(name).image ?? '', {});
      expect(image).toMatch(/^docker\.kurrent\.io\/kurrent-lts\/kurrentdb:\d+\.\d+\.\d+$/);
    }
  });

  it('keeps every node’s data in a named volume, and publishes its port 2113 to this machine only', () => {
    for (const name of KURRENTDB_NODES) {
      const { volumes = [], ports = [] } = service(name);
      const data = volumes.find((v) => v.endsWith(':/var/lib/kurrentdb'))?.split(':')[0];
      expect(data).toBeDefined();
      expect(compose.volumes).toHaveProperty(data as string);
      expect(ports).toHaveLength(1);
      expect(ports[0]).toMatch(/^127\.0\.0\.1:\d+:2113$/);
    }
  });

  it('runs KurrentDB insecure, marked for local use only, and the cluster’s three nodes gossip with each other', () => {
    for (const name of KURRENTDB_NODES) expect(service(name).environment?.['KURRENTDB_INSECURE']).toBe('true');
    for (const name of ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']) {
      const env = service(name).environment ?? {};
      expect(env['KURRENTDB_CLUSTER_SIZE']).toBe('3');
      const seeds = (env['KURRENTDB_GOSSIP_SEED'] ?? '').split(',');
      expect(seeds).toHaveLength(2);
      expect(seeds).not.toContain(`${env['KURRENTDB_REPLICATION_IP']}:2113`);
    }
    expect(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).toMatch(/INSECURE.*local use only/i);
  });

  it('health-checks every service: KurrentDB’s /health/live and the API’s readiness /health', () => {
    for (const name of KURRENTDB_NODES) expect(service(name).healthcheck?.test.join(' ')).toContain('http://localhost:2113/health/live');
    for (const name of APIS) expect(service(name).healthcheck?.test.join(' ')).toContain('/health');
  });

  it('builds each API instance from the Dockerfile, with its own data volume, after its store is healthy', () => {
    const dataVolumes = new Set<string>();
    for (const name of APIS) {
      const api = service(name);
      expect(api.build).toBe('.');
      const data = (api.volumes ?? []).find((v) => v.endsWith(':/data'))?.split(':')[0];
      expect(compose.volumes).toHaveProperty(data as string);
      dataVolumes.add(data as string);
      expect(Object.values(api.depends_on ?? {}).every((d) => d.condition === 'service_healthy')).toBe(true);
      expect(Object.keys(api.depends_on ?? {}).every((dependency) => KURRENTDB_NODES.includes(dependency))).toBe(true);
    }
    expect(dataVolumes.size).toBe(APIS.length);
    expect(Object.keys(service('api-1').depends_on ?? {}).sort()).toEqual(['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']);
  });

  it('gives each API an environment the app’s configuration accepts, naming only variables it reads', () => {
    const read = new Set<string>();
    const spy = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadSettings(spy);
    for (const name of APIS) {
      const environment = service(name).environment ?? {};
      expect(Object.keys(environment).filter((variable) => !read.has(variable))).toEqual([]);
      const env = Object.fromEntries(
        Object.entries(environment).map(([variable, value]) => [variable, interpolate(String(value), { BOOTSTRAP_ADMIN_TOKEN: 'a-long-random-admin-token' })]),
      );
      const settings = loadSettings(env);
      expect(settings).toMatchObject({ eventStore: 'eventstoredb', host: '0.0.0.0', port: 3000, dataDir: '/data', nodeEnv: 'production' });
      // The connection string names the compose services the instance depends on.
      const hosts = (settings.eventStoreConnectionString ?? '').replace(/^[a-z+]+:\/\//, '').split('?')[0]?.split(',').map((h) => h.split(':')[0]);
      expect(hosts?.sort()).toEqual(Object.keys(service(name).depends_on ?? {}).sort());
    }
  });

  it('refuses to start without BOOTSTRAP_ADMIN_TOKEN rather than run with a default secret', () => {
    expect(() => interpolate(String(service('api').environment?.['BOOTSTRAP_ADMIN_TOKEN']), {})).toThrow(/BOOTSTRAP_ADMIN_TOKEN must be set/);
  });
});

describe('Dockerfile', () => {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = lines.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)?.push(line), all)), []);
  const runtime = stages.at(-1) ?? [];

  it('is multi-stage: compiled in one stage, run from another on the same Node LTS base', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const bases = stages.map((stage) => stage[0]?.replace(/ AS .*$/i, ''));
    for (const base of bases) expect(base).toMatch(/^FROM node:(20|22|24)-/);
    expect(new Set(bases).size).toBe(1);
    expect(stages[0]?.some((line) => /npm run build/.test(line))).toBe(true);
  });

  it('ships production dependencies only, runs as the unprivileged node user, listens on all interfaces', () => {
    expect(stages[0]?.some((line) => /npm prune --omit=dev|npm ci --omit=dev/.test(line))).toBe(true);
    expect(runtime).toContain('USER node');
    expect(runtime.some((line) => /^ENV .*HOST=0\.0\.0\.0/.test(line))).toBe(true);
    expect(runtime.some((line) => /^(RUN|COPY) .*(npm ci|npm install|apt-get install)/.test(line))).toBe(false);
  });

  it('starts the compiled API, with a health check and a writable /data volume', () => {
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/apps/api/src/main.js"]');
    expect(runtime.some((line) => line.startsWith('HEALTHCHECK') && line.includes('/health'))).toBe(true);
    expect(runtime.some((line) => /chown node:node \/data/.test(line))).toBe(true);
    expect(runtime).toContain('VOLUME ["/data"]');
  });
});
