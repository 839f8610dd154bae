#!/usr/bin/env node
// Draws the store's product pictures: one SVG per catalog product plus the generic placeholder,
// written to services/assets/public/assets/<name>.svg, then rendered to <name>.jpg (600×600) with
// the system's chromium, because the UI re-sends every image it proxies as image/jpeg and the
// catalog's imageUrl values name .jpg files (spec/assets.md §8, spec/ui.md §8).
//
//   node services/assets/scripts/draw-watches.mjs             # SVG + JPEG
//   node services/assets/scripts/draw-watches.mjs --svg-only  # no chromium needed
//   ... --out <folder>                                        # elsewhere (tests compare)
//
// The outputs are committed, so the service needs no build step. Every shape is ours.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { 'svg-only': { type: 'boolean', default: false }, out: { type: 'string' } },
});
const OUT_DIR = path.resolve(
  args.out ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'assets'),
);
const SIZE = 600;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JPEG_QUALITY = 88;

const SERIF = "Georgia, 'Times New Roman', 'Liberation Serif', serif";
const SANS = "'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

// ---------------------------------------------------------------------------------------------
// Geometry and small SVG helpers. Angles are in degrees, clockwise from 12 o'clock.

const r2 = (n) => Math.round(n * 100) / 100;
const polar = (cx, cy, r, deg) => {
  const a = (deg * Math.PI) / 180;
  return [r2(cx + r * Math.sin(a)), r2(cy - r * Math.cos(a))];
};
const attrs = (a) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
const el = (tag, a, children) =>
  children === undefined ? `<${tag} ${attrs(a)}/>` : `<${tag} ${attrs(a)}>${children}</${tag}>`;

/** Hand positions for 10:10:35, the time watches are photographed at (the hands frame the dial). */
const TIME = { hour: (10 + 10 / 60) * 30, minute: 10 * 6 + 35 / 10, second: 35 * 6 };

const linear = (id, stops, { x1 = 0, y1 = 0, x2 = 1, y2 = 1 } = {}) =>
  el(
    'linearGradient',
    { id, x1, y1, x2, y2 },
    stops.map(([o, c]) => el('stop', { offset: o, 'stop-color': c })).join(''),
  );
const radial = (id, stops, { cx = 0.5, cy = 0.5, r = 0.5, fx, fy } = {}) =>
  el(
    'radialGradient',
    { id, cx, cy, r, fx, fy },
    stops
      .map(([o, c, op]) => el('stop', { offset: o, 'stop-color': c, 'stop-opacity': op }))
      .join(''),
  );

const STEEL = [
  [0, '#fbfcfd'],
  [0.35, '#c3c9d1'],
  [0.55, '#8b939e'],
  [0.75, '#dfe3e8'],
  [1, '#9aa2ad'],
];
const GOLD = [
  [0, '#fff3c4'],
  [0.3, '#e2bb5f'],
  [0.55, '#a77d27'],
  [0.8, '#f0d386'],
  [1, '#b58b34'],
];

/** Shared definitions: a soft drop shadow and the metals. */
const commonDefs = () =>
  [
    el(
      'filter',
      { id: 'shadow', x: '-20%', y: '-20%', width: '140%', height: '140%' },
      el('feDropShadow', {
        dx: 0,
        dy: 10,
        stdDeviation: 12,
        'flood-color': '#1d232c',
        'flood-opacity': 0.28,
      }),
    ),
    el(
      'filter',
      { id: 'soft', x: '-10%', y: '-10%', width: '120%', height: '120%' },
      el('feDropShadow', {
        dx: 0,
        dy: 2,
        stdDeviation: 2,
        'flood-color': '#000',
        'flood-opacity': 0.35,
      }),
    ),
    linear('steel', STEEL),
    linear('steelRev', STEEL, { x1: 1, y1: 0, x2: 0, y2: 1 }),
    linear('gold', GOLD),
    linear('goldRev', GOLD, { x1: 1, y1: 0, x2: 0, y2: 1 }),
    radial('glass', [
      [0, '#ffffff', 0.22],
      [0.6, '#ffffff', 0.04],
      [1, '#ffffff', 0],
    ]),
  ].join('');

/** A studio backdrop: a soft gradient with a lighter spot behind the watch. */
const backdrop = (light, dark) =>
  [
    el(
      'defs',
      {},
      radial(
        'backdrop',
        [
          [0, light],
          [1, dark],
        ],
        { cx: 0.5, cy: 0.42, r: 0.75 },
      ),
    ),
    el('rect', { width: SIZE, height: SIZE, fill: 'url(#backdrop)' }),
  ].join('');

/** `count` marks between radii r1 and r2, skipping every `skip`-th when given. */
const ticks = (cx, cy, r1, r2, count, style, skip = 0) =>
  Array.from({ length: count }, (_, i) => i)
    .filter((i) => !skip || i % skip !== 0)
    .map((i) => {
      const [x1, y1] = polar(cx, cy, r1, (i * 360) / count);
      const [x2, y2] = polar(cx, cy, r2, (i * 360) / count);
      return el('line', { x1, y1, x2, y2, ...style });
    })
    .join('');

/** A hand drawn pointing at 12 and rotated into place; `shape` is a path around (0,0). */
const hand = (cx, cy, deg, shape, style) =>
  el('path', { d: shape, transform: `translate(${cx} ${cy}) rotate(${r2(deg)})`, ...style });

/** A faceted dauphine hand: a dark and a light half, as polished steel reads on a pale dial. */
const dauphine = (cx, cy, deg, len, w) =>
  el(
    'g',
    { transform: `translate(${cx} ${cy}) rotate(${r2(deg)})`, filter: 'url(#soft)' },
    el('path', { d: `M0 ${-len} L${-w} 0 L0 ${r2(len * 0.12)} Z`, fill: '#3f4652' }) +
      el('path', { d: `M0 ${-len} L${w} 0 L0 ${r2(len * 0.12)} Z`, fill: '#aab1bc' }),
  );
const baton = (len, w, tail = 0) =>
  `M${-w} ${tail} L${-w} ${-len + w} L0 ${-len} L${w} ${-len + w} L${w} ${tail} Z`;
const needle = (len, tail) => `M-1.2 ${tail} L-0.8 ${-len} L0.8 ${-len} L1.2 ${tail} Z`;

const pin = (cx, cy, r, fill) => el('circle', { cx, cy, r, fill, filter: 'url(#soft)' });

/** Glass reflection over a round dial. */
const glare = (cx, cy, r) =>
  [
    el('circle', { cx, cy, r, fill: 'url(#glass)' }),
    el('path', {
      d: `M${cx - r * 0.85} ${cy - r * 0.2} A${r} ${r} 0 0 1 ${cx + r * 0.25} ${cy - r * 0.83} A${r * 1.25} ${r * 1.25} 0 0 0 ${cx - r * 0.85} ${cy - r * 0.2} Z`,
      fill: '#fff',
      opacity: 0.16,
    }),
  ].join('');

/** Fine radial lines that read as a sunburst finish. */
const sunburst = (cx, cy, r, color, opacity) =>
  el('g', { opacity }, ticks(cx, cy, r * 0.05, r, 180, { stroke: color, 'stroke-width': 1.4 }));

/** The winding crown at 3 o'clock (or at 12 for the pocket watch, via rotate). */
const crown = (x, y, w, h, fill) =>
  [
    el('rect', { x, y: y - h / 2, width: w, height: h, rx: 3, fill, filter: 'url(#soft)' }),
    ...Array.from({ length: Math.floor(h / 5) - 1 }, (_, i) =>
      el('line', {
        x1: x + 2,
        x2: x + w - 1,
        y1: y - h / 2 + 5 + i * 5,
        y2: y - h / 2 + 5 + i * 5,
        stroke: '#000',
        'stroke-opacity': 0.18,
      }),
    ),
  ].join('');

/** A leather strap from `y1` to `y2` with stitching; tapers from `w1` (at the case) to `w2`. */
const strap = ({ cx, y1, y2, w1, w2, fill, stitch, holes = 0 }) => {
  const d = `M${cx - w1 / 2} ${y1} L${cx - w2 / 2} ${y2} L${cx + w2 / 2} ${y2} L${cx + w1 / 2} ${y1} Z`;
  const inset = 7;
  const sx = (w) => w / 2 - inset;
  const stitching = stitch
    ? [
        el('line', {
          x1: cx - sx(w1),
          y1,
          x2: cx - sx(w2),
          y2,
          stroke: stitch,
          'stroke-width': 1.6,
          'stroke-dasharray': '6 5',
        }),
        el('line', {
          x1: cx + sx(w1),
          y1,
          x2: cx + sx(w2),
          y2,
          stroke: stitch,
          'stroke-width': 1.6,
          'stroke-dasharray': '6 5',
        }),
      ].join('')
    : '';
  const dir = Math.sign(y2 - y1);
  const holeMarks = Array.from({ length: holes }, (_, i) =>
    el('ellipse', { cx, cy: y1 + dir * (70 + i * 26), rx: 4, ry: 5, fill: '#000', opacity: 0.55 }),
  ).join('');
  return el('path', { d, fill }) + stitching + holeMarks;
};

/** Two lugs each side of the strap, above and below the case. */
const lugs = ({ cx, cy, r, gap, fill, len = 34, w = 16 }) =>
  [-1, 1]
    .flatMap((side) =>
      [-1, 1].map((vert) => {
        const x = cx + side * (gap / 2) + (side < 0 ? -w : 0);
        const y = vert < 0 ? cy - r - len + 18 : cy + r - 18;
        return el('rect', { x, y, width: w, height: len, rx: 6, fill });
      }),
    )
    .join('');

const svgDoc = (body, title) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img">` +
  `<title>${title}</title><defs>${commonDefs()}</defs>${body}</svg>\n`;

// ---------------------------------------------------------------------------------------------
// The products.

/** Gentleman: slim steel dress watch, silver sunburst dial, black leather strap. */
function gentleman() {
  const [cx, cy, R] = [300, 300, 142];
  const defs = el(
    'defs',
    {},
    linear(
      'leather',
      [
        [0, '#0c0c0e'],
        [0.5, '#2b2b30'],
        [1, '#0c0c0e'],
      ],
      { x1: 0, y1: 0, x2: 1, y2: 0 },
    ) +
      radial('dialSilver', [
        [0, '#fbfbfc'],
        [0.7, '#e2e5e9'],
        [1, '#c4c9d0'],
      ]),
  );
  const indices = Array.from({ length: 12 }, (_, i) => {
    const long = i % 3 === 0;
    const [x, y] = polar(cx, cy, R * 0.76, i * 30);
    const h = long ? 26 : 18;
    return el('rect', {
      x: x - (long ? 3 : 2),
      y: y - h / 2,
      width: long ? 6 : 4,
      height: h,
      rx: 1,
      fill: 'url(#steel)',
      stroke: '#6b7280',
      'stroke-width': 0.6,
      transform: `rotate(${i * 30} ${x} ${y})`,
    });
  }).join('');
  return svgDoc(
    [
      backdrop('#f7f8fa', '#d9dde3'),
      defs,
      el(
        'g',
        { filter: 'url(#shadow)' },
        strap({
          cx,
          y1: cy - R + 10,
          y2: -10,
          w1: 112,
          w2: 100,
          fill: 'url(#leather)',
          stitch: '#4a4a52',
        }) +
          strap({
            cx,
            y1: cy + R - 10,
            y2: 610,
            w1: 112,
            w2: 100,
            fill: 'url(#leather)',
            stitch: '#4a4a52',
            holes: 3,
          }) +
          lugs({ cx, cy, r: R, gap: 114, fill: 'url(#steelRev)' }) +
          crown(cx + R - 4, cy, 20, 30, 'url(#steel)') +
          el('circle', { cx, cy, r: R, fill: 'url(#steel)' }) +
          el('circle', { cx, cy, r: R - 9, fill: 'url(#steelRev)' }),
      ),
      el('circle', { cx, cy, r: R - 14, fill: 'url(#dialSilver)' }),
      sunburst(cx, cy, R - 14, '#ffffff', 0.35),
      ticks(cx, cy, R - 22, R - 27, 60, { stroke: '#6b7280', 'stroke-width': 1 }, 5),
      indices,
      el(
        'text',
        {
          x: cx,
          y: cy + 58,
          'text-anchor': 'middle',
          'font-family': SERIF,
          'font-size': 11,
          'letter-spacing': 3,
          fill: '#4b5563',
        },
        'AUTOMATIC',
      ),
      dauphine(cx, cy, TIME.hour, R * 0.5, 7),
      dauphine(cx, cy, TIME.minute, R * 0.78, 6),
      hand(cx, cy, TIME.second, needle(R * 0.8, 26), { fill: '#1e3a8a', filter: 'url(#soft)' }),
      pin(cx, cy, 5, '#1e3a8a'),
      glare(cx, cy, R - 14),
    ].join(''),
    'Gentleman: a slim steel dress watch with a silver sunburst dial on a black leather strap',
  );
}

/** Chain links along a cubic Bézier: alternating flat and edge-on rings. */
function chain(p0, p1, p2, p3, count, fill) {
  const at = (t) =>
    [0, 1].map(
      (k) =>
        (1 - t) ** 3 * p0[k] +
        3 * (1 - t) ** 2 * t * p1[k] +
        3 * (1 - t) * t ** 2 * p2[k] +
        t ** 3 * p3[k],
    );
  return Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    const [x, y] = at(t);
    const [nx, ny] = at(Math.min(1, t + 0.001));
    const [px, py] = at(Math.max(0, t - 0.001));
    const angle = (Math.atan2(ny - py, nx - px) * 180) / Math.PI;
    const flat = i % 2 === 0;
    return el('ellipse', {
      cx: r2(x),
      cy: r2(y),
      rx: 9,
      ry: flat ? 5.5 : 2.5,
      fill: flat ? 'none' : fill,
      stroke: fill,
      'stroke-width': flat ? 2.6 : 1,
      transform: `rotate(${r2(angle)} ${r2(x)} ${r2(y)})`,
    });
  }).join('');
}

/** Pocket Watch: brass hunter case, lid open on its hinge, white enamel face, Roman numerals, chain. */
function pocketWatch() {
  const [cx, cy, R] = [352, 338, 132];
  const defs = el(
    'defs',
    {},
    radial('enamel', [
      [0, '#ffffff'],
      [0.8, '#f8f5ee'],
      [1, '#e9e3d6'],
    ]) +
      radial(
        'lidInside',
        [
          [0, '#fff6d6'],
          [0.6, '#e6c46f'],
          [1, '#a8802d'],
        ],
        { cx: 0.45, cy: 0.4 },
      ),
  );
  const numerals = ['XII', 'I', 'II', 'III', 'IIII', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI']
    .map((n, i) => {
      const [x, y] = polar(cx, cy, R * 0.72, i * 30);
      return el(
        'text',
        {
          x,
          y: r2(y + 7),
          'text-anchor': 'middle',
          'font-family': SERIF,
          'font-size': 21,
          fill: '#1f2937',
          transform: `rotate(${i * 30} ${x} ${y})`,
        },
        n,
      );
    })
    .join('');
  // The lid, swung open on its hinge at 9 o'clock, seen at an angle; engraved rings inside.
  const lidCx = cx - R - 62;
  const lid = [
    el('ellipse', {
      cx: lidCx,
      cy,
      rx: 66,
      ry: R + 4,
      fill: 'url(#goldRev)',
      filter: 'url(#shadow)',
    }),
    el('ellipse', { cx: lidCx, cy, rx: 57, ry: R - 6, fill: 'url(#lidInside)' }),
    ...[0.8, 0.6, 0.4].map((k) =>
      el('ellipse', {
        cx: lidCx,
        cy,
        rx: r2(57 * k),
        ry: r2((R - 6) * k),
        fill: 'none',
        stroke: '#9c7a2c',
        'stroke-opacity': 0.45,
        'stroke-width': 1.2,
      }),
    ),
    el('rect', { x: cx - R - 16, y: cy - 22, width: 22, height: 44, rx: 6, fill: 'url(#gold)' }),
  ].join('');
  // Pendant and bow at 12 o'clock, where the chain is attached.
  const top = cy - R;
  const bow = [
    el('rect', { x: cx - 13, y: top - 34, width: 26, height: 30, rx: 5, fill: 'url(#gold)' }),
    el('ellipse', {
      cx,
      cy: top - 62,
      rx: 30,
      ry: 26,
      fill: 'none',
      stroke: 'url(#gold)',
      'stroke-width': 8,
    }),
  ].join('');
  return svgDoc(
    [
      backdrop('#fbf7ef', '#e6dccb'),
      defs,
      chain([cx, top - 88], [cx + 10, top - 190], [520, 40], [640, 150], 34, '#b58b34'),
      lid,
      el(
        'g',
        { filter: 'url(#shadow)' },
        bow + el('circle', { cx, cy, r: R + 10, fill: 'url(#gold)' }),
      ),
      el('circle', { cx, cy, r: R, fill: 'url(#goldRev)' }),
      el('circle', { cx, cy, r: R - 8, fill: 'url(#enamel)' }),
      ticks(cx, cy, R - 14, R - 22, 60, { stroke: '#1f2937', 'stroke-width': 1 }),
      el('circle', { cx, cy, r: R - 22, fill: 'none', stroke: '#1f2937', 'stroke-width': 0.8 }),
      numerals,
      // Small seconds at 6 o'clock.
      el('circle', {
        cx,
        cy: cy + R * 0.42,
        r: 24,
        fill: 'none',
        stroke: '#1f2937',
        'stroke-width': 0.8,
      }),
      ticks(cx, cy + R * 0.42, 19, 24, 12, { stroke: '#1f2937', 'stroke-width': 1 }),
      hand(cx, cy + R * 0.42, TIME.second, needle(19, 4), { fill: '#1f2937' }),
      hand(cx, cy, TIME.hour, 'M-4 12 L-3 -52 L0 -62 L3 -52 L4 12 Z', {
        fill: '#1f2937',
        filter: 'url(#soft)',
      }),
      hand(cx, cy, TIME.minute, 'M-3 14 L-2 -92 L0 -102 L2 -92 L3 14 Z', {
        fill: '#1f2937',
        filter: 'url(#soft)',
      }),
      el('circle', { cx, cy, r: 12, fill: 'none', stroke: '#1f2937', 'stroke-width': 3 }),
      pin(cx, cy, 4.5, '#b58b34'),
      glare(cx, cy, R - 8),
    ].join(''),
    'Pocket Watch: a brass hunter-case pocket watch on a chain, lid open over a white face with Roman numerals',
  );
}

/** One subdial of the chronograph: ring, ticks, a small hand. */
const subdial = (cx, cy, r, deg) =>
  [
    el('circle', { cx, cy, r, fill: '#0b1d47', stroke: 'url(#steel)', 'stroke-width': 3 }),
    el('circle', {
      cx,
      cy,
      r: r - 4,
      fill: 'none',
      stroke: '#ffffff',
      'stroke-opacity': 0.12,
      'stroke-width': 6,
    }),
    ticks(cx, cy, r - 8, r - 2, 30, { stroke: '#e5e7eb', 'stroke-width': 1 }),
    ticks(cx, cy, r - 11, r - 2, 6, { stroke: '#ffffff', 'stroke-width': 1.8 }),
    hand(cx, cy, deg, needle(r - 6, 5), { fill: '#f3f4f6' }),
    el('circle', { cx, cy, r: 2.5, fill: 'url(#steel)' }),
  ].join('');

/** Chronograf Classic: polished steel, tachymeter bezel, deep blue dial, three subdials, bracelet. */
function chronoClassic() {
  const [cx, cy, R] = [300, 300, 156];
  const defs = el(
    'defs',
    {},
    radial('blueDial', [
      [0, '#2d56b3'],
      [0.6, '#173a86'],
      [1, '#0a1f4e'],
    ]) +
      linear(
        'link',
        [
          [0, '#7d8591'],
          [0.25, '#eef1f4'],
          [0.5, '#b8bfc8'],
          [0.75, '#f3f5f7'],
          [1, '#7d8591'],
        ],
        { x1: 0, y1: 0, x2: 1, y2: 0 },
      ),
  );
  // Bracelet: rows of three links, outer ones brushed, centre polished.
  const row = (y) =>
    [
      el('rect', {
        x: cx - 62,
        y,
        width: 36,
        height: 28,
        rx: 4,
        fill: 'url(#link)',
        stroke: '#6b7280',
        'stroke-width': 0.8,
      }),
      el('rect', {
        x: cx - 24,
        y: y + 2,
        width: 48,
        height: 24,
        rx: 6,
        fill: 'url(#link)',
        stroke: '#6b7280',
        'stroke-width': 0.8,
      }),
      el('rect', {
        x: cx + 26,
        y,
        width: 36,
        height: 28,
        rx: 4,
        fill: 'url(#link)',
        stroke: '#6b7280',
        'stroke-width': 0.8,
      }),
    ].join('');
  // End links fill the gap between the lugs, so the bracelet meets the case.
  const endLink = (y) =>
    el('rect', {
      x: cx - 64,
      y,
      width: 128,
      height: 46,
      rx: 6,
      fill: 'url(#link)',
      stroke: '#6b7280',
      'stroke-width': 0.8,
    });
  const bracelet = [
    endLink(cy - R - 30),
    endLink(cy + R - 16),
    ...Array.from({ length: 6 }, (_, i) => row(cy - R - 14 - (i + 1) * 30)),
    ...Array.from({ length: 6 }, (_, i) => row(cy + R - 14 + i * 30)),
  ].join('');
  // Tachymeter scale: value v is read at v = 3600 / seconds, so it sits at seconds × 6 degrees.
  const tachy = [500, 400, 300, 250, 200, 150, 120, 100, 90, 80, 70]
    .map((v) => {
      const deg = (3600 / v) * 6;
      const [x, y] = polar(cx, cy, R - 14, deg);
      return el(
        'text',
        {
          x,
          y: r2(y + 3.5),
          'text-anchor': 'middle',
          'font-family': SANS,
          'font-size': 10,
          'font-weight': 'bold',
          fill: '#f3f4f6',
          transform: `rotate(${r2(deg)} ${x} ${y})`,
        },
        String(v),
      );
    })
    .join('');
  const pusher = (deg) => {
    const [x, y] = polar(cx, cy, R + 6, deg);
    return el('rect', {
      x: x - 7,
      y: y - 11,
      width: 20,
      height: 22,
      rx: 4,
      fill: 'url(#steel)',
      transform: `rotate(${deg - 90} ${x} ${y})`,
      filter: 'url(#soft)',
    });
  };
  const indices = Array.from({ length: 12 }, (_, i) => {
    if (i === 3 || i === 6 || i === 9) return '';
    const [x, y] = polar(cx, cy, R * 0.66, i * 30);
    const h = i === 0 ? 24 : 18;
    return el('rect', {
      x: x - (i === 0 ? 5 : 3),
      y: y - h / 2,
      width: i === 0 ? 10 : 6,
      height: h,
      rx: 1.5,
      fill: 'url(#steel)',
      transform: `rotate(${i * 30} ${x} ${y})`,
    });
  }).join('');
  return svgDoc(
    [
      backdrop('#f3f6fa', '#cfd7e2'),
      defs,
      el(
        'g',
        { filter: 'url(#shadow)' },
        bracelet +
          lugs({ cx, cy, r: R, gap: 126, fill: 'url(#steelRev)', len: 40, w: 18 }) +
          pusher(55) +
          pusher(125) +
          crown(cx + R - 2, cy, 22, 34, 'url(#steel)') +
          el('circle', { cx, cy, r: R, fill: 'url(#steel)' }),
      ),
      el('circle', { cx, cy, r: R - 5, fill: '#111827' }),
      ticks(cx, cy, R - 26, R - 22, 60, { stroke: '#9ca3af', 'stroke-width': 1 }),
      tachy,
      el('circle', { cx, cy, r: R - 28, fill: 'url(#steelRev)' }),
      el('circle', { cx, cy, r: R - 33, fill: 'url(#blueDial)' }),
      sunburst(cx, cy, R - 33, '#9fb8ff', 0.18),
      ticks(cx, cy, R - 40, R - 35, 60, { stroke: '#e5e7eb', 'stroke-width': 1 }, 5),
      ticks(cx, cy, R - 42, R - 35, 12, { stroke: '#ffffff', 'stroke-width': 2 }),
      indices,
      subdial(cx - 50, cy, 27, 220),
      subdial(cx + 50, cy, 27, 40),
      subdial(cx, cy + 52, 27, 130),
      el(
        'text',
        {
          x: cx,
          y: cy - 44,
          'text-anchor': 'middle',
          'font-family': SANS,
          'font-size': 10,
          'letter-spacing': 3,
          fill: '#e5e7eb',
        },
        'CHRONOGRAPH',
      ),
      hand(cx, cy, TIME.hour, baton(R * 0.5, 5, 14), {
        fill: 'url(#steel)',
        stroke: '#374151',
        'stroke-width': 0.6,
        filter: 'url(#soft)',
      }),
      hand(cx, cy, TIME.minute, baton(R * 0.8, 4, 16), {
        fill: 'url(#steelRev)',
        stroke: '#374151',
        'stroke-width': 0.6,
        filter: 'url(#soft)',
      }),
      hand(cx, cy, 0, needle(R * 0.86, 30), { fill: '#ef4444', filter: 'url(#soft)' }),
      pin(cx, cy, 6, '#ef4444'),
      glare(cx, cy, R - 28),
    ].join(''),
    'Chronograf Classic: a steel chronograph with a tachymeter bezel, a deep blue dial and three subdials',
  );
}

/** Wood Watch: light walnut case with grain, cream dial, woven strap. */
function woodWatch() {
  const [cx, cy, R] = [300, 300, 140];
  const defs = el(
    'defs',
    {},
    linear('walnut', [
      [0, '#d9a86c'],
      [0.45, '#b07a43'],
      [1, '#7c5128'],
    ]) +
      radial('cream', [
        [0, '#fffdf7'],
        [1, '#efe6d2'],
      ]) +
      el(
        'pattern',
        { id: 'weave', width: 16, height: 16, patternUnits: 'userSpaceOnUse' },
        [
          el('rect', { width: 16, height: 16, fill: '#2f4858' }),
          el('rect', { width: 8, height: 8, fill: '#3f6174' }),
          el('rect', { x: 8, y: 8, width: 8, height: 8, fill: '#3f6174' }),
          el('path', { d: 'M0 4 H8 M8 12 H16', stroke: '#557d92', 'stroke-width': 1 }),
          el('path', { d: 'M12 0 V8 M4 8 V16', stroke: '#24394a', 'stroke-width': 1 }),
        ].join(''),
      ) +
      el('clipPath', { id: 'caseClip' }, el('circle', { cx, cy, r: R })),
  );
  // Wood grain: wavy lines across the case, clipped to it.
  const grain = Array.from({ length: 22 }, (_, i) => {
    const y = cy - R + i * 13 + 4;
    const wobble = 5 + (i % 4) * 2;
    return el('path', {
      d: `M${cx - R} ${y} C${cx - 60} ${y - wobble} ${cx - 20} ${y + wobble} ${cx + 30} ${y} S${cx + 110} ${y - wobble} ${cx + R} ${y + 2}`,
      fill: 'none',
      stroke: i % 3 === 0 ? '#6b4421' : '#8a5a2e',
      'stroke-opacity': i % 3 === 0 ? 0.55 : 0.3,
      'stroke-width': i % 3 === 0 ? 1.6 : 1,
    });
  }).join('');
  const numerals = [
    [0, '12'],
    [90, '3'],
    [180, '6'],
    [270, '9'],
  ]
    .map(([deg, n]) => {
      const [x, y] = polar(cx, cy, R * 0.62, deg);
      return el(
        'text',
        {
          x,
          y: r2(y + 11),
          'text-anchor': 'middle',
          'font-family': SANS,
          'font-size': 32,
          'font-weight': 300,
          fill: '#3b2a1a',
        },
        n,
      );
    })
    .join('');
  const woodStrap = (y1, y2) =>
    strap({ cx, y1, y2, w1: 108, w2: 100, fill: 'url(#weave)', stitch: '#c9b38a', holes: 0 });
  return svgDoc(
    [
      backdrop('#f6f7f1', '#dfe3d5'),
      defs,
      el(
        'g',
        { filter: 'url(#shadow)' },
        woodStrap(cy - R + 10, -10) +
          woodStrap(cy + R - 10, 610) +
          lugs({ cx, cy, r: R, gap: 110, fill: 'url(#walnut)', len: 36, w: 20 }) +
          crown(cx + R - 4, cy, 18, 26, '#8a5a2e') +
          el('circle', { cx, cy, r: R, fill: 'url(#walnut)' }),
      ),
      el('g', { 'clip-path': 'url(#caseClip)' }, grain),
      el('circle', { cx, cy, r: R - 22, fill: '#5c3a1b', opacity: 0.35 }),
      el('circle', { cx, cy, r: R - 24, fill: 'url(#cream)' }),
      ticks(
        cx,
        cy,
        R - 32,
        R - 38,
        12,
        { stroke: '#3b2a1a', 'stroke-width': 2.2, 'stroke-linecap': 'round' },
        3,
      ),
      ticks(cx, cy, R - 32, R - 35, 60, { stroke: '#8b7355', 'stroke-width': 1 }, 5),
      numerals,
      hand(cx, cy, TIME.hour, baton(R * 0.42, 4, 12), { fill: '#2b1d10', filter: 'url(#soft)' }),
      hand(cx, cy, TIME.minute, baton(R * 0.68, 3, 14), { fill: '#2b1d10', filter: 'url(#soft)' }),
      hand(cx, cy, TIME.second, needle(R * 0.72, 22), { fill: '#c2410c' }),
      pin(cx, cy, 5, '#c2410c'),
      glare(cx, cy, R - 24),
    ].join(''),
    'Wood Watch: a light walnut watch with a cream dial on a woven strap',
  );
}

/** A heart shape centred on (x, y). */
const heart = (x, y, s, fill) =>
  el('path', {
    d: `M${x} ${y + s * 0.9} C${x - s * 1.6} ${y - s * 0.1} ${x - s * 0.8} ${y - s * 1.3} ${x} ${y - s * 0.45} C${x + s * 0.8} ${y - s * 1.3} ${x + s * 1.6} ${y - s * 0.1} ${x} ${y + s * 0.9} Z`,
    fill,
  });

/** An arc of an activity ring, `share` of a full turn, starting at 12. */
const ringArc = (cx, cy, r, share, color, width) => {
  const [x0, y0] = polar(cx, cy, r, 0);
  const [x1, y1] = polar(cx, cy, r, share * 359.9);
  return [
    el('circle', {
      cx,
      cy,
      r,
      fill: 'none',
      stroke: color,
      'stroke-opacity': 0.22,
      'stroke-width': width,
    }),
    el('path', {
      d: `M${x0} ${y0} A${r} ${r} 0 ${share > 0.5 ? 1 : 0} 1 ${x1} ${y1}`,
      fill: 'none',
      stroke: color,
      'stroke-width': width,
      'stroke-linecap': 'round',
    }),
  ].join('');
};

/** A silicone sport strap with pin-and-tuck holes. */
const sportStrap = (cx, y1, y2, w, fill, holes, firstHole = 60) => {
  const dir = Math.sign(y2 - y1);
  return (
    el('path', {
      d: `M${cx - w / 2} ${y1} L${cx - w / 2 + 4} ${y2} L${cx + w / 2 - 4} ${y2} L${cx + w / 2} ${y1} Z`,
      fill,
    }) +
    el('path', {
      d: `M${cx - w / 2 + 10} ${y1} L${cx - w / 2 + 12} ${y2}`,
      stroke: '#fff',
      'stroke-opacity': 0.06,
      'stroke-width': 8,
    }) +
    Array.from({ length: holes }, (_, i) =>
      el('circle', { cx, cy: y1 + dir * (firstHole + i * 24), r: 4.5, fill: '#000', opacity: 0.5 }),
    ).join('')
  );
};

/** Smart 3.0: round smartwatch with an always-on face: time, activity rings, heart rate, sleep. */
function smart1() {
  const [cx, cy, R] = [300, 300, 150];
  const defs = el(
    'defs',
    {},
    linear('graphite', [
      [0, '#6b7280'],
      [0.4, '#2f343b'],
      [0.7, '#1a1d22'],
      [1, '#4b5563'],
    ]) +
      linear(
        'silicone',
        [
          [0, '#191c22'],
          [0.5, '#30353e'],
          [1, '#191c22'],
        ],
        { x1: 0, y1: 0, x2: 1, y2: 0 },
      ) +
      radial('screen', [
        [0, '#10141c'],
        [1, '#020305'],
      ]),
  );
  const text = (x, y, size, fill, content, extra = {}) =>
    el(
      'text',
      { x, y, 'text-anchor': 'middle', 'font-family': SANS, 'font-size': size, fill, ...extra },
      content,
    );
  return svgDoc(
    [
      backdrop('#f5f4fa', '#d8d6e4'),
      defs,
      el(
        'g',
        { filter: 'url(#shadow)' },
        sportStrap(cx, cy - R + 20, -10, 118, 'url(#silicone)', 0) +
          sportStrap(cx, cy + R - 20, 610, 118, 'url(#silicone)', 3) +
          el('rect', {
            x: cx + R - 8,
            y: cy - 48,
            width: 18,
            height: 30,
            rx: 6,
            fill: 'url(#graphite)',
          }) +
          el('rect', {
            x: cx + R - 8,
            y: cy + 14,
            width: 14,
            height: 40,
            rx: 6,
            fill: 'url(#graphite)',
          }) +
          el('circle', { cx, cy, r: R, fill: 'url(#graphite)' }),
      ),
      el('circle', { cx, cy, r: R - 8, fill: '#000' }),
      el('circle', { cx, cy, r: R - 16, fill: 'url(#screen)' }),
      ringArc(cx, cy, R - 30, 0.78, '#f43f5e', 11),
      ringArc(cx, cy, R - 45, 0.62, '#a3e635', 11),
      ringArc(cx, cy, R - 60, 0.9, '#22d3ee', 11),
      text(cx, cy - 30, 15, '#9ca3af', 'TUE 14', { 'letter-spacing': 2 }),
      text(cx, cy + 22, 58, '#f9fafb', '10:09', { 'font-weight': 300 }),
      heart(cx - 34, cy + 50, 7, '#f43f5e'),
      text(cx - 6, cy + 57, 19, '#f9fafb', '72', { 'font-weight': 'bold' }),
      text(cx + 28, cy + 57, 11, '#9ca3af', 'BPM'),
      text(cx, cy + 82, 12, '#a5b4fc', '☾ 7h 42m'),
      glare(cx, cy, R - 8),
    ].join(''),
    'Smart 3.0: a round smartwatch whose always-on display shows the time, activity rings, heart rate and sleep',
  );
}

/** FitnessX: slim fitness band with a pill-shaped display showing steps and heart rate. */
function smart2() {
  const [cx, cy] = [300, 300];
  const [w, h] = [112, 250];
  const defs = el(
    'defs',
    {},
    linear(
      'band',
      [
        [0, '#0d9488'],
        [0.5, '#2dd4bf'],
        [1, '#0d9488'],
      ],
      { x1: 0, y1: 0, x2: 1, y2: 0 },
    ) +
      linear(
        'pod',
        [
          [0, '#374151'],
          [0.5, '#111827'],
          [1, '#374151'],
        ],
        { x1: 0, y1: 0, x2: 1, y2: 0 },
      ) +
      linear(
        'bar',
        [
          [0, '#2dd4bf'],
          [1, '#a3e635'],
        ],
        { x1: 0, y1: 0, x2: 1, y2: 0 },
      ),
  );
  const text = (x, y, size, fill, content, extra = {}) =>
    el(
      'text',
      { x, y, 'text-anchor': 'middle', 'font-family': SANS, 'font-size': size, fill, ...extra },
      content,
    );
  // A footprint pair, the step icon.
  const foot = (x, y) =>
    el('ellipse', { cx: x, cy: y, rx: 4.5, ry: 7.5, fill: '#2dd4bf' }) +
    el('ellipse', { cx: x + 11, cy: y - 6, rx: 4.5, ry: 7.5, fill: '#2dd4bf' });
  const [sx, sy, sw, sh] = [cx - w / 2 + 12, cy - h / 2 + 14, w - 24, h - 28];
  return svgDoc(
    [
      backdrop('#f1f8f6', '#cfe3de'),
      defs,
      el(
        'g',
        { filter: 'url(#shadow)' },
        sportStrap(cx, cy - 40, -10, 96, 'url(#band)', 0) +
          sportStrap(cx, cy + 40, 610, 96, 'url(#band)', 4, h / 2 + 10) +
          el('rect', {
            x: cx - w / 2,
            y: cy - h / 2,
            width: w,
            height: h,
            rx: w / 2,
            fill: 'url(#pod)',
          }),
      ),
      el('rect', { x: sx, y: sy, width: sw, height: sh, rx: sw / 2, fill: '#000' }),
      text(cx, sy + 46, 26, '#f9fafb', '10:09', { 'font-weight': 300 }),
      foot(cx - 8, sy + 86),
      text(cx, sy + 128, 24, '#f9fafb', '8,432', { 'font-weight': 'bold' }),
      text(cx, sy + 144, 9, '#9ca3af', 'STEPS', { 'letter-spacing': 2 }),
      el('rect', { x: cx - 30, y: sy + 154, width: 60, height: 5, rx: 2.5, fill: '#374151' }),
      el('rect', { x: cx - 30, y: sy + 154, width: 48, height: 5, rx: 2.5, fill: 'url(#bar)' }),
      heart(cx - 14, sy + 180, 5.5, '#f43f5e'),
      text(cx + 8, sy + 186, 15, '#f9fafb', '68'),
      el('rect', {
        x: cx - w / 2 + 6,
        y: cy - h / 2 + 6,
        width: 20,
        height: h - 12,
        rx: 10,
        fill: '#fff',
        opacity: 0.07,
      }),
    ].join(''),
    'FitnessX: a slim fitness band whose display shows the time, steps and heart rate',
  );
}

/** The UI's generic product picture: a quiet outline watch, for products without their own. */
function sampleProduct() {
  const [cx, cy, R] = [300, 300, 110];
  const line = {
    fill: 'none',
    stroke: '#9ca3af',
    'stroke-width': 10,
    'stroke-linejoin': 'round',
    'stroke-linecap': 'round',
  };
  return svgDoc(
    [
      backdrop('#f9fafb', '#e5e7eb'),
      el('path', {
        d: `M${cx - 55} ${cy - R + 8} L${cx - 45} ${cy - R - 110} L${cx + 45} ${cy - R - 110} L${cx + 55} ${cy - R + 8}`,
        ...line,
      }),
      el('path', {
        d: `M${cx - 55} ${cy + R - 8} L${cx - 45} ${cy + R + 110} L${cx + 45} ${cy + R + 110} L${cx + 55} ${cy + R - 8}`,
        ...line,
      }),
      el('rect', { x: cx + R - 2, y: cy - 16, width: 22, height: 32, rx: 6, ...line }),
      el('circle', { cx, cy, r: R, ...line, fill: '#f3f4f6' }),
      ticks(cx, cy, R - 26, R - 16, 12, {
        stroke: '#9ca3af',
        'stroke-width': 6,
        'stroke-linecap': 'round',
      }),
      hand(cx, cy, TIME.hour, 'M0 0 L0 -48', { ...line, 'stroke-width': 9 }),
      hand(cx, cy, TIME.minute, 'M0 0 L0 -72', { ...line, 'stroke-width': 7 }),
      el('circle', { cx, cy, r: 8, fill: '#9ca3af' }),
    ].join(''),
    'Product picture',
  );
}

const PICTURES = {
  gentleman,
  pocket_watch: pocketWatch,
  chrono_classic: chronoClassic,
  wood_watch: woodWatch,
  smart_1: smart1,
  smart_2: smart2,
  sample_product: sampleProduct,
};

// ---------------------------------------------------------------------------------------------

async function renderJpegs(svgs) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    for (const [name, svg] of Object.entries(svgs)) {
      await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const jpeg = await page.screenshot({ type: 'jpeg', quality: JPEG_QUALITY });
      await writeFile(path.join(OUT_DIR, `${name}.jpg`), jpeg);
    }
  } finally {
    await browser.close();
  }
}

await mkdir(OUT_DIR, { recursive: true });
const svgs = Object.fromEntries(Object.entries(PICTURES).map(([name, draw]) => [name, draw()]));
for (const [name, svg] of Object.entries(svgs)) {
  await writeFile(path.join(OUT_DIR, `${name}.svg`), svg);
}
if (!args['svg-only']) await renderJpegs(svgs);
console.log(
  `drew ${Object.keys(svgs).length} pictures into ${path.relative(process.cwd(), OUT_DIR)}`,
);
