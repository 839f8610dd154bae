/** One answer of the UI, body read as text. */
export interface Page {
  status: number;
  headers: Headers;
  html: string;
}

/**
 * A visitor of the storefront over plain HTTP, the way a browser with cookies and no
 * JavaScript uses it: keeps the SESSIONID cookie it is given, posts url-encoded forms, does not
 * follow redirects (the tests assert them).
 */
export class Shopper {
  private cookie?: string;

  constructor(private readonly baseUrl: string) {}

  /** The customer id carts and checkout know this visitor by. */
  get sessionId(): string {
    if (!this.cookie) throw new Error('no SESSIONID cookie yet');
    return this.cookie.split('=')[1];
  }

  get(path: string): Promise<Page> {
    return this.send('GET', path);
  }

  post(path: string, form: Record<string, string> = {}): Promise<Page> {
    return this.send('POST', path, new URLSearchParams(form).toString());
  }

  private async send(method: string, path: string, body?: string): Promise<Page> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    const session = res.headers
      .getSetCookie()
      .map((c) => /^SESSIONID=[^;]+/.exec(c)?.[0])
      .find((c) => c !== undefined);
    if (session) this.cookie = session;
    return { status: res.status, headers: res.headers, html: await res.text() };
  }
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
};

/** The text of HTML with its tags removed and Handlebars' entities decoded, spaces collapsed. */
export const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g, (e) => ENTITIES[e])
    .replace(/\s+/g, ' ')
    .trim();

/** The inner HTML of every element whose opening tag carries `class` (non-nested elements only). */
export function elementsWithClass(html: string, className: string): string[] {
  const pattern = new RegExp(
    `<(\\w+)[^>]*class="(?:[^"]* )?${className}(?: [^"]*)?"[^>]*>([\\s\\S]*?)</\\1>`,
    'g',
  );
  return [...html.matchAll(pattern)].map((m) => m[2]);
}

/** The text of the element with this id, or undefined. */
export function textById(html: string, id: string): string | undefined {
  const match = new RegExp(`<(\\w+)[^>]*id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return match ? textOf(match[2]) : undefined;
}
