import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Where Debian's awscli package keeps the published API models it validates with. */
export const MODELS_DIR =
  process.env.AWS_CLI_MODELS ?? '/usr/lib/python3/dist-packages/awscli/botocore/data';

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
