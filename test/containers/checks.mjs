/** Named results, each printed as it is recorded. */
export class Checks {
  items = [];

  /** Records one result and returns `ok`, so a caller can stop at a failure the rest needs. */
  check(label, ok, detail = '') {
    const text = String(detail ?? '');
    this.items.push({ label, ok: Boolean(ok), detail: text });
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}${ok || !text ? '' : `: ${firstLine(text)}`}`);
    return Boolean(ok);
  }

  get failures() {
    return this.items.filter((c) => !c.ok);
  }

  /** `passed/total`, with FAIL when any failed. */
  get tally() {
    const passed = this.items.length - this.failures.length;
    return `${passed}/${this.items.length}${this.failures.length > 0 ? ' FAIL' : ''}`;
  }
}

const firstLine = (text) => text.trim().split('\n')[0].slice(0, 200);
