import {
  BadRequestException,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';

/** Lists every rule a request broke, each naming its field: `quantity must be an integer`. */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(`${e.property} `) ? `${field}${m.slice(e.property.length)}` : m,
    );
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
    // One reason per field: "page must be an integer number", not every rule it also broke.
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException(validationMessages(errors).join('; ')),
    ...options,
  });
}
