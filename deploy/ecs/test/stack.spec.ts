import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadTemplate,
  parseTemplate,
  templateProblems,
  type Json,
  type JsonObject,
  type Resource,
} from './support/cloudformation';
import {
  bashArray,
  jsonFiles,
  serviceConnect,
  taskDefinition,
  type JsonRecord,
} from './support/files';
import { FAKE_OUTPUTS, STACK_FILE } from './support/scripts';
import { describeWithTool, probeTool, tempDir } from './support/tools';

const template = loadTemplate(STACK_FILE);
const resources = template.Resources;

const ofType = (type: string): [string, Resource][] =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);
const named = (type: string, property: string, name: string): [string, Resource] => {
  const found = ofType(type).filter(([, r]) => r.Properties[property] === name);
  if (found.length !== 1)
    throw new Error(`expected one ${type} with ${property} ${name}, found ${found.length}`);
  return found[0];
};
const ref = (name: string): JsonObject => ({ Ref: name });
const ingress = (logicalId: string): Json => resources[logicalId].Properties.SecurityGroupIngress;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: Json;
}
/** Every statement of a role's inline policies that allows `action`, with its resources. */
const grants = (role: Resource, action: string): Json[] =>
  ((role.Properties.Policies ?? []) as unknown as { PolicyDocument: { Statement: Statement[] } }[])
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes(action))
    .flatMap((s) => [s.Resource].flat());

describe('environment stack: template check', () => {
  it('parses, with the short forms turned into intrinsic functions', () => {
    expect(template.Resources.PrivateSubnet2.Properties.AvailabilityZone).toEqual({
      'Fn::Select': [1, { 'Fn::GetAZs': '' }],
    });
    expect(template.Resources.UiListener.Properties.LoadBalancerArn).toEqual(ref('UiLoadBalancer'));
  });

  it('has every reference resolve to a parameter, resource, attribute or condition that exists', () => {
    expect(templateProblems(template)).toEqual([]);
  });

  it('is caught when broken: a dangling reference, an unknown attribute, a conditional target', () => {
    const text = readFileSync(STACK_FILE, 'utf8');
    const broken = parseTemplate(
      text
        .replace(
          'VpcId: !Ref Vpc\n      InternetGatewayId',
          'VpcId: !Ref Vpcc\n      InternetGatewayId',
        )
        .replace('!GetAtt UiLoadBalancer.DNSName', '!GetAtt UiLoadBalancer.DnsName'),
    );
    delete broken.Outputs.CartsSecurityGroupId.Condition;
    expect(templateProblems(broken)).toEqual([
      'Resources.InternetGatewayAttachment: Ref Vpcc: no such parameter or resource',
      'Outputs.UiLoadBalancerDnsName: GetAtt UiLoadBalancer: AWS::ElasticLoadBalancingV2::LoadBalancer has no attribute DnsName',
      'Outputs.CartsSecurityGroupId: Ref CartsSecurityGroup: exists only under condition WithFullStore, the referrer does not',
    ]);
  });

  it('fits in a direct CloudFormation upload (51,200 bytes), so deploy needs no S3 bucket', () => {
    expect(statSync(STACK_FILE).size).toBeLessThan(51_200);
  });

  it('has an output for every value the tests feed write-env.sh, and no other', () => {
    expect(Object.keys(template.Outputs).sort()).toEqual(Object.keys(FAKE_OUTPUTS).sort());
  });

  it('gives write-env.sh every output it reads, conditional exactly for the full store', () => {
    const outputOf = (pairs: string[]) => pairs.map((pair) => pair.split('=')[1]);
    for (const key of outputOf(bashArray('write-env.sh', 'LAB_OUTPUTS'))) {
      expect(template.Outputs[key]).toBeDefined();
      expect(template.Outputs[key].Condition).toBeUndefined();
    }
    for (const key of outputOf(bashArray('write-env.sh', 'FULL_STORE_OUTPUTS'))) {
      expect(template.Outputs[key]?.Condition).toBe('WithFullStore');
    }
  });
});

describe('environment stack: network', () => {
  const subnets = ofType('AWS::EC2::Subnet');

  it('has two public and two private subnets, one of each per availability zone', () => {
    expect(subnets.map(([id]) => id).sort()).toEqual([
      'PrivateSubnet1',
      'PrivateSubnet2',
      'PublicSubnet1',
      'PublicSubnet2',
    ]);
    for (const [id, subnet] of subnets) {
      expect(subnet.Properties.VpcId).toEqual(ref('Vpc'));
      const zone = id.endsWith('1') ? 0 : 1;
      expect(subnet.Properties.AvailabilityZone).toEqual({
        'Fn::Select': [zone, { 'Fn::GetAZs': '' }],
      });
    }
    expect(resources.Vpc.Properties).toMatchObject({
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
    });
  });

  it('routes the public subnets to the internet gateway and the private ones through NAT', () => {
    expect(resources.NatGateway.Properties.SubnetId).toEqual(ref('PublicSubnet1'));
    expect(resources.PublicDefaultRoute.Properties).toEqual({
      RouteTableId: ref('PublicRouteTable'),
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: ref('InternetGateway'),
    });
    expect(resources.PrivateDefaultRoute.Properties).toEqual({
      RouteTableId: ref('PrivateRouteTable'),
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: ref('NatGateway'),
    });
    const associations = ofType('AWS::EC2::SubnetRouteTableAssociation').map(
      ([, a]) => a.Properties,
    );
    expect(associations).toEqual(
      expect.arrayContaining([
        { SubnetId: ref('PublicSubnet1'), RouteTableId: ref('PublicRouteTable') },
        { SubnetId: ref('PublicSubnet2'), RouteTableId: ref('PublicRouteTable') },
        { SubnetId: ref('PrivateSubnet1'), RouteTableId: ref('PrivateRouteTable') },
        { SubnetId: ref('PrivateSubnet2'), RouteTableId: ref('PrivateRouteTable') },
      ]),
    );
    expect(associations).toHaveLength(4);
  });

  it('lets HTTP reach the ALB, the ALB reach the UI, the UI reach catalog and assets, catalog reach MySQL', () => {
    const rule = (port: number, source: Json) => [
      {
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        ...(typeof source === 'string' ? { CidrIp: source } : { SourceSecurityGroupId: source }),
      },
    ];
    expect(ingress('AlbSecurityGroup')).toEqual(rule(80, '0.0.0.0/0'));
    expect(ingress('UiSecurityGroup')).toEqual(rule(8080, ref('AlbSecurityGroup')));
    expect(ingress('CatalogSecurityGroup')).toEqual(rule(8080, ref('UiSecurityGroup')));
    expect(ingress('AssetsSecurityGroup')).toEqual(rule(8080, ref('UiSecurityGroup')));
    expect(ingress('CatalogDbSecurityGroup')).toEqual(rule(3306, ref('CatalogSecurityGroup')));
  });

  it('exports the groups under the names env.sh gives them', () => {
    expect(template.Outputs.UiSecurityGroupId.Value).toEqual(ref('UiSecurityGroup'));
    expect(template.Outputs.CatalogSecurityGroupId.Value).toEqual(ref('CatalogSecurityGroup'));
    expect(template.Outputs.AssetsSecurityGroupId.Value).toEqual(ref('AssetsSecurityGroup'));
    expect(template.Outputs.PrivateSubnet1.Value).toEqual(ref('PrivateSubnet1'));
    expect(template.Outputs.PrivateSubnet2.Value).toEqual(ref('PrivateSubnet2'));
  });
});

describe('environment stack: load balancer', () => {
  it('is the internet-facing ALB retail-store-ecs-ui in the public subnets', () => {
    const [, lb] = named(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Name',
      'retail-store-ecs-ui',
    );
    expect(lb.Properties).toMatchObject({
      Scheme: 'internet-facing',
      Type: 'application',
      Subnets: [ref('PublicSubnet1'), ref('PublicSubnet2')],
      SecurityGroups: [ref('AlbSecurityGroup')],
    });
  });

  it('forwards HTTP :80 to target group ui-application, IP targets on 8080 checked at /actuator/health', () => {
    const [tgId, tg] = named('AWS::ElasticLoadBalancingV2::TargetGroup', 'Name', 'ui-application');
    expect(tg.Properties).toMatchObject({
      TargetType: 'ip',
      Protocol: 'HTTP',
      Port: 8080,
      HealthCheckPath: '/actuator/health',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
    });
    const [, listener] = ofType('AWS::ElasticLoadBalancingV2::Listener')[0];
    expect(listener.Properties).toEqual({
      LoadBalancerArn: ref('UiLoadBalancer'),
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(tgId) }],
    });
  });

  it('uses the names deploy.sh and teardown.sh look up', () => {
    const common = readFileSync(path.join(__dirname, '../scripts/lib/common.sh'), 'utf8');
    expect(common).toContain('LOAD_BALANCER=retail-store-ecs-ui\n');
    expect(common).toContain('TARGET_GROUP=ui-application\n');
    expect(common).toContain('NAMESPACE=retailstore.local\n');
  });
});

describe('environment stack: IAM, logs, discovery', () => {
  it('has the three roles of the workshop, assumable by ECS tasks', () => {
    for (const name of [
      'retailStoreEcsTaskExecutionRole',
      'retailStoreEcsTaskRole',
      'cataologEcsTaskExecutionRole',
    ]) {
      const [, role] = named('AWS::IAM::Role', 'RoleName', name);
      expect(role.Condition).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      });
    }
  });

  it('gives the task role the four ssmmessages actions ECS Exec needs, in the policy the workshop inspects', () => {
    const [, role] = named('AWS::IAM::Role', 'RoleName', 'retailStoreEcsTaskRole');
    expect(role.Properties.Policies).toEqual([
      {
        PolicyName: 'RetailStoreEcsTaskRoleDefaultPolicy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'ssmmessages:CreateControlChannel',
                'ssmmessages:CreateDataChannel',
                'ssmmessages:OpenControlChannel',
                'ssmmessages:OpenDataChannel',
              ],
              Resource: '*',
            },
          ],
        },
      },
    ]);
  });

  it('gives every execution role the managed ECS policy (image pulls, logs)', () => {
    const executionRoles = ofType('AWS::IAM::Role').filter(
      ([, r]) =>
        typeof r.Properties.RoleName === 'string' &&
        r.Properties.RoleName.endsWith('ExecutionRole'),
    );
    expect(executionRoles).toHaveLength(4);
    for (const [, role] of executionRoles) {
      expect(role.Properties.ManagedPolicyArns).toEqual([
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
        },
      ]);
    }
  });

  it('creates the log group retail-store-ecs-tasks and the namespace retailstore.local in the VPC', () => {
    named('AWS::Logs::LogGroup', 'LogGroupName', 'retail-store-ecs-tasks');
    const [, namespace] = named(
      'AWS::ServiceDiscovery::PrivateDnsNamespace',
      'Name',
      'retailstore.local',
    );
    expect(namespace.Properties.Vpc).toEqual(ref('Vpc'));
  });
});

describe('environment stack: catalog database', () => {
  it('is RDS MySQL with database catalog, private, reachable from the catalog group only', () => {
    const [, db] = named('AWS::RDS::DBInstance', 'DBName', 'catalog');
    expect(db.Condition).toBeUndefined();
    // The catalog connects without TLS: RDS for MySQL up to 8.4 allows that by default.
    expect(template.Parameters.CatalogDbEngineVersion.Default).toBe('8.4');
    expect(db.Properties).toMatchObject({
      Engine: 'mysql',
      EngineVersion: ref('CatalogDbEngineVersion'),
      PubliclyAccessible: false,
      VPCSecurityGroups: [ref('CatalogDbSecurityGroup')],
      DBSubnetGroupName: ref('DbSubnetGroup'),
      MasterUsername: {
        'Fn::Sub': '{{resolve:secretsmanager:${CatalogDbSecret}:SecretString:username}}',
      },
      MasterUserPassword: {
        'Fn::Sub': '{{resolve:secretsmanager:${CatalogDbSecret}:SecretString:password}}',
      },
    });
    expect(resources.DbSubnetGroup.Properties.SubnetIds).toEqual([
      ref('PrivateSubnet1'),
      ref('PrivateSubnet2'),
    ]);
  });

  it('keeps the credentials in secret retail-store-ecs-catalog-db (keys username, password)', () => {
    const [, secret] = named('AWS::SecretsManager::Secret', 'Name', 'retail-store-ecs-catalog-db');
    expect(secret.Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: '{"username":"catalog_user"}',
      GenerateStringKey: 'password',
    });
  });

  it('publishes host:port in /retail-store-ecs/catalog/db-endpoint', () => {
    const [, parameter] = named(
      'AWS::SSM::Parameter',
      'Name',
      '/retail-store-ecs/catalog/db-endpoint',
    );
    expect(parameter.Properties.Value).toEqual({
      'Fn::Sub': '${CatalogDb.Endpoint.Address}:${CatalogDb.Endpoint.Port}',
    });
  });
});

describe('environment stack: full store layer', () => {
  it('exists only with FullStore=true', () => {
    expect(template.Parameters.FullStore).toMatchObject({
      AllowedValues: ['false', 'true'],
      Default: 'false',
    });
    expect(template.Conditions.WithFullStore).toEqual({ 'Fn::Equals': [ref('FullStore'), 'true'] });
    const conditional = Object.entries(resources)
      .filter(([, r]) => r.Condition === 'WithFullStore')
      .map(([id]) => id);
    expect(conditional).toEqual(
      expect.arrayContaining([
        'CartsTable',
        'CheckoutRedis',
        'OrdersDb',
        'OrdersMq',
        'CartsTaskRole',
      ]),
    );
  });

  it('has the carts table: key id, index idx_global_customerId on customerId with every attribute', () => {
    const [, table] = named('AWS::DynamoDB::Table', 'TableName', 'retail-store-ecs-carts');
    expect(table.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'idx_global_customerId',
          KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('has Redis for checkout, PostgreSQL (database orders) and RabbitMQ for orders, each open to its service only', () => {
    expect(resources.CheckoutRedis.Properties).toMatchObject({ Engine: 'redis' });
    expect(resources.OrdersDb.Properties).toMatchObject({ Engine: 'postgres', DBName: 'orders' });
    expect(resources.OrdersMq.Properties).toMatchObject({
      EngineType: 'RABBITMQ',
      PubliclyAccessible: false,
    });
    const from = (group: string) =>
      (ingress(group) as { FromPort: number; SourceSecurityGroupId: Json }[]).map((r) => [
        r.FromPort,
        r.SourceSecurityGroupId,
      ]);
    expect(from('CheckoutRedisSecurityGroup')).toEqual([[6379, ref('CheckoutSecurityGroup')]]);
    expect(from('OrdersDbSecurityGroup')).toEqual([[5432, ref('OrdersSecurityGroup')]]);
    expect(from('OrdersMqSecurityGroup')).toEqual([[5671, ref('OrdersSecurityGroup')]]);
    expect(from('OrdersSecurityGroup')).toEqual([
      [8080, ref('CheckoutSecurityGroup')],
      [8080, ref('UiSecurityGroup')],
    ]);
  });
});

/**
 * What a task definition asks of the environment: its roles and the SSM parameters and
 * secrets its container reads. Each must be something the stack creates and lets that role read.
 */
describe('task definitions against the stack', () => {
  const roleNamed = (arn: string): Resource =>
    named('AWS::IAM::Role', 'RoleName', arn.split(':role/')[1])[1];
  /** The template's logical id of the SSM parameter an ARN in a task definition names. */
  const parameterOf = (arn: string): string =>
    named('AWS::SSM::Parameter', 'Name', arn.split(':parameter')[1])[0];
  /** ${CATALOG_DB_SECRET_ARN} → the output write-env.sh reads it from → the secret that output is. */
  const secretOf = (valueFrom: string): string => {
    const variable = /^\$\{(\w+)\}/.exec(valueFrom)?.[1] ?? '';
    const pairs = [
      ...bashArray('write-env.sh', 'LAB_OUTPUTS'),
      ...bashArray('write-env.sh', 'FULL_STORE_OUTPUTS'),
    ];
    const output = pairs.find((pair) => pair.startsWith(`${variable}=`))?.split('=')[1] ?? '';
    return (template.Outputs[output]?.Value as { Ref: string }).Ref;
  };

  it.each(jsonFiles('task-definitions'))(
    '%s: its roles exist and its execution role can read its secrets',
    (name) => {
      const definition = taskDefinition(name);
      const execution = roleNamed(definition.executionRoleArn as string);
      if (typeof definition.taskRoleArn === 'string') roleNamed(definition.taskRoleArn);
      const [container] = definition.containerDefinitions as JsonRecord[];
      for (const { valueFrom } of (container.secrets ?? []) as { valueFrom: string }[]) {
        if (valueFrom.startsWith('arn:aws:ssm:')) {
          const parameter = parameterOf(valueFrom);
          expect(grants(execution, 'ssm:GetParameters')).toContainEqual({
            'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter\${${parameter}}`,
          });
        } else {
          expect(grants(execution, 'secretsmanager:GetSecretValue')).toContainEqual(
            ref(secretOf(valueFrom)),
          );
        }
      }
    },
  );

  it('gives the carts task role the table and its index', () => {
    const [, role] = named('AWS::IAM::Role', 'RoleName', 'retailStoreEcsCartsTaskRole');
    expect(grants(role, 'dynamodb:Query')).toEqual([
      { 'Fn::GetAtt': ['CartsTable', 'Arn'] },
      { 'Fn::Sub': '${CartsTable.Arn}/index/*' },
    ]);
    expect(grants(role, 'ssmmessages:OpenDataChannel')).toEqual(['*']);
  });

  it('logs where the task definitions log, and discovers in the namespace they join', () => {
    const group = named('AWS::Logs::LogGroup', 'LogGroupName', 'retail-store-ecs-tasks');
    expect(group).toBeDefined();
    for (const service of jsonFiles('service-connect')) {
      expect(serviceConnect(service).namespace).toBe('retailstore.local');
    }
  });
});

const cfnLint = probeTool('cfn-lint', 'cfn-lint', ['--version']);

describeWithTool(cfnLint, 'cfn-lint (the CloudFormation resource specification)', () => {
  // One run over the stack and a broken copy: loading the specification is most of its time.
  const broken = path.join(tempDir('cfn'), 'broken.yaml');
  writeFileSync(
    broken,
    readFileSync(STACK_FILE, 'utf8').replace(
      'Engine: mysql',
      'Engine: mysql\n      AllocatedStorages: 20',
    ),
  );
  let report: string[];
  beforeAll(() => {
    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', STACK_FILE, broken], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    report = result.stdout.split('\n').filter((line) => line !== '');
  }, 120_000);

  it('finds nothing in the stack', () => {
    expect(report.filter((line) => line.startsWith(`${STACK_FILE}:`))).toEqual([]);
  });

  it('does report a broken copy (the check can fail)', () => {
    const found = report.filter((line) => line.startsWith(`${broken}:`));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('AllocatedStorages');
  });
});
