import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AWS_CLI } from './tools';

/** Where Debian's awscli package keeps the published API models it validates with. */
const DEBIAN_MODELS_DIR = '/usr/lib/python3/dist-packages/awscli/botocore/data';

// Debian's CLI v2 carries botocore inside awscli; a pip-installed v1 uses the botocore package.
const FIND_MODELS = `import importlib, os
for name in ('awscli.botocore', 'botocore'):
    try:
        print(os.path.join(os.path.dirname(importlib.import_module(name).__file__), 'data'))
        break
    except ImportError:
        pass`;

/**
 * The botocore data folder of the Python AWS CLI `cli`: asked of the interpreter its first line
 * names, so the models are those of the CLI the tests run. Debian's folder when that fails.
 */
export function cliModelsDir(cli: string): string {
  const shebang = existsSync(cli) ? /^#!\s*(.+)/.exec(readFileSync(cli, 'utf8'))?.[1] : undefined;
  if (shebang === undefined) return DEBIAN_MODELS_DIR;
  const [interpreter, ...args] = shebang.trim().split(/\s+/);
  const found = spawnSync(interpreter, [...args, '-c', FIND_MODELS], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : DEBIAN_MODELS_DIR;
}

export const MODELS_DIR = process.env.AWS_CLI_MODELS ?? cliModelsDir(AWS_CLI);

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
}

export interface ApiModel {
  shapes: Record<string, Shape>;
}

/**
 * The model file of a service: botocore keeps `service-2.json` in Debian's package and
 * `service-2.json.gz` in the wheels pip installs; either is read.
 */
export function modelFile(service: string, version: string, dir = MODELS_DIR): string {
  const plain = path.join(dir, service, version, 'service-2.json');
  return existsSync(plain) || !existsSync(`${plain}.gz`) ? plain : `${plain}.gz`;
}

export const modelAvailable = (service: string, version: string, dir = MODELS_DIR): boolean =>
  existsSync(modelFile(service, version, dir));

export function loadModel(service: string, version: string, dir = MODELS_DIR): ApiModel {
  const file = modelFile(service, version, dir);
  const bytes = readFileSync(file);
  return JSON.parse(
    (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
  ) as ApiModel;
}

/**
 * Checks a value against a shape of the model: the member names, required members, types,
 * numeric ranges, string lengths and, unlike the CLI's own validation, enum values.
 */
export function shapeProblems(
  model: ApiModel,
  shapeName: string,
  value: unknown,
  at = '$',
): string[] {
  const shape = model.shapes[shapeName];
  if (shape === undefined) return [`${at}: unknown shape ${shapeName}`];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [`${at}: expected an object (${shapeName})`];
      }
      const record = value as Record<string, unknown>;
      const members = shape.members ?? {};
      const problems = (shape.required ?? [])
        .filter((name) => record[name] === undefined)
        .map((name) => `${at}.${name}: required`);
      for (const [name, inner] of Object.entries(record)) {
        const member = members[name];
        if (member === undefined) problems.push(`${at}.${name}: not a member of ${shapeName}`);
        else problems.push(...shapeProblems(model, member.shape, inner, `${at}.${name}`));
      }
      return problems;
    }
    case 'list': {
      if (!Array.isArray(value)) return [`${at}: expected a list (${shapeName})`];
      return value.flatMap((item, index) =>
        shapeProblems(model, shape.member?.shape ?? '', item, `${at}[${index}]`),
      );
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [`${at}: expected a map (${shapeName})`];
      }
      return Object.entries(value).flatMap(([key, inner]) => [
        ...shapeProblems(model, shape.key?.shape ?? '', key, `${at} key ${key}`),
        ...shapeProblems(model, shape.value?.shape ?? '', inner, `${at}.${key}`),
      ]);
    }
    case 'string': {
      if (typeof value !== 'string') return [`${at}: expected a string (${shapeName})`];
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        return [`${at}: "${value}" is not one of ${shape.enum.join(', ')}`];
      }
      if (shape.min !== undefined && value.length < shape.min)
        return [`${at}: shorter than ${shape.min}`];
      if (shape.max !== undefined && value.length > shape.max)
        return [`${at}: longer than ${shape.max}`];
      return [];
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        return [`${at}: expected an integer`];
      if (shape.min !== undefined && value < shape.min) return [`${at}: below ${shape.min}`];
      if (shape.max !== undefined && value > shape.max) return [`${at}: above ${shape.max}`];
      return [];
    }
    case 'double':
    case 'float':
      return typeof value === 'number' ? [] : [`${at}: expected a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean`];
    default:
      return [`${at}: shape type ${shape.type} is not checked here`];
  }
}
