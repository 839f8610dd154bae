import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface DockerIgnore {
  /** True when the file or folder at this context-relative path is left out of the context. */
  excludes: (relativePath: string) => boolean;
  /** False when no `!` rule could bring back anything under this excluded folder. */
  mayReinclude: (folder: string) => boolean;
}

/**
 * Docker's .dockerignore rules: patterns apply from the context root, `*` and `?` stay within one
 * path segment, `**` spans any number, a pattern that matches a parent folder matches everything
 * in it, `!` re-includes, and the last matching pattern wins.
 */
export function dockerignore(text: string): DockerIgnore {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = path.posix.normalize((negated ? l.slice(1) : l).replace(/^\/+/, ''));
      return { negated, pattern, regex: toRegex(pattern) };
    });
  return {
    excludes: (relativePath) => {
      const parts = relativePath.split('/');
      const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
      let excluded = false;
      for (const rule of rules) {
        if (candidates.some((c) => rule.regex.test(c))) excluded = !rule.negated;
      }
      return excluded;
    },
    mayReinclude: (folder) =>
      rules.some(
        (r) => r.negated && (r.pattern.includes('*') || r.pattern.startsWith(`${folder}/`)),
      ),
  };
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more whole segments; a trailing `**` matches the rest.
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Every file the build context under `root` sends, relative to it, with its size in bytes. */
export function contextFiles(root: string): { file: string; size: number }[] {
  const rules = dockerignore(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
  const files: { file: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!rules.excludes(rel) || rules.mayReinclude(rel)) walk(rel);
      } else if (!rules.excludes(rel)) {
        files.push({ file: rel, size: statSync(path.join(root, rel)).size });
      }
    }
  };
  walk('');
  return files;
}
