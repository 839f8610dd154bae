import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  deployOverExistingServices,
  printedCommands,
  runScript,
  type ScriptRun,
  stackOutputKeys,
  stackVariables,
  stubBin,
  writeAndSourceEnv,
  FAKE_OUTPUTS,
  REGION,
} from './support/scripts';
import { describeWithTool, probeTool, REPO_ROOT, SCRIPTS_DIR, tempDir } from './support/tools';

const SCRIPTS = readdirSync(SCRIPTS_DIR)
  .filter((name) => name.endsWith('.sh'))
  .sort();
const LAB = stackVariables(false);
const FULL = stackVariables(true);
const IMAGES = ['ui', 'catalog', 'cart', 'checkout', 'orders', 'assets'];
const COMMIT = spawnSync('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD'], {
  encoding: 'utf8',
}).stdout.trim();
const VERSION = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** The printed commands that start with `prefix`, e.g. "aws ecs create-service". */
const commandsStarting = (commands: string[], prefix: string): string[] =>
  commands.filter((command) => command.startsWith(`${prefix} `));

describe('every script', () => {
  it('is the expected set', () => {
    expect(SCRIPTS).toEqual([
      'allow-ecs-exec.sh',
      'create-environment.sh',
      'deploy.sh',
      'push-images.sh',
      'render-task-definitions.sh',
      'teardown.sh',
      'write-env.sh',
    ]);
  });

  it.each(SCRIPTS)('%s is bash with set -euo pipefail', (script) => {
    const lines = readFileSync(path.join(SCRIPTS_DIR, script), 'utf8').split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env bash');
    expect(lines.slice(0, 6)).toContain('set -euo pipefail');
  });

  it.each(SCRIPTS)('%s --help explains itself without calling aws or docker', (script) => {
    const run = runScript(script, ['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: ${script.replace('.', '\\.')} `));
    expect(run.stdout).toContain('-h, --help');
  });

  it.each(SCRIPTS)('%s stops on an unknown option', (script) => {
    const run = runScript(script, ['--no-such-option'], { env: FULL });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown option --no-such-option (see --help)');
  });
});

const shellcheck = probeTool('shellcheck', 'shellcheck', ['--version']);

describeWithTool(shellcheck, 'shellcheck', () => {
  const check = (files: string[]) =>
    spawnSync('shellcheck', ['--external-sources', '--severity=style', ...files], {
      encoding: 'utf8',
      cwd: SCRIPTS_DIR,
    });

  it('finds nothing in the scripts and their library', () => {
    const result = check([...SCRIPTS, 'lib/common.sh']);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('does report a script that quotes carelessly (the check can fail)', () => {
    const file = path.join(tempDir('shellcheck'), 'careless.sh');
    writeFileSync(file, '#!/usr/bin/env bash\nset -euo pipefail\nrm -rf $1/tmp\n');
    const result = check([file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('SC2086');
  });
});

describe('deploy.sh --dry-run', () => {
  const run = runScript('deploy.sh', ['--dry-run', '--rendered-dir', tempDir('rendered')], {
    env: LAB,
  });
  const commands = printedCommands(run);

  it('prints the aws commands and runs none (aws and docker stand-ins refuse)', () => {
    expect(run.stderr).not.toContain('was called during a dry run');
    expect(run.status).toBe(0);
    expect(commands.every((command) => command.startsWith('aws '))).toBe(true);
  });

  it('creates the cluster and registers the workshop task definitions, UI with endpoints', () => {
    expect(commandsStarting(commands, 'aws ecs create-cluster')).toEqual([
      `aws ecs create-cluster --cluster-name retail-store-ecs-cluster --region ${REGION} --query cluster.clusterArn --output text`,
    ]);
    const registered = commandsStarting(commands, 'aws ecs register-task-definition').map(
      (command) => /task-definitions\/([\w-]+)\.json/.exec(command)?.[1],
    );
    expect(registered).toEqual(['ui-endpoints', 'catalog', 'assets']);
  });

  it('creates catalog and assets before the UI, each in the private subnets with its own group', () => {
    const created = commandsStarting(commands, 'aws ecs create-service');
    expect(created.map((command) => /--service-name (\w+)/.exec(command)?.[1])).toEqual([
      'catalog',
      'assets',
      'ui',
    ]);
    const groups = { catalog: LAB.CATALOG_SG_ID, assets: LAB.ASSET_SG_ID, ui: LAB.UI_SG_ID };
    for (const [service, group] of Object.entries(groups)) {
      const command = created.find((c) => c.includes(`--service-name ${service} `)) ?? '';
      expect(command).toContain(`--task-definition retail-store-ecs-${service} `);
      expect(command).toContain('--launch-type FARGATE');
      expect(command).toContain(
        `'awsvpcConfiguration={subnets=[${LAB.PRIVATE_SUBNET1},${LAB.PRIVATE_SUBNET2}],securityGroups=[${group}],assignPublicIp=DISABLED}'`,
      );
      expect(command).toMatch(
        new RegExp(
          `--service-connect-configuration file://\\S+/deploy/ecs/service-connect/${service}\\.json `,
        ),
      );
    }
  });

  it('puts two UI tasks behind target group ui-application, with ECS Exec', () => {
    const ui =
      commandsStarting(commands, 'aws ecs create-service').find((c) =>
        c.includes('--service-name ui '),
      ) ?? '';
    expect(ui).toContain('--desired-count 2 ');
    expect(ui).toContain(
      `--load-balancers targetGroupArn=${LAB.UI_TARGET_GROUP_ARN},containerName=application,containerPort=8080`,
    );
    expect(ui).toContain('--enable-execute-command');
    const others = commandsStarting(commands, 'aws ecs create-service').filter((c) => c !== ui);
    expect(others.filter((c) => c.includes('--enable-execute-command'))).toEqual([]);
  });

  it('waits for the three services and prints where the store is', () => {
    expect(commands).toContain(
      `aws ecs wait services-stable --cluster retail-store-ecs-cluster --services catalog assets ui --region ${REGION}`,
    );
    expect(run.stderr).toContain('==> the store: http://<load-balancer-dns-name>');
  });

  it('--full-store adds carts, checkout and orders and the UI that calls them', () => {
    const full = runScript(
      'deploy.sh',
      ['--dry-run', '--full-store', '--rendered-dir', tempDir('r')],
      {
        env: FULL,
      },
    );
    expect(full.status).toBe(0);
    const printed = printedCommands(full);
    const registered = commandsStarting(printed, 'aws ecs register-task-definition').map(
      (command) => /task-definitions\/([\w-]+)\.json/.exec(command)?.[1],
    );
    expect(registered).toEqual(['ui-full', 'catalog', 'assets', 'carts', 'checkout', 'orders']);
    const created = commandsStarting(printed, 'aws ecs create-service');
    expect(created.map((command) => /--service-name (\w+)/.exec(command)?.[1])).toEqual([
      'catalog',
      'assets',
      'carts',
      'checkout',
      'orders',
      'ui',
    ]);
    for (const [service, group] of [
      ['carts', FULL.CARTS_SG_ID],
      ['checkout', FULL.CHECKOUT_SG_ID],
      ['orders', FULL.ORDERS_SG_ID],
    ]) {
      const command = created.find((c) => c.includes(`--service-name ${service} `)) ?? '';
      expect(command).toContain(`securityGroups=[${group}]`);
      expect(command).toContain('--enable-execute-command');
    }
  });

  it('--autoscaling registers the UI from 2 to 10 tasks and the target tracking policy', () => {
    const scaled = runScript(
      'deploy.sh',
      ['--dry-run', '--autoscaling', '--rendered-dir', tempDir('r')],
      {
        env: LAB,
      },
    );
    expect(scaled.status).toBe(0);
    const printed = printedCommands(scaled);
    expect(printed).toContain(
      `aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id service/retail-store-ecs-cluster/ui --min-capacity 2 --max-capacity 10 --region ${REGION}`,
    );
    expect(commandsStarting(printed, 'aws application-autoscaling put-scaling-policy')[0]).toMatch(
      /--policy-name ui-scaling-policy --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration file:\/\/\S+\/autoscaling\/ui-scaling-policy\.json /,
    );
  });

  it('looks the target group up when UI_TARGET_GROUP_ARN is not set', () => {
    const env = Object.fromEntries(
      Object.entries(LAB).filter(([name]) => name !== 'UI_TARGET_GROUP_ARN'),
    );
    const looked = runScript('deploy.sh', ['--dry-run', '--rendered-dir', tempDir('r')], { env });
    expect(looked.status).toBe(0);
    expect(printedCommands(looked)).toContain(
      `aws elbv2 describe-target-groups --names ui-application --region ${REGION} --query 'TargetGroups[0].TargetGroupArn' --output text`,
    );
  });

  it('names every missing variable and stops before any command', () => {
    const bare = runScript('deploy.sh', ['--dry-run', '--full-store'], {
      env: { AWS_REGION: REGION },
    });
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain(
      'missing ACCOUNT_ID PRIVATE_SUBNET1 PRIVATE_SUBNET2 UI_SG_ID CATALOG_SG_ID ASSET_SG_ID CARTS_SG_ID CHECKOUT_SG_ID ORDERS_SG_ID (source deploy/ecs/env.sh)',
    );
    expect(printedCommands(bare)).toEqual([]);
  });

  it('refuses the ui-full variant without the services it calls', () => {
    const refused = runScript('deploy.sh', ['--dry-run', '--ui-variant', 'ui-full'], { env: FULL });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('add --full-store');
  });
});

describe('deploy.sh over a store that exists', () => {
  const run = deployOverExistingServices();
  const commands = printedCommands(run);

  it('updates every service to the latest revision, with Service Connect, and creates none', () => {
    expect(run.status).toBe(0);
    expect(commandsStarting(commands, 'aws ecs create-service')).toEqual([]);
    const updated = commandsStarting(commands, 'aws ecs update-service');
    expect(updated.map((c) => /--service (\w+)/.exec(c)?.[1])).toEqual([
      'catalog',
      'assets',
      'carts',
      'checkout',
      'orders',
      'ui',
    ]);
    for (const command of updated) {
      const service = /--service (\w+)/.exec(command)?.[1] ?? '';
      expect(command).toContain(`--task-definition retail-store-ecs-${service} `);
      expect(command).toMatch(new RegExp(`service-connect/${service}\\.json `));
      // The version tag may have been pushed again: new tasks must pull it.
      expect(command).toContain('--force-new-deployment');
    }
  });
});

describe('deploy.sh against a failing AWS', () => {
  const awsFailingOn = (operation: string) =>
    stubBin({
      aws: `case " $* " in
  *" ${operation} "*) echo "An error occurred (AccessDeniedException) when calling ${operation}" >&2; exit 254 ;;
  *" describe-services "*) echo 0 ;;
  *) echo "arn:aws:ecs:${REGION}:000000000000:stand-in" ;;
esac`,
    });

  it('stops at the first failed command, names it, and runs nothing after it', () => {
    const run = runScript('deploy.sh', ['--rendered-dir', tempDir('r')], {
      env: LAB,
      binDir: awsFailingOn('register-task-definition'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('An error occurred (AccessDeniedException)');
    expect(run.stderr).toMatch(
      /error: aws ecs register-task-definition --cli-input-json file:\/\/\S+\/ui-endpoints\.json .* failed with exit status 254/,
    );
    expect(commandsStarting(printedCommands(run), 'aws ecs register-task-definition')).toHaveLength(
      1,
    );
    expect(commandsStarting(printedCommands(run), 'aws ecs create-service')).toEqual([]);
  });

  it('stops when a query fails too', () => {
    const run = runScript('deploy.sh', ['--rendered-dir', tempDir('r')], {
      env: LAB,
      binDir: awsFailingOn('describe-services'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: aws ecs describe-services .* failed with exit status 254/);
    expect(commandsStarting(printedCommands(run), 'aws ecs create-service')).toEqual([]);
  });
});

describe('push-images.sh --dry-run', () => {
  const run = runScript('push-images.sh', ['--dry-run'], {
    env: { AWS_REGION: REGION, ACCOUNT_ID: '123456789012' },
  });
  const commands = printedCommands(run);
  const registry = `123456789012.dkr.ecr.${REGION}.amazonaws.com`;

  it('prints the commands and runs none', () => {
    expect(run.stderr).not.toContain('was called during a dry run');
    expect(run.status).toBe(0);
  });

  it('creates each missing retail-store-sample-<image> repository', () => {
    expect(commandsStarting(commands, 'aws ecr create-repository')).toEqual(
      IMAGES.map(
        (image) =>
          `aws ecr create-repository --repository-name retail-store-sample-${image} --image-scanning-configuration scanOnPush=true --region ${REGION}`,
      ),
    );
  });

  it('logs in through a pipe, before building', () => {
    const login = commands.findIndex((c) => c.startsWith('aws ecr get-login-password'));
    expect(commands[login]).toBe(
      `aws ecr get-login-password --region ${REGION} | docker login --username AWS --password-stdin ${registry}`,
    );
    expect(login).toBeLessThan(commands.findIndex((c) => c.startsWith('docker build')));
  });

  it('builds each services/<image>/Dockerfile for linux/amd64 from the repository root, tagged with version and commit', () => {
    expect(commandsStarting(commands, 'docker build')).toEqual(
      IMAGES.map(
        (image) =>
          `docker build --platform linux/amd64 --file ${REPO_ROOT}/services/${image}/Dockerfile --tag ${registry}/retail-store-sample-${image}:${VERSION} --tag ${registry}/retail-store-sample-${image}:${COMMIT} ${REPO_ROOT}`,
      ),
    );
  });

  it('pushes both tags of every image', () => {
    expect(commandsStarting(commands, 'docker push')).toEqual(
      IMAGES.flatMap((image) => [
        `docker push ${registry}/retail-store-sample-${image}:${VERSION}`,
        `docker push ${registry}/retail-store-sample-${image}:${COMMIT}`,
      ]),
    );
  });

  it('takes other images, tag, platform and container engine', () => {
    const custom = runScript(
      'push-images.sh',
      [
        '--dry-run',
        '--images',
        'cart assets',
        '--tag',
        'rc1',
        '--platform',
        'linux/arm64',
        '--container-engine',
        'podman',
      ],
      { env: { AWS_REGION: REGION, ACCOUNT_ID: '123456789012' } },
    );
    expect(custom.status).toBe(0);
    const printed = printedCommands(custom);
    expect(commandsStarting(printed, 'podman build')).toHaveLength(2);
    expect(commandsStarting(printed, 'podman build')[0]).toContain(
      `--platform linux/arm64 --file ${REPO_ROOT}/services/cart/Dockerfile --tag ${registry}/retail-store-sample-cart:rc1`,
    );
    expect(
      printed.some((c) => c.endsWith(`| podman login --username AWS --password-stdin ${registry}`)),
    ).toBe(true);
  });

  it('takes the container engine from CONTAINER_ENGINE, as tools/container.mjs does', () => {
    const run = runScript('push-images.sh', ['--dry-run', '--images', 'ui'], {
      env: { AWS_REGION: REGION, ACCOUNT_ID: '123456789012', CONTAINER_ENGINE: 'podman' },
    });
    expect(run.status).toBe(0);
    expect(commandsStarting(printedCommands(run), 'podman build')).toHaveLength(1);
    expect(commandsStarting(printedCommands(run), 'docker')).toEqual([]);
  });

  it('asks aws sts for the account when ACCOUNT_ID is unset', () => {
    const asked = runScript('push-images.sh', ['--dry-run', '--images', 'ui'], {
      env: { AWS_REGION: REGION },
    });
    expect(printedCommands(asked)[0]).toBe(
      'aws sts get-caller-identity --query Account --output text',
    );
  });

  it('refuses an image that is not one of the six', () => {
    const refused = runScript('push-images.sh', ['--dry-run', '--images', 'ui carts'], {
      env: { AWS_REGION: REGION },
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('unknown image carts');
  });
});

describe('allow-ecs-exec.sh', () => {
  /** Runs the script against an aws that answers sts with `arn` and lists `existing` policies. */
  const asCaller = (arn: string, args: string[] = [], existing = 'None') =>
    runScript('allow-ecs-exec.sh', args, {
      binDir: stubBin({
        aws: `case " $* " in
  *" get-caller-identity "*) echo '${arn}' ;;
  *" list-"*"-policies "*) echo '${existing}' ;;
esac`,
      }),
    });
  const iamCommands = (run: ScriptRun): string[] =>
    printedCommands(run).filter((c) => c.startsWith('aws iam '));

  it.each([
    [
      'an assumed role',
      'arn:aws:sts::123456789012:assumed-role/WSParticipantRole/learner',
      'role',
      'WSParticipantRole',
    ],
    ['an IAM user', 'arn:aws:iam::123456789012:user/developers/ana', 'user', 'ana'],
  ])('puts the policy on %s, by its own name', (_, arn, kind, name) => {
    const run = asCaller(arn);
    expect(run.status).toBe(0);
    const [put] = iamCommands(run);
    expect(put).toMatch(
      new RegExp(
        `^aws iam put-${kind}-policy --${kind}-name ${name} --policy-name retail-store-ecs-exec `,
      ),
    );
    const document = JSON.parse(/--policy-document '(.*)'$/.exec(put)?.[1] ?? '{}') as {
      Statement: { Action: string[] }[];
    };
    expect(document.Statement[0].Action).toEqual(['ecs:ExecuteCommand', 'ecs:DescribeTasks']);

    const removed = asCaller(arn, ['--remove'], 'retail-store-ecs-exec');
    expect(removed.status).toBe(0);
    expect(iamCommands(removed)).toEqual([
      `aws iam list-${kind}-policies --${kind}-name ${name} --query 'PolicyNames[?@=='\\''retail-store-ecs-exec'\\'']' --output text`,
      `aws iam delete-${kind}-policy --${kind}-name ${name} --policy-name retail-store-ecs-exec`,
    ]);
  });

  it.each([
    [
      'IAM Identity Center',
      'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_0123abcd/ana',
      'permission set',
    ],
    ['the root user', 'arn:aws:iam::123456789012:root', 'root user'],
  ])('changes nothing for %s and says why', (_, arn, why) => {
    const run = asCaller(arn);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(why);
    expect(iamCommands(run)).toEqual([]);
  });

  it('--remove leaves an identity without the policy alone', () => {
    const run = asCaller('arn:aws:iam::123456789012:user/ana', ['--remove']);
    expect(run.status).toBe(0);
    expect(iamCommands(run).filter((c) => c.includes('delete-'))).toEqual([]);
  });
});

describe('teardown.sh', () => {
  it('deletes nothing without --yes', () => {
    const run = runScript('teardown.sh', [], { env: { AWS_REGION: REGION } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('add --yes');
    expect(printedCommands(run)).toEqual([]);
  });

  it('--dry-run: auto scaling, services, task definitions, cluster, ECS Exec policy; nothing of the environment', () => {
    const run = runScript('teardown.sh', ['--dry-run'], { env: { AWS_REGION: REGION } });
    expect(run.status).toBe(0);
    const changes = printedCommands(run).filter((c) => /^aws \S+ (delete|deregister)-/.test(c));
    const names = changes.map((c) => c.split(' ').slice(1, 3).join(' '));
    expect(names).toEqual([
      'application-autoscaling deregister-scalable-target',
      ...Array<string>(6).fill('ecs delete-service'),
      ...Array<string>(6).fill('ecs deregister-task-definition'),
      'ecs delete-cluster',
      'iam delete-role-policy',
    ]);
    expect(
      changes.filter((c) => c.startsWith('aws ecs delete-service')).map((c) => c.split(' ')[6]),
    ).toEqual(['ui', 'carts', 'checkout', 'orders', 'catalog', 'assets']);
  });

  it('--with-environment --with-images also removes Cloud Map services, the stack and the repositories', () => {
    const run = runScript('teardown.sh', ['--dry-run', '--with-environment', '--with-images'], {
      env: { AWS_REGION: REGION },
    });
    expect(run.status).toBe(0);
    const commands = printedCommands(run);
    expect(commands).toContain(
      `aws servicediscovery delete-service --id srv-example --region ${REGION}`,
    );
    expect(commands).toContain(
      `aws cloudformation delete-stack --stack-name retail-store-ecs-env --region ${REGION}`,
    );
    expect(
      commandsStarting(commands, 'aws ecr delete-repository').map((c) => c.split(' ')[4]),
    ).toEqual(IMAGES.map((image) => `retail-store-sample-${image}`));
  });

  it('skips what does not exist, and deregisters only the families it owns', () => {
    // list-task-definitions --family-prefix X also lists X-old: a family that merely starts alike.
    const binDir = stubBin({
      aws: `[[ " $* " == *" get-caller-identity "* ]] && { echo arn:aws:iam::123456789012:user/learner; exit; }
prefix=; while (($#)); do [[ $1 == --family-prefix ]] && prefix=$2; shift; done
case $prefix in
  "") echo None ;;
  *) echo "arn:aws:ecs:${REGION}:123456789012:task-definition/$prefix:3 arn:aws:ecs:${REGION}:123456789012:task-definition/$prefix-old:1" ;;
esac`,
    });
    const run = runScript('teardown.sh', ['--yes'], { env: { AWS_REGION: REGION }, binDir });
    expect(run.stderr).toContain('cluster retail-store-ecs-cluster not found');
    expect(run.status).toBe(0);
    const deregistered = commandsStarting(
      printedCommands(run),
      'aws ecs deregister-task-definition',
    );
    expect(deregistered.map((c) => c.split(' ')[4].split('/')[1])).toEqual(
      ['ui', 'carts', 'checkout', 'orders', 'catalog', 'assets'].map(
        (s) => `retail-store-ecs-${s}:3`,
      ),
    );
    expect(commandsStarting(printedCommands(run), 'aws ecs delete-')).toEqual([]);
    expect(run.stderr).toContain('user learner has no policy retail-store-ecs-exec');
    expect(commandsStarting(printedCommands(run), 'aws iam delete-user-policy')).toEqual([]);
  });
});

describe('create-environment.sh --dry-run', () => {
  it.each([
    [[], 'false'],
    [['--full-store'], 'true'],
  ])(
    '%j deploys the stack with named IAM roles and FullStore=%s, then writes env.sh',
    (args, full) => {
      const run = runScript('create-environment.sh', ['--dry-run', ...args], {
        env: { AWS_REGION: REGION },
      });
      expect(run.status).toBe(0);
      expect(printedCommands(run)).toEqual([
        `aws cloudformation deploy --stack-name retail-store-ecs-env --region ${REGION} --template-file ${REPO_ROOT}/deploy/ecs/stack/environment.yaml --capabilities CAPABILITY_NAMED_IAM --parameter-overrides FullStore=${full} --no-fail-on-empty-changeset`,
        `aws cloudformation describe-stacks --stack-name retail-store-ecs-env --region ${REGION} --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text`,
      ]);
    },
  );

  it('needs a region', () => {
    const run = runScript('create-environment.sh', ['--dry-run'], { env: {} });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no region');
  });
});

describe('write-env.sh', () => {
  const WORKSHOP_VARIABLES = [
    'AWS_REGION',
    'ACCOUNT_ID',
    'PRIVATE_SUBNET1',
    'PRIVATE_SUBNET2',
    'UI_SG_ID',
    'CATALOG_SG_ID',
    'ASSET_SG_ID',
    'UI_ALB_PREFIX',
    'UI_TG_PREFIX',
  ];

  it('exports every variable the workshop expects, from the outputs of the stack', () => {
    expect(Object.keys(LAB)).toEqual(expect.arrayContaining(WORKSHOP_VARIABLES));
    expect(LAB).toMatchObject({
      AWS_REGION: FAKE_OUTPUTS.AwsRegion,
      ACCOUNT_ID: FAKE_OUTPUTS.AccountId,
      PRIVATE_SUBNET1: FAKE_OUTPUTS.PrivateSubnet1,
      PRIVATE_SUBNET2: FAKE_OUTPUTS.PrivateSubnet2,
      UI_SG_ID: FAKE_OUTPUTS.UiSecurityGroupId,
      CATALOG_SG_ID: FAKE_OUTPUTS.CatalogSecurityGroupId,
      ASSET_SG_ID: FAKE_OUTPUTS.AssetsSecurityGroupId,
      UI_TARGET_GROUP_ARN: FAKE_OUTPUTS.UiTargetGroupArn,
      RETAIL_ALB: FAKE_OUTPUTS.UiLoadBalancerDnsName,
      CATALOG_DB_SECRET_ARN: FAKE_OUTPUTS.CatalogDbSecretArn,
    });
  });

  it('derives UI_ALB_PREFIX and UI_TG_PREFIX, the ALBRequestCountPerTarget label, from the ARNs', () => {
    expect(LAB.UI_ALB_PREFIX).toBe('app/retail-store-ecs-ui/50dc6c495c0c9188');
    expect(LAB.UI_TG_PREFIX).toBe('targetgroup/ui-application/73e2d6bc24d8a067');
  });

  it('adds the full store variables when the stack has them', () => {
    expect(
      Object.keys(FULL)
        .filter((name) => !(name in LAB))
        .sort(),
    ).toEqual([
      'CARTS_SG_ID',
      'CHECKOUT_SG_ID',
      'ORDERS_DB_SECRET_ARN',
      'ORDERS_MQ_SECRET_ARN',
      'ORDERS_SG_ID',
    ]);
  });

  it('asks CloudFormation for the outputs of retail-store-ecs-env', () => {
    const { awsArgs } = writeAndSourceEnv(stackOutputKeys(false));
    expect(awsArgs).toBe(
      `cloudformation describe-stacks --stack-name retail-store-ecs-env --region ${REGION} --query Stacks[0].Outputs[].[OutputKey,OutputValue] --output text`,
    );
  });

  it('stops naming an output the stack lacks (another stack, or an old version)', () => {
    const { run } = writeAndSourceEnv(
      stackOutputKeys(false).filter((key) => key !== 'UiSecurityGroupId'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stack retail-store-ecs-env has no output UiSecurityGroupId');
  });
});
