#!/usr/bin/env node
// Builds the services' images from the repository root, tagged retail-store-sample-<name>:<tag>,
// for linux/amd64 unless told otherwise (Fargate runs X86_64; an arm64-only image from an Apple
// Silicon laptop would not start there). Also the `container` target of each service's project.
//
// Usage: node tools/container.mjs [service...] [--tag T] [--platform P] [--dry-run] [-- engine build args]
//   no service: every service whose sources exist; engine: $CONTAINER_ENGINE, else docker, else podman
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SERVICES, isPresent } from './services.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// Everything after `--` goes to the engine's build command untouched.
const argv = process.argv.slice(2);
const cut = argv.indexOf('--');
const extra = cut === -1 ? [] : argv.slice(cut + 1);
const { values, positionals: names } = parseArgs({
  args: cut === -1 ? argv : argv.slice(0, cut),
  allowPositionals: true,
  options: {
    tag: { type: 'string', default: process.env.TAG || 'latest' },
    platform: { type: 'string', default: 'linux/amd64' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: node tools/container.mjs [service...] [--tag T] [--platform P] [--dry-run] [-- engine build args]

Builds retail-store-sample-<service>:<tag> from services/<service>/Dockerfile with the repository
root as context. Defaults: every service, --tag $TAG or latest, --platform linux/amd64, the
engine in $CONTAINER_ENGINE, else docker, else podman. --dry-run prints the commands only.`);
  process.exit(0);
}

const unknown = names.filter((n) => !SERVICES.some((s) => s.name === n));
if (unknown.length > 0) {
  console.error(
    `unknown service ${unknown.join(', ')} (known: ${SERVICES.map((s) => s.name).join(', ')})`,
  );
  process.exit(2);
}
if (!/^[\w][\w.-]{0,127}$/.test(values.tag)) {
  console.error(`--tag ${values.tag} is not a valid image tag`);
  process.exit(2);
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const engine = process.env.CONTAINER_ENGINE ?? (onPath('docker') ? 'docker' : 'podman');
const services =
  names.length > 0
    ? SERVICES.filter((s) => names.includes(s.name))
    : SERVICES.filter((s) => isPresent(ROOT, s));

for (const service of services) {
  const args = [
    'build',
    '--platform',
    values.platform,
    '-f',
    `services/${service.name}/Dockerfile`,
    '-t',
    `retail-store-sample-${service.name}:${values.tag}`,
    // podman writes OCI images by default, which drop HEALTHCHECK.
    ...(path.basename(engine) === 'podman' ? ['--format', 'docker'] : []),
    ...extra,
    '.',
  ];
  console.log(`${engine} ${args.join(' ')}`);
  if (values['dry-run']) continue;
  const { status } = spawnSync(engine, args, { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`building ${service.name} failed (${engine} exited with ${status})`);
    process.exit(1);
  }
}
