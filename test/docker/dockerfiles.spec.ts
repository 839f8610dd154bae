import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeFlagsOf, RUNTIME_ENV, SERVICES } from './support/tools';
import { parseDockerfile, Stage } from './support/dockerfile';
import { contextFiles, dockerignore } from './support/dockerignore';

const root = path.resolve(__dirname, '../..');
const RUNTIME_BASE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';

describe('Dockerfiles', () => {
  it('are what tools/dockerfiles.mjs generates from the service table', () => {
    const check = spawnSync(process.execPath, ['tools/dockerfiles.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  describe.each(SERVICES.map((s) => [s.name, s] as const))(
    'services/%s/Dockerfile',
    (name, service) => {
      const file = path.join(root, 'services', name, 'Dockerfile');
      let stages: Stage[];
      let build: Stage;
      let runtime: Stage;
      const only = (stage: Stage, keyword: string) =>
        stage.instructions.filter((i) => i.keyword === keyword);

      beforeAll(() => {
        stages = parseDockerfile(readFileSync(file, 'utf8'));
        [build, runtime] = stages;
      });

      it('has a build stage on an official Node image and a runtime stage on Amazon Linux 2023', () => {
        expect(stages).toHaveLength(2);
        expect(build.from).toMatch(
          /^(public\.ecr\.aws\/docker\/library\/)?node:(2[2-9]|[3-9]\d)[\w.-]*$/,
        );
        expect(build.name).toBe('build');
        expect(runtime.from).toBe(RUNTIME_BASE);
      });

      it('installs from the lockfile, then builds this service with tools/build.mjs', () => {
        const runs = only(build, 'RUN').map((i) => i.raw);
        expect(runs[0]).toMatch(/^npm ci\b/);
        expect(runs[1]).toContain(`node tools/build.mjs ${name}`);
        expect(runs[1]).toContain(`node tools/service-lockfile.mjs ${name}`);
        expect(runs[1]).toMatch(/npm ci --omit=dev/);
        // The lockfile is copied before the sources, so a source change reuses the npm ci layer.
        const copies = only(build, 'COPY').map((i) => i.args.slice(0, -1));
        expect(copies[0]).toEqual(['package.json', 'package-lock.json']);
      });

      it('only copies into the runtime stage: Node.js and the built service, nothing installed', () => {
        expect(only(runtime, 'RUN')).toEqual([]);
        const copies = only(runtime, 'COPY');
        expect(copies.every((c) => c.flags.from === 'build')).toBe(true);
        expect(copies.map((c) => c.args[0]).sort()).toEqual(
          ['/usr/local/bin/node', `/src/dist/services/${name}/`].sort(),
        );
      });

      it('runs as uid 1000 in /app on port 8080 with NODE_ENV=production and the shared environment', () => {
        expect(only(runtime, 'USER').map((i) => i.raw)).toEqual(['1000:1000']);
        expect(only(runtime, 'WORKDIR').map((i) => i.raw)).toEqual(['/app']);
        expect(only(runtime, 'EXPOSE').map((i) => i.raw)).toEqual(['8080']);
        const env = Object.fromEntries(
          only(runtime, 'ENV').flatMap((i) => i.args.map((a) => a.split('=') as [string, string])),
        );
        expect(env).toEqual({ PORT: '8080', NODE_ENV: 'production', ...RUNTIME_ENV });
        expect(env.MALLOC_ARENA_MAX).toBe('1');
      });

      it('starts node directly in exec form with its flags, so SIGTERM reaches it', () => {
        const [entrypoint, ...others] = only(runtime, 'ENTRYPOINT');
        expect(others).toEqual([]);
        expect(entrypoint.execForm).toBe(true);
        expect(entrypoint.args).toEqual(['node', ...nodeFlagsOf(service), 'main.js']);
        expect(only(runtime, 'CMD')).toEqual([]);
      });

      it(`checks health with curl on ${service.health}`, () => {
        const [healthcheck] = only(runtime, 'HEALTHCHECK');
        expect(healthcheck.raw).toMatch(/^CMD curl -f/);
        expect(healthcheck.raw).toContain(`"http://localhost:\${PORT}${service.health}"`);
        expect(healthcheck.flags['start-period']).toBe('60s');
      });

      it('copies only files that exist in the build context', () => {
        const ignore = dockerignore(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
        const sources = only(build, 'COPY')
          .filter((c) => !c.flags.from)
          .flatMap((c) => c.args.slice(0, -1));
        expect(sources.length).toBeGreaterThan(0);
        for (const source of sources) {
          expect({ source, exists: existsSync(path.join(root, source)) }).toEqual({
            source,
            exists: true,
          });
          expect({ source, excluded: ignore.excludes(source) }).toEqual({
            source,
            excluded: false,
          });
        }
      });
    },
  );
});

describe('.dockerignore', () => {
  const ignore = dockerignore(readFileSync(path.join(root, '.dockerignore'), 'utf8'));

  it('leaves out dependencies, build output, tests, git and local settings', () => {
    for (const excluded of [
      'node_modules/typeorm/index.js',
      'dist/services/catalog/main.js',
      '.git/HEAD',
      '.env',
      'services/catalog/test/catalog.e2e-spec.ts',
      'services/catalog/src/products/products.service.spec.ts',
      'libs/service-kit/node_modules/x/index.js',
      'test/docker/dockerfiles.spec.ts',
      'deploy/ecs/README.md',
    ]) {
      expect({ excluded, is: ignore.excludes(excluded) }).toEqual({ excluded, is: true });
    }
  });

  it('keeps what the builds need', () => {
    for (const kept of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'tools/build.mjs',
      'tools/service-lockfile.mjs',
      'libs/service-kit/src/index.ts',
      'services/catalog/src/main.ts',
      'services/catalog/project.json',
      'services/catalog/tsconfig.json',
    ]) {
      expect({ kept, excluded: ignore.excludes(kept) }).toEqual({ kept, excluded: false });
    }
  });

  it('keeps the context small', () => {
    const files = contextFiles(root);
    const megabytes = files.reduce((sum, f) => sum + f.size, 0) / 1e6;
    expect(files.some((f) => f.file.startsWith('node_modules/'))).toBe(false);
    expect(megabytes).toBeLessThan(20);
  });
});
