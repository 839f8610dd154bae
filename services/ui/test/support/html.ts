// Small readers for the rendered HTML: the pages are ours, so attribute order and quoting are known.

/** How many elements have `name` among their classes. */
export function countClass(html: string, name: string): number {
  return [...html.matchAll(/class="([^"]*)"/g)].filter((m) => m[1].split(/\s+/).includes(name))
    .length;
}

/** The text directly inside the element with this id (no nested tags). */
export function textById(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

/** The texts directly inside every element that has class `name`, in page order. */
export function textsByClass(html: string, name: string): string[] {
  return [...html.matchAll(/class="([^"]*)"[^>]*>([^<]*)</g)]
    .filter((m) => m[1].split(/\s+/).includes(name))
    .map((m) => m[2].trim());
}

/** Every href of anchors with class `name`. */
export function hrefsByClass(html: string, name: string): string[] {
  return [...html.matchAll(/<a class="([^"]*)" href="([^"]*)"/g)]
    .filter((m) => m[1].split(/\s+/).includes(name))
    .map((m) => decode(m[2]));
}

/** The value attribute of the input named `name`. */
export function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}

/** The cart badge's text in the navbar. */
export function badge(html: string): string | undefined {
  return /class="badge"[^>]*>([^<]*)</.exec(html)?.[1];
}

/** Undoes Handlebars' attribute escaping (`&amp;`, `&#x3D;`). */
export function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
