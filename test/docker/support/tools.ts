import path from 'node:path';

// The tools under test live outside every Nx project, so they are loaded by path at run time (the
// module-boundary rule forbids importing them by a relative path); their shapes are restated here.

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const load = <T>(file: string): T => require(path.join(root, file)) as T;

export interface ServiceRow {
  name: string;
  compose: string;
  port: number;
  health: string;
  endpointVar?: string;
  backendEnv: string[];
  smallHeap: boolean;
}

export const { nodeFlagsOf, RUNTIME_ENV, SERVICES, isPresent } = load<{
  nodeFlagsOf: (service: ServiceRow) => string[];
  RUNTIME_ENV: Record<string, string>;
  SERVICES: ServiceRow[];
  isPresent: (root: string, service: ServiceRow) => boolean;
}>('tools/services.mjs');

export const { formatLogLine, prefixFor } = load<{
  formatLogLine: (raw: string, options?: { color?: boolean; verbose?: boolean }) => string[];
  prefixFor: (name: string, index: number, width: number, color: boolean) => string;
}>('tools/start/log-format.mjs');

export interface Lockfile {
  name?: string;
  lockfileVersion?: number;
  packages: Record<string, Record<string, unknown>>;
}

export const { pruneLockfile } = load<{
  pruneLockfile: (lock: Lockfile, name: string, dependencies: Record<string, string>) => Lockfile;
}>('tools/service-lockfile.mjs');
