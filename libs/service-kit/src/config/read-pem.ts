import { readFileSync } from 'node:fs';
import { ConfigError } from './load-env';

/** The text of the PEM file a variable names (a CA bundle, a key), read once at start-up. */
export function readPemFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`Invalid configuration: ${variable} cannot be read (${reason})`);
  }
}
