import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

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

export const modelFile = (service: string, version: string): string =>
  path.join(MODELS_DIR, service, version, 'service-2.json');

export const modelAvailable = (service: string, version: string): boolean =>
  existsSync(modelFile(service, version));

export const loadModel = (service: string, version: string): ApiModel =>
  JSON.parse(readFileSync(modelFile(service, version), 'utf8')) as ApiModel;

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
