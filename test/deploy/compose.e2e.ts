/**
 * docker-compose.yml and the nginx configurations, checked as far as these machines can: there is
 * no Docker engine here, so nothing is started. The compose file must validate against the
 * Compose Specification's JSON schema (test/deploy/compose-spec.json, from compose-spec/compose-spec
 * at 170098ba07d9f53c383a41bfd4c5166b0a4529a6), keep the properties the PostgreSQL issue asked
 * for, and the nginx configurations must pass `nginx -t` (Debian's nginx) on a copy whose
 * upstreams point at 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// merge: the `<<:` keys Compose reads (YAML 1.1 merge keys).
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Record<string, unknown> & { profiles?: string[]; environment?: Record<string, string>; ports?: string[] }>;
};
const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).status === 0;

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/deploy/compose-spec.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    // The schema names its meta-schema by an https URL without the trailing '#' Ajv registers draft 7 under.
    ajv.addMetaSchema({
      ...(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('ajv/dist/refs/json-schema-draft-07.json'), 'utf8')) as object),
      $id: 'https://json-schema.org/draft-07/schema',
    });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // And it is a real check: a service with an unknown key, or depends_on that is no list, is refused.
    expect(validate({ services: { api: { image: 'x', restart: 'unless-stopped', helathcheck: {} } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x', depends_on: 5 } } })).toBe(false);
  });

  it('has a postgres profile with electing API instances and an eventstoredb profile with a leader and followers', () => {
    const inProfile = (p: string) => Object.entries(compose.services).filter(([, s]) => s.profiles?.includes(p));
    const postgres = inProfile('postgres');
    expect(postgres.map(([n]) => n).sort()).toEqual(['api', 'nginx', 'postgres']);
    expect(compose.services.api!.environment).toMatchObject({ PROJECTOR: 'auto' });
    expect(compose.services.api!.environment!.POSTGRES_URL).toMatch(/^postgres:\/\//);
    const esdb = inProfile('eventstoredb');
    expect(esdb.map(([n]) => n).sort()).toEqual(['api-follower', 'api-leader', 'eventstore', 'mongodb', 'nginx-esdb']);
    expect(compose.services['api-follower']!.environment).toMatchObject({ PROJECTOR: 'follow' });
  });

  it('starts with OIDC alone, lets API instances scale, restarts everything, keeps the API data', () => {
    const apis = Object.entries(compose.services).filter(([n]) => n.startsWith('api'));
    for (const [name, service] of apis) {
      // No required AUTH_JWT_SECRET: an OIDC-only start is possible; the service itself refuses to start without either.
      expect({ name, secret: service.environment!.AUTH_JWT_SECRET }).toEqual({ name, secret: '${AUTH_JWT_SECRET:-}' });
      // No fixed host port: `--scale` would collide on it. nginx is the way in.
      expect({ name, ports: service.ports }).toEqual({ name, ports: undefined });
    }
    for (const [name, service] of Object.entries(compose.services))
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
    expect(compose.services['api-leader']!.volumes).toEqual(['api-leader-data:/data']);
    expect(compose.services.api!.volumes).toEqual(['api-data:/data']);
  });

  it("reports MongoDB healthy only once it is the replica set's writable primary", () => {
    const test = (compose.services.mongodb!.healthcheck as { test: string[] }).test.join(' ');
    expect(test).toContain('isWritablePrimary');
    expect(test).toContain('rs.initiate');
  });
});

(nginx ? describe : describe.skip)('nginx configurations (nginx -t on a copy with upstreams at 127.0.0.1)', () => {
  for (const file of ['postgres.conf', 'eventstoredb.conf']) {
    it(`${file} passes nginx -t`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'nginx-check-'));
      try {
        const site = readFileSync(join(ROOT, 'deploy/nginx', file), 'utf8').replace(/server (api[a-z-]*):3000/g, 'server 127.0.0.1:3000');
        writeFileSync(join(dir, 'site.conf'), site);
        writeFileSync(
          join(dir, 'nginx.conf'),
          `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir};\n  proxy_temp_path ${dir};\n  fastcgi_temp_path ${dir};\n  uwsgi_temp_path ${dir};\n  scgi_temp_path ${dir};\n  include ${dir}/site.conf;\n}\n`,
        );
        const result = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
        expect({ status: result.status, output: result.stderr }).toEqual({ status: 0, output: expect.stringContaining('syntax is ok') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

if (!nginx) process.stdout.write('nginx configuration check SKIPPED: no nginx (apt-get install nginx-light)\n');
