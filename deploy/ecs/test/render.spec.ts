import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bashArray, jsonFiles, readJson, SERVICES, serviceOfTemplate } from './support/files';
import { ACCOUNT_ID, REGION, runScript, stackVariables } from './support/scripts';
import { ECS_DIR, REPO_ROOT, tempDir } from './support/tools';

const VERSION = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const FULL = stackVariables(true);

/** Every string of a JSON value with ${NAME} replaced from `values`: what rendering must produce. */
const substitute = (value: unknown, values: Record<string, string>): unknown => {
  if (typeof value === 'string')
    return value.replace(/\$\{(\w+)\}/g, (_, name: string) => values[name]);
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  }
  return value;
};

const render = (args: string[], env: Record<string, string>) => {
  const outDir = tempDir('rendered');
  const run = runScript('render-task-definitions.sh', ['--out-dir', outDir, ...args], { env });
  const written = (folder: string): string[] =>
    existsSync(path.join(outDir, folder)) ? readdirSync(path.join(outDir, folder)).sort() : [];
  return { run, outDir, written };
};

describe('render-task-definitions.sh', () => {
  it('renders every template from the variables env.sh exports, placeholders and all', () => {
    const { run, outDir, written } = render([], FULL);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    expect(written('task-definitions')).toEqual(
      jsonFiles('task-definitions')
        .map((t) => `${t}.json`)
        .sort(),
    );
    expect(written('autoscaling')).toEqual(['ui-scaling-policy.json']);
    const values = {
      ...FULL,
      IMAGE_REGISTRY: `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com`,
      IMAGE_TAG: VERSION,
    };
    for (const template of jsonFiles('task-definitions')) {
      const rendered = readFileSync(
        path.join(outDir, 'task-definitions', `${template}.json`),
        'utf8',
      );
      expect(rendered).not.toContain('${');
      expect(JSON.parse(rendered)).toEqual(
        substitute(readJson(path.join(ECS_DIR, 'task-definitions', `${template}.json`)), values),
      );
    }
    expect(readJson(path.join(outDir, 'autoscaling', 'ui-scaling-policy.json'))).toMatchObject({
      PredefinedMetricSpecification: {
        ResourceLabel: `${FULL.UI_ALB_PREFIX}/${FULL.UI_TG_PREFIX}`,
      },
    });
  });

  it('points each task at its private ECR image, tagged with the version push-images.sh pushes', () => {
    const { outDir } = render([], FULL);
    for (const template of jsonFiles('task-definitions')) {
      const definition = readJson(path.join(outDir, 'task-definitions', `${template}.json`));
      const [container] = definition.containerDefinitions as { image: string }[];
      expect(container.image).toBe(
        `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/retail-store-sample-${SERVICES[serviceOfTemplate(template)].image}:${VERSION}`,
      );
    }
  });

  it('takes IMAGE_REGISTRY and IMAGE_TAG, e.g. to run the published reference images', () => {
    const env = { ...FULL, IMAGE_REGISTRY: 'public.ecr.aws/aws-containers', IMAGE_TAG: '0.7.0' };
    const { run, outDir } = render(['carts'], env);
    expect(run.status).toBe(0);
    const [container] = readJson(path.join(outDir, 'task-definitions', 'carts.json'))
      .containerDefinitions as { image: string }[];
    expect(container.image).toBe('public.ecr.aws/aws-containers/retail-store-sample-cart:0.7.0');
  });

  it('--lab renders the workshop set only, which the workshop-only stack can fill', () => {
    const { run, written } = render(['--lab'], stackVariables(false));
    expect(run.status).toBe(0);
    expect(written('task-definitions')).toEqual(
      ['ui', 'ui-banner', 'ui-endpoints', 'catalog', 'assets'].map((t) => `${t}.json`).sort(),
    );
    expect(bashArray('render-task-definitions.sh', 'LAB_TEMPLATES')).toContain('ui-scaling-policy');
  });

  it('stops before writing anything when a template needs an unset variable, naming it', () => {
    const lab = stackVariables(false);
    const { run, written } = render(['ui', 'orders'], lab);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('orders needs ORDERS_DB_SECRET_ARN ORDERS_MQ_SECRET_ARN');
    expect(written('task-definitions')).toEqual([]);
  });

  it('names the missing account and region', () => {
    const { run } = render([], {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('missing ACCOUNT_ID AWS_REGION');
  });

  it.each([
    ['ACCOUNT_ID', '1234', 'ACCOUNT_ID must be 12 digits'],
    ['AWS_REGION', 'Frankfurt', 'does not look like a region'],
    ['IMAGE_TAG', 'v1"x', 'cannot go into the JSON'],
    ['IMAGE_TAG', '${ACCOUNT_ID}', 'cannot go into the JSON'],
  ])('refuses %s=%s', (name, value, message) => {
    const { run, written } = render(['ui'], { ...FULL, [name]: value });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(written('task-definitions')).toEqual([]);
  });

  it('refuses an unknown template name', () => {
    const { run } = render(['ui-fancy'], FULL);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown template ui-fancy');
  });

  it('--dry-run checks the variables and writes nothing', () => {
    const { run, written } = render(['--dry-run'], FULL);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('would write');
    expect(written('task-definitions')).toEqual([]);
  });
});
