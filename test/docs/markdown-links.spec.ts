import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anchorsOf, brokenLinks, linksIn, markdownFiles } from './markdown-links';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** A folder holding `files` (path → text), as the root of a repository would. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'md-links-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('the Markdown links of the repository', () => {
  const files = markdownFiles(REPO_ROOT);

  it('covers the READMEs, the docs and the deploy guide', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'CONTRIBUTING.md',
        'docs/architecture.md',
        'docs/compatibility.md',
        'deploy/ecs/README.md',
        'deploy/ecs/README.pt-BR.md',
        'services/catalog/README.md',
      ]),
    );
    expect(files.some((file) => file.startsWith('node_modules/'))).toBe(false);
  });

  it('all point at a file or heading inside the repository', () => {
    const broken = brokenLinks(REPO_ROOT, files).map(
      ({ file, line, href, why }) => `${file}:${line} ${href}: ${why}`,
    );
    expect(broken).toEqual([]);
  });
});

describe('the link check', () => {
  const root = tree({
    'README.md': [
      '# Store',
      '## Two commands',
      'See [docs](docs/guide.md#running-it), [top](#store), [dir](docs) and [web](https://example.com).',
      'Not a link: `[x](nowhere.md)`',
      '```',
      '[y](nowhere-either.md)',
      '```',
      '[ref]: docs/guide.md',
    ].join('\n'),
    'docs/guide.md': '# Guide\n\n## Running it\n\n[back](../README.md#two-commands)\n',
    'docs/bad.md': [
      '[gone](missing.md)',
      '[out](../../shared/DESIGN.md)',
      '[abs](/etc/hosts)',
      '[heading](guide.md#no-such-part)',
      '[file](file:///etc/hosts)',
      '[ref]: ../nowhere.md',
    ].join('\n'),
  });

  it('passes links to files, folders and headings that exist, and skips code', () => {
    expect(brokenLinks(root, ['README.md', 'docs/guide.md'])).toEqual([]);
    expect(linksIn('README.md', `x \`[a](b.md)\` y`)).toEqual([]);
  });

  it('names every broken link with its line and why', () => {
    expect(
      brokenLinks(root, ['docs/bad.md']).map(({ line, href, why }) => [line, href, why]),
    ).toEqual([
      [1, 'missing.md', 'no such file'],
      [2, '../../shared/DESIGN.md', 'outside the repository'],
      [3, '/etc/hosts', 'an absolute path'],
      [4, 'guide.md#no-such-part', 'no heading #no-such-part'],
      [5, 'file:///etc/hosts', 'a scheme other than http(s) or mailto'],
      [6, '../nowhere.md', 'no such file'],
    ]);
  });

  it("makes GitHub's anchors, numbering repeated headings", () => {
    expect([
      ...anchorsOf('# The `retail` store: on ECS!\n## 4.3 ECS Exec\n## Notes\n## Notes\n'),
    ]).toEqual(['the-retail-store-on-ecs', '43-ecs-exec', 'notes', 'notes-1']);
  });
});
