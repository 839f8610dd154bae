import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PICTURES = path.join(__dirname, '..', 'public', 'assets');
const SCRIPT = path.join(__dirname, '..', 'scripts', 'draw-watches.mjs');
const NAMES = [
  'chrono_classic',
  'gentleman',
  'pocket_watch',
  'sample_product',
  'smart_1',
  'smart_2',
  'wood_watch',
];

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < jpeg.length) {
    const marker = jpeg.readUInt16BE(at);
    if (marker >= 0xffc0 && marker <= 0xffc2) {
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no start-of-frame segment');
}

describe('the committed pictures', () => {
  it('are exactly the SVG and JPEG of each product and the placeholder', () => {
    expect(readdirSync(PICTURES).sort()).toEqual(
      NAMES.flatMap((n) => [`${n}.jpg`, `${n}.svg`]).sort(),
    );
  });

  it('are what scripts/draw-watches.mjs draws today (SVG)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'assets-draw-'));
    try {
      execFileSync(process.execPath, [SCRIPT, '--svg-only', '--out', out], { stdio: 'ignore' });
      for (const name of NAMES) {
        expect(readFileSync(path.join(out, `${name}.svg`), 'utf8')).toBe(
          readFileSync(path.join(PICTURES, `${name}.svg`), 'utf8'),
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each(NAMES)('%s.jpg is a 600×600 JPEG', (name) => {
    const jpeg = readFileSync(path.join(PICTURES, `${name}.jpg`));
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpegSize(jpeg)).toEqual({ width: 600, height: 600 });
  });
});
