import { readFileSync } from 'node:fs';
import {
  CORE_SCHEMA,
  defineMappingTag,
  defineScalarTag,
  defineSequenceTag,
  load,
  type TagDefinition,
} from 'js-yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Template {
  Parameters: Record<string, JsonObject>;
  Conditions: Record<string, Json>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: Json; Condition?: string }>;
}

export interface Resource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  Properties: JsonObject;
  DeletionPolicy?: string;
}

// The short forms CloudFormation reads in YAML, turned into the long JSON forms (`!Ref X` is
// `{"Ref": "X"}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`), so the checks see one shape.
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

const longForm = (tag: string, value: Json): JsonObject => {
  if (tag === 'Ref' || tag === 'Condition') return { [tag]: value };
  if (tag === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${tag}`]: value };
};

const tagsFor = (tag: string): TagDefinition[] => [
  defineScalarTag<JsonObject>(`!${tag}`, {
    resolve: (source) => longForm(tag, source),
    identify: () => false,
  }),
  defineSequenceTag<Json[], JsonObject>(`!${tag}`, {
    create: () => [],
    addItem: (items, item) => {
      items.push(item as Json);
    },
    finalize: (items) => longForm(tag, items),
    identify: () => false,
  }),
  defineMappingTag<JsonObject, JsonObject>(`!${tag}`, {
    create: () => ({}),
    addPair: (map, key, value) => {
      map[String(key)] = value as Json;
      return '';
    },
    has: (map, key) => Object.hasOwn(map, String(key)),
    keys: (map) => Object.keys(map),
    get: (map, key) => map[String(key)],
    finalize: (map) => longForm(tag, map),
    identify: () => false,
  }),
];

export const CLOUDFORMATION_SCHEMA = CORE_SCHEMA.withTags(
  ...['Ref', 'Condition', ...FUNCTIONS].flatMap(tagsFor),
);

export const parseTemplate = (text: string): Template =>
  load(text, { schema: CLOUDFORMATION_SCHEMA }) as Template;

export const loadTemplate = (file: string): Template => parseTemplate(readFileSync(file, 'utf8'));

const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

/**
 * The attributes Fn::GetAtt may read, for the resource types this repository uses (from the
 * CloudFormation resource reference). A new type must be added here before it can be read.
 */
export const GETATT_ATTRIBUTES: Record<string, string[]> = {
  'AWS::AmazonMQ::Broker': ['AmqpEndpoints', 'Arn', 'ConfigurationId', 'Id', 'IpAddresses'],
  'AWS::DynamoDB::Table': ['Arn', 'StreamArn'],
  'AWS::EC2::EIP': ['AllocationId', 'PublicIp'],
  'AWS::EC2::SecurityGroup': ['GroupId', 'VpcId'],
  'AWS::EC2::Subnet': ['AvailabilityZone', 'CidrBlock', 'SubnetId', 'VpcId'],
  'AWS::EC2::VPC': ['CidrBlock', 'DefaultSecurityGroup', 'VpcId'],
  'AWS::ElastiCache::CacheCluster': [
    'RedisEndpoint.Address',
    'RedisEndpoint.Port',
    'ConfigurationEndpoint.Address',
    'ConfigurationEndpoint.Port',
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    'CanonicalHostedZoneID',
    'DNSName',
    'LoadBalancerArn',
    'LoadBalancerFullName',
    'LoadBalancerName',
    'SecurityGroups',
  ],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [
    'LoadBalancerArns',
    'TargetGroupArn',
    'TargetGroupFullName',
    'TargetGroupName',
  ],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::Logs::LogGroup': ['Arn'],
  'AWS::RDS::DBInstance': ['DBInstanceArn', 'Endpoint.Address', 'Endpoint.Port'],
  'AWS::SecretsManager::Secret': ['Id'],
  'AWS::ServiceDiscovery::PrivateDnsNamespace': ['Arn', 'HostedZoneId', 'Id'],
  'AWS::SSM::Parameter': ['Type', 'Value'],
};

interface Reference {
  kind: 'Ref' | 'GetAtt' | 'Condition' | 'DependsOn';
  target: string;
  attribute?: string;
  /** Where the reference is: `Resources.X`, `Outputs.Y`, `Conditions.Z`. */
  from: string;
}

/** Every ${Name} or ${Resource.Attribute} in an Fn::Sub string, minus its own variables. */
const subReferences = (text: string, own: string[]): { target: string; attribute?: string }[] =>
  [...text.matchAll(/\$\{([^!}][^}]*)\}/g)]
    .map((match) => match[1])
    .filter((name) => !own.includes(name))
    .map((name) => {
      if (name.startsWith('AWS::') || !name.includes('.')) return { target: name };
      const dot = name.indexOf('.');
      return { target: name.slice(0, dot), attribute: name.slice(dot + 1) };
    });

/** A name inside an intrinsic function; anything but a literal string shows as its JSON. */
const nameOf = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

function collect(value: Json, from: string, found: Reference[]): void {
  if (Array.isArray(value)) {
    value.forEach((item) => collect(item, from, found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') {
      found.push({ kind: 'Ref', target: inner, from });
    } else if (key === 'Fn::GetAtt' && Array.isArray(inner)) {
      found.push({ kind: 'GetAtt', target: nameOf(inner[0]), attribute: nameOf(inner[1]), from });
    } else if (key === 'Condition' && typeof inner === 'string') {
      found.push({ kind: 'Condition', target: inner, from });
    } else if (key === 'Fn::If' && Array.isArray(inner)) {
      found.push({ kind: 'Condition', target: nameOf(inner[0]), from });
      inner.slice(1).forEach((branch) => collect(branch, from, found));
      continue;
    } else if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(inner) ? inner : [inner, {}];
      const own = Object.keys((variables ?? {}) as JsonObject);
      for (const ref of subReferences(nameOf(text), own)) {
        found.push(
          ref.attribute === undefined
            ? { kind: 'Ref', target: ref.target, from }
            : { kind: 'GetAtt', target: ref.target, attribute: ref.attribute, from },
        );
      }
      collect(variables ?? {}, from, found);
      continue;
    }
    collect(inner, from, found);
  }
}

export function references(template: Template): Reference[] {
  const found: Reference[] = [];
  for (const [name, resource] of Object.entries(template.Resources)) {
    const from = `Resources.${name}`;
    collect(resource.Properties ?? {}, from, found);
    const dependsOn = resource.DependsOn;
    for (const target of dependsOn === undefined ? [] : [dependsOn].flat()) {
      found.push({ kind: 'DependsOn', target, from });
    }
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    collect(output.Value, `Outputs.${name}`, found);
  }
  for (const [name, condition] of Object.entries(template.Conditions ?? {})) {
    collect(condition, `Conditions.${name}`, found);
  }
  return found;
}

/** The condition a resource or output exists under, or undefined when it always exists. */
const conditionOf = (template: Template, from: string): string | undefined => {
  const [section, name] = from.split('.');
  if (section === 'Resources') return template.Resources[name].Condition;
  if (section === 'Outputs') return template.Outputs[name].Condition;
  return undefined;
};

/**
 * What CloudFormation would reject before creating anything: references to undefined
 * parameters, resources, attributes or conditions, resources without a type, outputs without a
 * value, and things that always exist pointing at things that exist only under a condition.
 */
export function templateProblems(template: Template): string[] {
  const problems: string[] = [];
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  const conditions = template.Conditions ?? {};
  for (const [name, resource] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(name)) problems.push(`Resources.${name}: name not alphanumeric`);
    if (typeof resource.Type !== 'string') problems.push(`Resources.${name}: no Type`);
    if (resource.Condition !== undefined && !(resource.Condition in conditions)) {
      problems.push(`Resources.${name}: unknown condition ${resource.Condition}`);
    }
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Value === undefined || output.Value === null)
      problems.push(`Outputs.${name}: no Value`);
    if (output.Condition !== undefined && !(output.Condition in conditions)) {
      problems.push(`Outputs.${name}: unknown condition ${output.Condition}`);
    }
  }
  for (const ref of references(template)) {
    const where = `${ref.from}: ${ref.kind} ${ref.target}`;
    if (ref.kind === 'Condition') {
      if (!(ref.target in conditions)) problems.push(`${where}: no such condition`);
      continue;
    }
    if (
      ref.kind === 'Ref' &&
      (ref.target in parameters || PSEUDO_PARAMETERS.includes(ref.target))
    ) {
      continue;
    }
    const target = resources[ref.target];
    if (target === undefined) {
      problems.push(
        `${where}: no such ${ref.kind === 'Ref' ? 'parameter or resource' : 'resource'}`,
      );
      continue;
    }
    if (ref.kind === 'GetAtt') {
      const known = GETATT_ATTRIBUTES[target.Type];
      if (known === undefined) problems.push(`${where}: no attribute list for ${target.Type}`);
      else if (!known.includes(ref.attribute ?? '')) {
        problems.push(`${where}: ${target.Type} has no attribute ${ref.attribute}`);
      }
    }
    const needs = target.Condition;
    if (needs !== undefined && conditionOf(template, ref.from) !== needs) {
      problems.push(`${where}: exists only under condition ${needs}, the referrer does not`);
    }
  }
  return problems;
}
