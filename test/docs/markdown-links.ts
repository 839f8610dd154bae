import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Link {
  /** The Markdown file, relative to the root. */
  file: string;
  line: number;
  href: string;
}

export interface BrokenLink extends Link {
  why: string;
}

/** The Markdown files git would commit: tracked or new, not ignored (no node_modules, dist, tmp). */
export function markdownFiles(root: string): string[] {
  const listed = spawnSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '*.md'],
    { cwd: root, encoding: 'utf8' },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(root, file)))
    .sort();
}

/** Blanks code (fenced blocks and inline spans) so a link inside it is not read as one, keeping lines. */
const withoutCode = (text: string): string =>
  text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));

/** Inline links `[text](href "title")`, images included, and reference definitions `[id]: href`. */
export function linksIn(file: string, text: string): Link[] {
  const prose = withoutCode(text);
  const lineOf = (index: number) => prose.slice(0, index).split('\n').length;
  const links: Link[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    links.push({ file, line: lineOf(m.index), href: m[1] });
  }
  for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) {
    links.push({ file, line: lineOf(m.index), href: m[1] });
  }
  return links;
}

/** GitHub's anchors for a file's headings: lower case, punctuation dropped, spaces to hyphens. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of withoutCodeBlocks(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = m[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

const withoutCodeBlocks = (text: string): string =>
  text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/**
 * What is wrong with a link of a file under `root`: undefined when it is fine. Web and mail
 * addresses are not fetched; everything else must stay inside `root` and name a file or folder
 * that exists, and an anchor must name a heading of the Markdown file it points into.
 */
export function problemOf(root: string, link: Link): string | undefined {
  const { href } = link;
  if (/^(https?|mailto):/i.test(href)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return 'a scheme other than http(s) or mailto';
  const [target, anchor] = href.split('#', 2);
  const from = path.join(root, link.file);
  let file = from;
  if (target !== '') {
    if (path.isAbsolute(target)) return 'an absolute path';
    file = path.resolve(path.dirname(from), decodeURIComponent(target));
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return 'outside the repository';
    if (!existsSync(file)) return 'no such file';
  }
  if (anchor === undefined || anchor === '') return undefined;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return undefined;
  return anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())
    ? undefined
    : `no heading #${anchor}`;
}

export function brokenLinks(root: string, files: string[]): BrokenLink[] {
  return files.flatMap((file) =>
    linksIn(file, readFileSync(path.join(root, file), 'utf8')).flatMap((link) => {
      const why = problemOf(root, link);
      return why === undefined ? [] : [{ ...link, why }];
    }),
  );
}
