import {
  type ArgumentMetadata,
  BadRequestException,
  type PipeTransform,
  type Type,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';

/**
 * The one message worth showing for a field: its type rule (`isInt`, `isBoolean`…) when broken,
 * since "must not be greater than 65535" says nothing useful about `abc`; else the first rule.
 */
export function mainConstraint(error: ValidationError, field = error.property): string {
  const constraints = Object.entries(error.constraints ?? {});
  const [, message] = constraints.find(([rule]) => TYPE_RULES.has(rule)) ?? constraints[0] ?? [];
  if (message === undefined) return `${field} is invalid`;
  return message.startsWith(`${error.property} `)
    ? `${field}${message.slice(error.property.length)}`
    : message;
}

const TYPE_RULES = new Set([
  'isDefined',
  'isInt',
  'isNumber',
  'isBoolean',
  'isString',
  'isArray',
  'isObject',
  'isIn',
  'isEnum',
]);

/** One message per field that broke a rule, naming it (nested fields dotted): `items.0.quantity …`. */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [mainConstraint(e, field)] : [];
    return [...own, ...validationMessages(e.children ?? [], field)];
  });
}

/**
 * The global pipe: unknown fields are dropped, values are converted to the DTO's types, and a
 * failure is a 400 whose message names the fields. `options` lets a service keep Nest's default
 * messages where its contract fixes them (checkout).
 */
export function createValidationPipe(options: ValidationPipeOptions = {}): PipeTransform {
  return new QueryMemory(
    new ValidationPipe({
      whitelist: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(validationMessages(errors).join('; ')),
      ...options,
    }),
  );
}

/** Accepted query strings remembered per query DTO class; the oldest is forgotten first. */
export const REMEMBERED_QUERIES = 500;

/**
 * A query DTO is a pure function of its query string, and a store asks the same few queries over
 * and over (the ui's catalogue pages). So this remembers the DTO the pipe made of each query it
 * accepted and hands out copies, without a promise: class-transformer, class-validator, their
 * promises and garbage cost about 35 of the ~90 µs the catalog spends on `GET /catalogue`
 * (test/perf/catalog.bench.mjs). Rejected queries, parameters and bodies go through every time.
 */
class QueryMemory implements PipeTransform {
  private readonly accepted = new Map<Type, Map<string, unknown>>();

  constructor(private readonly pipe: ValidationPipe) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, data, metatype } = metadata;
    // Only a whole query made into a DTO class; Fastify parses every query into an object.
    if (
      type !== 'query' ||
      data !== undefined ||
      typeof metatype !== 'function' ||
      metatype === Object
    ) {
      return this.pipe.transform(value, metadata);
    }
    let known = this.accepted.get(metatype);
    if (!known) this.accepted.set(metatype, (known = new Map<string, unknown>()));
    // The parsed query holds strings and arrays of strings: JSON keeps all of it.
    const key = JSON.stringify(value);
    if (known.has(key)) return copyOf(known.get(key));
    return this.pipe.transform(value, metadata).then((dto: unknown) => {
      if (known.size >= REMEMBERED_QUERIES) known.delete(known.keys().next().value as string);
      known.set(key, copyOf(dto));
      return dto;
    });
  }
}

/** A deep copy that keeps each object's class, so no request sees another one's changes. */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = copyOf(v);
  return copy as T;
}
