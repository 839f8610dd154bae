import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder of views, CSS and the bundled picture: `public/` beside the built main.js
 * (dist/services/ui/public, copied by the build), or services/ui/public when run from source
 * (tests), two levels above this file.
 */
export function publicDir(): string {
  const candidates = [path.join(__dirname, 'public'), path.join(__dirname, '..', '..', 'public')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'views', 'layout.tmpl')));
  if (!found) throw new Error(`ui: no public/views folder in ${candidates.join(' or ')}`);
  return found;
}
