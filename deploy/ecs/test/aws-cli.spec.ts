import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel, modelAvailable, modelFile, shapeProblems } from './support/api-model';
import { probeAwsCli, rejected, validateAwsGroups, type Validation } from './support/aws-validate';
import { jsonFiles, readJson, type JsonRecord } from './support/files';
import {
  deployOverExistingServices,
  printedCommands,
  runScript,
  stackVariables,
} from './support/scripts';
import { describeWithTool, ECS_DIR, tempDir, type Tool } from './support/tools';

const FULL = stackVariables(true);
const aws = probeAwsCli();

/** Renders every template with the full stack's variables; returns the output folder. */
function renderAll(): string {
  const outDir = tempDir('rendered');
  const run = runScript('render-task-definitions.sh', ['--out-dir', outDir], { env: FULL });
  if (run.status !== 0) throw new Error(run.stderr);
  return outDir;
}

const TEMPLATES = jsonFiles('task-definitions');
const SERVICES = jsonFiles('service-connect');
const scFile = (service: string) => path.join(ECS_DIR, 'service-connect', `${service}.json`);

/** A rendered task definition broken three ways, to show that the validation can fail. */
function brokenFiles(rendered: string): string {
  const dir = tempDir('broken');
  const definition = readJson(path.join(rendered, 'task-definitions', 'ui.json'));
  const [container] = definition.containerDefinitions as JsonRecord[];
  (container.healthCheck as JsonRecord).interval = '10';
  writeFileSync(path.join(dir, 'type.json'), JSON.stringify(definition));
  (container.healthCheck as JsonRecord).interval = 10;
  container.healthcheck = { command: ['CMD-SHELL', 'true'] };
  writeFileSync(path.join(dir, 'member.json'), JSON.stringify(definition));
  writeFileSync(
    path.join(dir, 'sc.json'),
    readFileSync(scFile('ui'), 'utf8').replace('"port": 80', '"port": "eighty"'),
  );
  return dir;
}

const DRY_RUNS: [string, string[]][] = [
  ['deploy.sh', ['--autoscaling']],
  ['deploy.sh', ['--full-store']],
  ['teardown.sh', ['--with-environment', '--with-images']],
  ['push-images.sh', []],
  ['create-environment.sh', ['--full-store']],
  ['allow-ecs-exec.sh', []],
];
const dryRunName = ([script, args]: [string, string[]]): string =>
  `${script} ${JSON.stringify(args)}`;

function dryRunLines([script, args]: [string, string[]]): string[] {
  const extra = script === 'deploy.sh' ? ['--rendered-dir', tempDir('rendered')] : [];
  const run = runScript(script, ['--dry-run', ...args, ...extra], { env: FULL });
  if (run.status !== 0) throw new Error(`${script} --dry-run failed: ${run.stderr}`);
  return printedCommands(run).filter((line) => line.startsWith('aws '));
}

describeWithTool(aws, 'the ECS API model, through the AWS CLI (parameter validation only)', () => {
  const rendered = renderAll();
  const broken = brokenFiles(rendered);
  const good = `aws ecs register-task-definition --cli-input-json file://${rendered}/task-definitions/ui.json`;
  const groups: Record<string, string[]> = {
    taskDefinitions: TEMPLATES.map(
      (t) =>
        `aws ecs register-task-definition --cli-input-json file://${rendered}/task-definitions/${t}.json`,
    ),
    serviceConnect: SERVICES.flatMap((service) => [
      `aws ecs create-service --cluster retail-store-ecs-cluster --service-name ${service} --task-definition retail-store-ecs-${service} --service-connect-configuration file://${scFile(service)}`,
      `aws ecs update-service --cluster retail-store-ecs-cluster --service ${service} --service-connect-configuration file://${scFile(service)} --force-new-deployment`,
    ]),
    policy: [
      `aws application-autoscaling put-scaling-policy --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id service/retail-store-ecs-cluster/ui --policy-name ui-scaling-policy --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration file://${rendered}/autoscaling/ui-scaling-policy.json`,
    ],
    // Good commands around the broken ones: one CLI process validates them all in turn.
    broken: [
      good,
      `aws ecs register-task-definition --cli-input-json file://${broken}/type.json`,
      `aws ecs register-task-definition --cli-input-json file://${broken}/member.json`,
      good,
      `aws ecs update-service --cluster c --service ui --service-connect-configuration file://${broken}/sc.json`,
      `aws ecs create-service --cluster c --service-name ui --network-configuration 'awsvpcConfiguration={subnets=[a],securityGroup=[b]}'`,
      good,
    ],
    update: printedCommands(deployOverExistingServices()),
    ...Object.fromEntries(DRY_RUNS.map((dryRun) => [dryRunName(dryRun), dryRunLines(dryRun)])),
  };
  let results: Record<string, Validation[]>;
  beforeAll(async () => {
    results = await validateAwsGroups(groups);
  }, 120_000);

  it('accepts every rendered task definition for register-task-definition', () => {
    expect(results.taskDefinitions).toHaveLength(TEMPLATES.length);
    expect(rejected(results.taskDefinitions)).toEqual([]);
  });

  it('accepts every Service Connect file for create-service and update-service', () => {
    expect(results.serviceConnect).toHaveLength(2 * SERVICES.length);
    expect(rejected(results.serviceConnect)).toEqual([]);
  });

  it('accepts the UI scaling policy for put-scaling-policy', () => {
    expect(results.policy).toHaveLength(1);
    expect(rejected(results.policy)).toEqual([]);
  });

  it('rejects broken ones (the check can fail): a string where a number goes, an unknown member, a bad shorthand', () => {
    expect(results.broken.map((r) => r.accepted)).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    const [, type, member, , sc, shorthand] = results.broken;
    expect(type.output).toContain(
      'Invalid type for parameter containerDefinitions[0].healthCheck.interval',
    );
    expect(member.output).toContain('Unknown parameter in containerDefinitions[0]: "healthcheck"');
    expect(sc.output).toContain(
      'Invalid type for parameter serviceConnectConfiguration.services[0].clientAliases[0].port',
    );
    expect(shorthand.output).toContain('securityGroup');
  });

  it('accepts the commands deploy.sh runs to update a store that exists', () => {
    expect(
      results.update.filter((r) => r.command.startsWith('aws ecs update-service')),
    ).toHaveLength(6);
    expect(rejected(results.update)).toEqual([]);
  });

  it.each(DRY_RUNS.map(dryRunName))('accepts every aws command of the dry run %s', (name) => {
    expect(results[name].length).toBeGreaterThan(0);
    expect(rejected(results[name])).toEqual([]);
  });
});

const modelsTool: Tool = {
  name: "the API models of Debian's awscli",
  missing: modelAvailable('ecs', '2014-11-13') ? undefined : `no ${modelFile('ecs', '2014-11-13')}`,
};

describeWithTool(modelsTool, 'the ECS API model, read directly (enum values too)', () => {
  const ecs = loadModel('ecs', '2014-11-13');
  const rendered = renderAll();

  it.each(TEMPLATES)('%s is a valid RegisterTaskDefinitionRequest', (template) => {
    const definition = readJson(path.join(rendered, 'task-definitions', `${template}.json`));
    expect(shapeProblems(ecs, 'RegisterTaskDefinitionRequest', definition)).toEqual([]);
  });

  it.each(SERVICES)('%s is a valid ServiceConnectConfiguration', (service) => {
    expect(shapeProblems(ecs, 'ServiceConnectConfiguration', readJson(scFile(service)))).toEqual(
      [],
    );
  });

  it('the scaling policy is a valid TargetTrackingScalingPolicyConfiguration', () => {
    const model = loadModel('application-autoscaling', '2016-02-06');
    const policy = readJson(path.join(rendered, 'autoscaling', 'ui-scaling-policy.json'));
    expect(shapeProblems(model, 'TargetTrackingScalingPolicyConfiguration', policy)).toEqual([]);
  });

  it('catches what the CLI lets through: values outside an enum', () => {
    const definition = readJson(path.join(rendered, 'task-definitions', 'ui.json'));
    definition.networkMode = 'bridged';
    const [container] = definition.containerDefinitions as JsonRecord[];
    (container.portMappings as JsonRecord[])[0].appProtocol = 'https';
    expect(shapeProblems(ecs, 'RegisterTaskDefinitionRequest', definition)).toEqual([
      '$.networkMode: "bridged" is not one of bridge, host, awsvpc, none',
      '$.containerDefinitions[0].portMappings[0].appProtocol: "https" is not one of http, http2, grpc',
    ]);
  });
});
