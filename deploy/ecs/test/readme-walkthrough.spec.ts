import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACCOUNT_ID,
  FAKE_OUTPUTS,
  REGION,
  stackOutputKeys,
  stubBin,
  type ScriptRun,
} from './support/scripts';
import { ECS_DIR, REPO_ROOT, tempDir } from './support/tools';

/** The task role's policy as the workshop's account names it: CDK appends a generated suffix. */
const TASK_ROLE_POLICY = 'RetailStoreEcsTaskRoleDefaultPolicy3AF87919';
const CALLER = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/WSParticipantRole/learner`;
const TASKS = [1, 2].map(
  (n) => `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task/retail-store-ecs-cluster/${n}abc`,
);

/** The ```bash blocks of README.md from "## 1." up to "## 5.", in order. */
function walkthroughBlocks(): string[] {
  const readme = readFileSync(path.join(ECS_DIR, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## 1. ');
  const end = readme.indexOf('\n## 5. ');
  if (start < 0 || end < start) throw new Error('README.md has no sections 1 to 4');
  return [...readme.slice(start, end).matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/**
 * A stand-in for the aws CLI with what a stack created without --full-store answers. Like the
 * CLI it refuses a file:// parameter that names no readable JSON (or one left with a ${...}
 * placeholder), and the task role's policy exists only under its suffixed name. Every call is
 * logged; every refusal is also written to `failures`, since `export X=$(aws ...)` hides an exit.
 */
function awsStub(dir: string): { calls: string; failures: string; bin: string } {
  const calls = path.join(dir, 'aws-calls.txt');
  const failures = path.join(dir, 'aws-failures.txt');
  const outputs = path.join(dir, 'outputs.txt');
  writeFileSync(calls, '');
  writeFileSync(failures, '');
  writeFileSync(
    outputs,
    stackOutputKeys(false)
      .map((key) => `${key}\t${FAKE_OUTPUTS[key]}\n`)
      .join(''),
  );
  const refuse = (why: string) => `{ echo "aws $*: ${why}" | tee -a '${failures}' >&2; exit 255; }`;
  const aws = `printf '%s\\n' "$*" >> '${calls}'
for arg in "$@"; do
  if [[ $arg == file://* ]]; then
    file=\${arg#file://}
    [[ -r $file ]] || ${refuse('Unable to load paramfile $arg')}
    node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$file" 2>/dev/null ||
      ${refuse('$file is not JSON')}
    ! grep -q '\${' "$file" || ${refuse('$file still has a placeholder')}
  fi
done
case " $* " in
  *" cloudformation describe-stacks "*) cat '${outputs}' ;;
  *" secretsmanager describe-secret "*) echo '${FAKE_OUTPUTS.CatalogDbSecretArn}' ;;
  *" sts get-caller-identity "*"--query Account "*) echo '${ACCOUNT_ID}' ;;
  *" sts get-caller-identity "*) echo '${CALLER}' ;;
  *" ecr describe-repositories "*) exit 254 ;;
  *" ecr get-login-password "*) echo stand-in-password ;;
  *" elbv2 describe-target-groups "*) echo '${FAKE_OUTPUTS.UiTargetGroupArn}' ;;
  *" elbv2 describe-load-balancers "*) echo '${FAKE_OUTPUTS.UiLoadBalancerDnsName}' ;;
  *" ecs list-tasks "*"taskArns[0]"*) echo '${TASKS[0]}' ;;
  *" ecs list-tasks "*) printf '%s\\t%s\\n' ${TASKS.map((t) => `'${t}'`).join(' ')} ;;
  *" iam list-role-policies "*"PolicyNames[0]"*) echo '${TASK_ROLE_POLICY}' ;;
  *" iam get-role-policy "*)
    [[ " $* " == *" --policy-name ${TASK_ROLE_POLICY} "* ]] || ${refuse('NoSuchEntity')} ;;
esac`;
  const logged = `printf '%s\\n' "$0 $*" >> '${calls}'`;
  // docker login reads the password from a pipe: left unread, aws would die of SIGPIPE.
  const docker = `${logged}\n[[ $1 != login ]] || cat >/dev/null`;
  const bin = stubBin({ aws, docker, hey: logged, git: 'echo 0abc123' });
  return { calls, failures, bin };
}

/** A copy of what the commands read (deploy/ecs, package.json, the Dockerfiles), nothing rendered. */
function repositoryCopy(): string {
  const root = tempDir('walkthrough');
  cpSync(ECS_DIR, path.join(root, 'deploy/ecs'), {
    recursive: true,
    filter: (source) => !/\/deploy\/ecs\/(rendered|env\.sh|test)$/.test(source),
  });
  copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  for (const image of ['ui', 'catalog', 'cart', 'checkout', 'orders', 'assets']) {
    cpSync(
      path.join(REPO_ROOT, 'services', image, 'Dockerfile'),
      path.join(root, 'services', image, 'Dockerfile'),
    );
  }
  return root;
}

/** Runs the blocks in one bash, from the copy's root, as a learner pastes them into a terminal. */
function walk(blocks: string[]): {
  run: ScriptRun;
  root: string;
  calls: string[];
  failures: string;
} {
  const root = repositoryCopy();
  const stub = awsStub(tempDir('stub'));
  const script = [
    'set -euo pipefail',
    ...blocks.map((block, index) => `echo "--- block ${index + 1}" >&2\n${block}`),
  ].join('\n');
  const result = spawnSync('bash', ['-c', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { HOME: tempDir('home'), PATH: `${stub.bin}:${process.env.PATH ?? ''}` },
  });
  return {
    run: { status: result.status, stdout: result.stdout, stderr: result.stderr },
    root,
    calls: readFileSync(stub.calls, 'utf8').split('\n').filter(Boolean),
    failures: readFileSync(stub.failures, 'utf8'),
  };
}

const registered = (calls: string[]): string[] =>
  calls
    .filter((call) => call.startsWith('ecs register-task-definition '))
    .map((call) => path.basename(/file:\/\/(\S+)/.exec(call)?.[1] ?? '?'));

describe('deploy/ecs/README.md sections 1 to 4, followed word for word', () => {
  const blocks = walkthroughBlocks();
  const { run, root, calls, failures } = walk(blocks);

  it('runs every command block in order, against a stack without --full-store', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    expect(failures).toBe('');
    expect(run.stderr).toContain(`--- block ${blocks.length}`);
    expect(run.status).toBe(0);
  });

  it('leaves the files the later blocks read: env.sh, then the rendered task definitions', () => {
    expect(existsSync(path.join(root, 'deploy/ecs/env.sh'))).toBe(true);
    expect(registered(calls)).toEqual([
      'ui.json',
      'ui-banner.json',
      'assets.json',
      'catalog.json',
      'ui-endpoints.json',
    ]);
    const policy = readFileSync(
      path.join(root, 'deploy/ecs/rendered/autoscaling/ui-scaling-policy.json'),
      'utf8',
    );
    expect(policy).toContain(`"ResourceLabel": "app/retail-store-ecs-ui/`);
  });

  it('pushes the six images to the account registry', () => {
    const pushes = calls.filter((call) => call.includes('/docker push '));
    expect(pushes).toHaveLength(12);
    expect(pushes[0]).toContain(
      `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/retail-store-sample-`,
    );
  });

  it('finds the task role policy under the name the account gave it, and allows ECS Exec to the caller', () => {
    expect(calls).toContain(
      `iam get-role-policy --role-name retailStoreEcsTaskRole --policy-name ${TASK_ROLE_POLICY}`,
    );
    expect(
      calls.some((call) => call.startsWith('iam put-role-policy --role-name WSParticipantRole ')),
    ).toBe(true);
    expect(calls.some((call) => call.startsWith('ecs execute-command '))).toBe(true);
  });

  it('would catch a block that leaves a later one without its file', () => {
    // The render command without --lab, as the README once had it: orders' secrets are missing.
    const broken = blocks.map((block) =>
      block.replace('render-task-definitions.sh --lab', 'render-task-definitions.sh'),
    );
    expect(broken).not.toEqual(blocks);
    const walked = walk(broken);
    expect(walked.run.status).not.toBe(0);
    expect(walked.run.stderr).toContain('orders needs ORDERS_DB_SECRET_ARN ORDERS_MQ_SECRET_ARN');
  });
});
