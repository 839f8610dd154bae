import {
  BadRequestException,
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
export function createValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(validationMessages(errors).join('; ')),
    ...options,
  });
}
