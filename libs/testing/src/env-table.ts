import { readFileSync } from 'node:fs';
import { getMetadataStorage } from 'class-validator';

/** Variable names in the first column of a README's env table (`| \`NAME\` | Type | Default | … |`, the name in backticks). */
export function documentedEnvVars(readmePath: string): string[] {
  return readFileSync(readmePath, 'utf8')
    .split('\n')
    .map((line) => /^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** Every variable an env class validates, inherited ones included (tracing's OTEL_*). */
export function declaredEnvVars(envClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}
