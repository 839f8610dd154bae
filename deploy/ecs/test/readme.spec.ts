import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { probeAwsCli, rejected, validateAwsGroups, type Validation } from './support/aws-validate';
import { jsonFiles } from './support/files';
import { ACCOUNT_ID, REGION, runScript, stackVariables } from './support/scripts';
import { describeWithTool, ECS_DIR, SCRIPTS_DIR, tempDir } from './support/tools';

const READMES = ['README.md', 'README.pt-BR.md'];
const text = (readme: string): string => readFileSync(path.join(ECS_DIR, readme), 'utf8');

/** The lines of the ```bash blocks, with backslash continuations joined. */
const commandLines = (readme: string): string[] =>
  [...text(readme).matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
const awsLines = (readme: string): string[] =>
  commandLines(readme).filter((line) => /^(export \w+=\$\()?aws /.test(line));
const scriptLines = (readme: string): string[] =>
  commandLines(readme).filter((line) => line.startsWith('deploy/ecs/scripts/'));

describe.each(READMES)('%s', (readme) => {
  it('gives the same commands in both languages', () => {
    expect(commandLines(readme)).toEqual(commandLines('README.md'));
  });

  it('lists every script and every task definition template', () => {
    for (const script of readdirSync(SCRIPTS_DIR).filter((name) => name.endsWith('.sh'))) {
      expect(text(readme)).toContain(`\`scripts/${script}\``);
    }
    const listed = /`task-definitions\/\*\.json`[^|]*\|([^\n]*)/.exec(text(readme))?.[1] ?? '';
    const names = [...listed.matchAll(/`([\w-]+)`/g)].map((m) => m[1]).sort();
    expect(names).toEqual(jsonFiles('task-definitions').sort());
  });

  it('names only files and folders that exist', () => {
    const paths = [
      ...text(readme).matchAll(
        /`((?:task-definitions|service-connect|autoscaling|stack|scripts)\/[^`]*)`/g,
      ),
    ].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(5);
    for (const file of paths) {
      const resolved = path.join(ECS_DIR, file.replace(/\/\*\.json$/, ''));
      expect([file, existsSync(resolved)]).toEqual([file, true]);
    }
  });

  it('runs the scripts only with options they have', () => {
    const lines = scriptLines(readme);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const [command, ...args] = line.split(' ');
      const help = runScript(path.basename(command), ['--help']).stdout;
      for (const option of args.filter((arg) => arg.startsWith('--'))) {
        expect([line, help.includes(`${option} `) || help.includes(`${option}\n`)]).toEqual([
          line,
          true,
        ]);
      }
    }
  });

  it('tells which packages the checks without AWS need', () => {
    expect(text(readme)).toContain('apt-get install -y awscli shellcheck');
  });
});

describe('README.pt-BR.md', () => {
  /** The prose: without code blocks and inline code, where English names must stay. */
  const prose = text('README.pt-BR.md')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`]*`/g, '')
    .replace(/\s+/g, ' ');

  it("uses the workshop's Portuguese terms for ECS, not the English ones", () => {
    for (const term of [
      'definição de tarefa',
      'grupo de destino',
      'balanceador de carga',
      'verificação de integridade',
      'grupos de segurança',
      'perfil de tarefa',
    ]) {
      expect([term, prose.includes(term)]).toEqual([term, true]);
    }
    for (const english of [
      /task definition/i,
      /target group/i,
      /load balancer/i,
      /health check/i,
      /security group/i,
    ]) {
      expect(prose.match(english)).toBeNull();
    }
  });

  it('has no calques of English', () => {
    expect(prose).not.toMatch(/primeira partida|assume o seu/);
  });
});

describeWithTool(
  probeAwsCli(),
  'the README commands, through the AWS CLI (parameter validation only)',
  () => {
    // The commands run from the repository root: give them its deploy/ecs paths, rendered.
    const root = tempDir('root');
    mkdirSync(path.join(root, 'deploy/ecs'), { recursive: true });
    symlinkSync(
      path.join(ECS_DIR, 'service-connect'),
      path.join(root, 'deploy/ecs/service-connect'),
    );
    const env = {
      ...stackVariables(true),
      ECS_EXEC_TASK_ARN: `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task/retail-store-ecs-cluster/0123456789abcdef0123456789abcdef`,
    };
    const render = runScript(
      'render-task-definitions.sh',
      ['--out-dir', path.join(root, 'deploy/ecs/rendered')],
      { env },
    );

    let results: Record<string, Validation[]>;
    beforeAll(async () => {
      const groups = Object.fromEntries(READMES.map((readme) => [readme, awsLines(readme)]));
      results = await validateAwsGroups(groups, { env, cwd: root });
    }, 120_000);

    it.each(READMES)('every aws command of %s passes', (readme) => {
      expect(render.status).toBe(0);
      expect(awsLines(readme).length).toBeGreaterThan(25);
      // More calls than lines: some lines nest $(aws ...).
      expect(results[readme].length).toBeGreaterThan(awsLines(readme).length);
      expect(rejected(results[readme])).toEqual([]);
    });
  },
);
