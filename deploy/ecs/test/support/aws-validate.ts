import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AWS_CLI, closedPort, offlineAwsEnv, tempDir, type Tool } from './tools';

export interface Validation {
  /** The aws command as the shell expanded it. */
  command: string;
  /** What the CLI printed for it. */
  output: string;
  /** The CLI accepted every parameter and only then failed to reach the (closed) endpoint. */
  accepted: boolean;
}

const REACHED_NETWORK = 'Could not connect to the endpoint URL';
// execute-command looks for the Session Manager plugin after parsing its arguments.
const NEEDS_PLUGIN = 'SessionManagerPlugin is not found';

/** The Python that runs Debian's aws script (its shebang), which can import the CLI's driver. */
const cliPython = (): string =>
  readFileSync(AWS_CLI, 'utf8')
    .split('\n')[0]
    .replace(/^#!\s*/, '');

export function probeAwsCli(): Tool {
  const name = "Debian's awscli (apt-get install awscli)";
  let python: string;
  try {
    python = cliPython();
  } catch (error) {
    return { name, missing: `${AWS_CLI} is not there (${(error as Error).message})` };
  }
  const probe = spawnSync(python, ['-c', 'import awscli.clidriver'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      name,
      missing: `${AWS_CLI} is not the Python awscli (${probe.stderr.trim() || probe.error?.message})`,
    };
  }
  return { name, missing: undefined };
}

// Every aws call in a line is recorded (arguments NUL-separated, calls separated by RS) and
// answers a placeholder, so `$(aws ...)` inside a command still yields an argument. docker,
// podman and hey do nothing.
const PRELUDE = `
aws() {
  printf '%s\\0' "$@" >>"$VALIDATION_RECORD"
  printf '\\036' >>"$VALIDATION_RECORD"
  echo placeholder-output
}
docker() { cat >/dev/null; }
podman() { cat >/dev/null; }
hey() { :; }
`;

/** The argument lists of the aws calls a shell line makes, as bash expands them. */
function awsCalls(line: string, env: NodeJS.ProcessEnv, cwd: string): string[][] {
  const record = path.join(tempDir('record'), 'calls');
  writeFileSync(record, '');
  const shell = spawnSync('bash', ['-c', `${PRELUDE}\n${line}`], {
    cwd,
    env: { ...env, VALIDATION_RECORD: record },
    encoding: 'utf8',
  });
  if (shell.error) throw shell.error;
  return readFileSync(record, 'utf8')
    .split('\x1e')
    .slice(0, -1)
    .map((call) => call.split('\0').slice(0, -1));
}

/**
 * Runs groups of shell lines that call aws, as a user would paste them, through Debian's awscli:
 * its driver parses each call and validates the parameters against the published API models,
 * then fails to connect to a closed loopback port. Nothing reaches AWS. All groups share one
 * CLI process, whose start-up is most of the cost.
 */
export async function validateAwsGroups<Group extends string>(
  groups: Record<Group, string[]>,
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<Record<Group, Validation[]>> {
  const env: NodeJS.ProcessEnv = { ...offlineAwsEnv(), ...options.env };
  const cwd = options.cwd ?? tempDir('cwd');
  const entries = Object.entries(groups) as [Group, string[]][];
  const calls = entries.flatMap(([group, lines]) =>
    lines.flatMap((line) => {
      const found = awsCalls(line, env, cwd);
      if (found.length === 0) throw new Error(`no aws call in: ${line}`);
      return found.map((args) => ({ group, args }));
    }),
  );
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  const driver = spawnSync(cliPython(), [path.join(__dirname, 'validate-aws.py'), endpoint], {
    input: JSON.stringify(calls.map((call) => call.args)),
    // file:// paths are relative to where the command runs.
    cwd,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (driver.status !== 0) throw new Error(`validate-aws.py failed: ${driver.stderr}`);
  const outputs = JSON.parse(driver.stdout) as { status: number; output: string }[];
  const results = Object.fromEntries(entries.map(([group]) => [group, []])) as unknown as Record<
    Group,
    Validation[]
  >;
  calls.forEach(({ group, args }, index) => {
    const { output } = outputs[index];
    const expected =
      args[1] === 'execute-command' ? NEEDS_PLUGIN : `${REACHED_NETWORK}: "${endpoint}/`;
    // One line, and the expected one: any complaint about a parameter comes before the network.
    const accepted = output.startsWith(expected) && !output.includes('\n');
    results[group].push({ command: ['aws', ...args].join(' '), output, accepted });
  });
  return results;
}

/** The validations that failed, as readable lines for an assertion message. */
export const rejected = (validations: Validation[]): string[] =>
  validations.filter((v) => !v.accepted).map((v) => `${v.command}\n    ${v.output}`);
