import Handlebars from 'handlebars';

/** A Handlebars instance with the few helpers the views use; `{{…}}` escapes as always. */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  // Prices are whole dollars written as the reference writes them (spec/ui.md §6): `$5100`.
  hbs.registerHelper('money', (value: unknown) => (typeof value === 'number' ? `$${value}` : ''));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // -1 marks a checkout amount the checkout service cannot compute yet.
  hbs.registerHelper('known', (value: unknown) => typeof value === 'number' && value >= 0);
  return hbs;
}
