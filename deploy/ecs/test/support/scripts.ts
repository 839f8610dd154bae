import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTemplate } from './cloudformation';
import { ECS_DIR, SCRIPTS_DIR, tempDir } from './tools';

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const ACCOUNT_ID = '123456789012';
export const REGION = 'eu-west-1';

/**
 * What the environment stack's outputs look like, by output key. A test checks that this covers
 * every output of the template, so write-env.sh is exercised against all of them.
 */
export const FAKE_OUTPUTS: Record<string, string> = {
  AwsRegion: REGION,
  AccountId: ACCOUNT_ID,
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  PublicSubnet1: 'subnet-0aaaaaaaaaaaaaa01',
  PublicSubnet2: 'subnet-0aaaaaaaaaaaaaa02',
  PrivateSubnet1: 'subnet-0bbbbbbbbbbbbbb01',
  PrivateSubnet2: 'subnet-0bbbbbbbbbbbbbb02',
  UiSecurityGroupId: 'sg-0ccccccccccccc001',
  CatalogSecurityGroupId: 'sg-0ccccccccccccc002',
  AssetsSecurityGroupId: 'sg-0ccccccccccccc003',
  CartsSecurityGroupId: 'sg-0ccccccccccccc004',
  CheckoutSecurityGroupId: 'sg-0ccccccccccccc005',
  OrdersSecurityGroupId: 'sg-0ccccccccccccc006',
  UiLoadBalancerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/retail-store-ecs-ui/50dc6c495c0c9188`,
  UiLoadBalancerDnsName: `retail-store-ecs-ui-1234567890.${REGION}.elb.amazonaws.com`,
  UiTargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:targetgroup/ui-application/73e2d6bc24d8a067`,
  TaskExecutionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/retailStoreEcsTaskExecutionRole`,
  TaskRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/retailStoreEcsTaskRole`,
  CatalogTaskExecutionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/cataologEcsTaskExecutionRole`,
  LogGroupName: 'retail-store-ecs-tasks',
  ServiceConnectNamespaceId: 'ns-abcdefgh12345678',
  ServiceConnectNamespaceArn: `arn:aws:servicediscovery:${REGION}:${ACCOUNT_ID}:namespace/ns-abcdefgh12345678`,
  CatalogDbSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:retail-store-ecs-catalog-db-AbCdEf`,
  CatalogDbEndpointParameterName: '/retail-store-ecs/catalog/db-endpoint',
  CartsTableName: 'retail-store-ecs-carts',
  OrdersDbSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:retail-store-ecs-orders-db-GhIjKl`,
  OrdersMqSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:retail-store-ecs-orders-mq-MnOpQr`,
};

/** A directory of executables that stand in for commands on PATH. */
export function stubBin(commands: Record<string, string>): string {
  const dir = tempDir('bin');
  for (const [name, body] of Object.entries(commands)) {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

/** aws, docker and podman that fail loudly: a dry run must never call them. */
export const refusingBin = (): string =>
  stubBin(
    Object.fromEntries(
      ['aws', 'docker', 'podman'].map((name) => [
        name,
        `echo "${name} was called during a dry run: $*" >&2; exit 97`,
      ]),
    ),
  );

export function runScript(
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; binDir?: string; cwd?: string } = {},
): ScriptRun {
  const binDir = options.binDir ?? refusingBin();
  const result = spawnSync(path.join(SCRIPTS_DIR, script), args, {
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: 60_000,
    env: {
      HOME: process.env.HOME,
      ...options.env,
      PATH: `${binDir}:${process.env.PATH ?? ''}`,
    },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The commands a script printed (`+ ...` lines), without the prefix. */
export const printedCommands = (run: ScriptRun): string[] =>
  run.stderr
    .split('\n')
    .filter((line) => line.startsWith('+ '))
    .map((line) => line.slice(2));

/**
 * Runs write-env.sh against an aws stand-in that answers describe-stacks with FAKE_OUTPUTS
 * (all of them, or only those in `keys`), then sources the file in bash and returns what it set.
 */
export function writeAndSourceEnv(keys: string[]): {
  run: ScriptRun;
  variables: Record<string, string>;
  awsArgs: string;
} {
  const dir = tempDir('env');
  const outputsFile = path.join(dir, 'outputs.txt');
  writeFileSync(outputsFile, keys.map((key) => `${key}\t${FAKE_OUTPUTS[key]}\n`).join(''));
  const argsFile = path.join(dir, 'aws-args.txt');
  const binDir = stubBin({ aws: `echo "$*" > '${argsFile}'\ncat '${outputsFile}'` });
  const envFile = path.join(dir, 'env.sh');
  const run = runScript('write-env.sh', ['--region', REGION, '--output', envFile], { binDir });
  const variables: Record<string, string> = {};
  if (run.status === 0) {
    const declared = [...readFileSync(envFile, 'utf8').matchAll(/^export (\w+)=/gm)].map(
      (m) => m[1],
    );
    const sourced = spawnSync('env', ['-i', 'bash', '-c', 'source "$1" && env -0', '_', envFile], {
      encoding: 'utf8',
    });
    for (const entry of sourced.stdout.split('\0')) {
      const at = entry.indexOf('=');
      if (declared.includes(entry.slice(0, at)))
        variables[entry.slice(0, at)] = entry.slice(at + 1);
    }
  }
  const awsArgs = run.status === 0 ? readFileSync(argsFile, 'utf8').trim() : '';
  return { run, variables, awsArgs };
}

export const STACK_FILE = path.join(ECS_DIR, 'stack', 'environment.yaml');

/** The output keys a stack created without, or with, FullStore=true has. */
export const stackOutputKeys = (fullStore: boolean): string[] =>
  Object.entries(loadTemplate(STACK_FILE).Outputs)
    .filter(([, output]) => fullStore || output.Condition === undefined)
    .map(([key]) => key);

/** The variables `source deploy/ecs/env.sh` sets after creating the stack. */
export function stackVariables(fullStore: boolean): Record<string, string> {
  const { run, variables } = writeAndSourceEnv(stackOutputKeys(fullStore));
  if (run.status !== 0) throw new Error(`write-env.sh failed: ${run.stderr}`);
  return variables;
}

/** What deploy.sh runs (for real, against an aws stand-in) when every service already exists. */
export function deployOverExistingServices(): ScriptRun {
  const binDir = stubBin({
    aws: `case " $* " in
  *" describe-services "*) echo 1 ;;
  *) echo "arn:aws:ecs:${REGION}:000000000000:stand-in" ;;
esac`,
  });
  return runScript('deploy.sh', ['--full-store', '--rendered-dir', tempDir('rendered')], {
    env: stackVariables(true),
    binDir,
  });
}
