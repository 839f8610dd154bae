import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ECS_DIR = path.resolve(__dirname, '../..');
export const REPO_ROOT = path.resolve(ECS_DIR, '../..');
export const SCRIPTS_DIR = path.join(ECS_DIR, 'scripts');

/** Debian's awscli (apt-get install awscli); a pyenv shim earlier on PATH may be a broken v1. */
export const AWS_CLI = process.env.AWS_CLI ?? '/usr/bin/aws';

export interface Tool {
  name: string;
  /** Why the tool cannot be used, or undefined when it can. */
  missing: string | undefined;
}

export function probeTool(name: string, command: string, args: string[]): Tool {
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (probe.error !== undefined || probe.status !== 0) {
    const why = probe.error?.message ?? (probe.stderr.trim() || `exit ${probe.status}`);
    return { name, missing: `${command} does not run (${why})` };
  }
  return { name, missing: undefined };
}

/**
 * `describe` when the tool runs; otherwise skipped with a printed reason, except under
 * REQUIRE_SERVICES=1 (CI), where the missing tool is a failing test.
 */
export function describeWithTool(tool: Tool, name: string, fn: () => void): void {
  if (tool.missing === undefined) {
    describe(name, fn);
    return;
  }
  if (process.env.REQUIRE_SERVICES === '1') {
    describe(name, () => {
      it(`needs ${tool.name}`, () => {
        throw new Error(`REQUIRE_SERVICES=1 but ${tool.missing}`);
      });
    });
    return;
  }
  console.warn(
    `skipping "${name}": ${tool.missing} (REQUIRE_SERVICES=1 makes this a failure; see deploy/ecs/README.md)`,
  );
  // The body is not run: it may need the tool just to collect its tests.
  describe.skip(name, () => {
    it(`needs ${tool.name}`, () => undefined);
  });
}

export const tempDir = (prefix: string): string =>
  mkdtempSync(path.join(tmpdir(), `deploy-ecs-${prefix}-`));

/** A loopback port nothing listens on: connecting to it is refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  return port;
}

/** Dummy credentials and every switch that keeps the CLI away from AWS and from local config. */
export const offlineAwsEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: tempDir('home'),
  AWS_ACCESS_KEY_ID: 'AKIAOFFLINEEXAMPLE00',
  AWS_SECRET_ACCESS_KEY: 'offline-secret-example',
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_MAX_ATTEMPTS: '1',
  AWS_RETRY_MODE: 'standard',
  AWS_PAGER: '',
});
