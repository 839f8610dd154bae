import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/**
 * A Handlebars instance with the views' helpers and every `<partialsDir>/<name>.tmpl` as a
 * partial; `{{…}}` escapes as always. Partials are registered compiled: given as text,
 * Handlebars would compile them again on every render.
 */
export function createHandlebars(partialsDir: string): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.tmpl'))) {
    const source = readFileSync(path.join(partialsDir, file), 'utf8');
    hbs.registerPartial(path.basename(file, '.tmpl'), hbs.compile(source));
  }
  // Prices are whole dollars written as the reference writes them (spec/ui.md §6): `$5100`.
  hbs.registerHelper('money', (value: unknown) => (typeof value === 'number' ? `$${value}` : ''));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // -1 marks a checkout amount the checkout service cannot compute yet.
  hbs.registerHelper('known', (value: unknown) => typeof value === 'number' && value >= 0);
  return hbs;
}
