import { plainToInstance, Transform } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { mainConstraint } from '../http/validation';

/** Start-up configuration is wrong; the message is one line naming every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * Reads an env class (class-validator rules on properties named like the variables) from `env`.
 * An empty variable counts as unset, as the reference services treat `DB_READ_ENDPOINT=` or
 * `ENDPOINTS_CATALOG=`, so its property keeps the class's default.
 */
export function loadEnv<T extends object>(cls: new () => T, env: Env): T {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  const parsed = plainToInstance(cls, present, { exposeDefaultValues: true });
  // whitelist drops variables the class does not declare (the rest of the environment).
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${describe(errors)}`);
  return parsed;
}

// One reason per variable, naming it: "PORT must be an integer number".
const describe = (errors: ValidationError[]): string =>
  errors.map((e) => mainConstraint(e)).join('; ');

const TRUE = new Set(['1', 't', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'f', 'false', 'no', 'off']);

// The two transforms below serve env classes and query DTOs alike: a value that does not parse is
// left as it came, so the validator rejects it by name instead of it silently becoming a default.

/**
 * Parses a boolean the way Go's strconv.ParseBool and Spring do (true/false/1/0/t/f, any
 * case). Anything else is left as a string so that `@IsBoolean()` rejects it by name.
 */
export const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return value;
  });

/** Parses a whole number; for a repeated query parameter the first occurrence counts. */
export const ToInt = () =>
  Transform(({ value }: { value: unknown }) => {
    const v: unknown = Array.isArray(value) ? value[0] : value;
    return typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  });
