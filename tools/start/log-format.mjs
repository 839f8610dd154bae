// Turns the services' JSON log lines (pino: level, time, service, msg, fields) into one short
// readable line each, for a terminal that shows six services at once.

const LEVEL_NAMES = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLORS = { trace: 90, debug: 90, info: 32, warn: 33, error: 31, fatal: 35 };
const SERVICE_COLORS = [36, 35, 34, 33, 32, 96, 95];
// Fields already shown elsewhere in the line (the prefix carries the service name).
const SHOWN = new Set(['level', 'time', 'service', 'msg', 'context', 'pid', 'hostname', 'err']);
// Nest's per-module and per-route start-up lines: a dozen per service, hidden unless --verbose.
const BOOT_NOISE = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

const paint = (on, code, text) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** The coloured, padded `name |` that starts every line of one service. */
export function prefixFor(name, index, width, color) {
  return `${paint(color, SERVICE_COLORS[index % SERVICE_COLORS.length], name.padEnd(width))} | `;
}

/** HH:MM:SS.mmm in the terminal's time zone. */
function localTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function scalar(value) {
  if (typeof value === 'string') return /^[^\s="]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * The display lines for one raw output line, or [] when it is hidden. Lines that are not JSON
 * objects (a crash trace, a config error) are shown as they are.
 */
export function formatLogLine(raw, { color = false, verbose = false } = {}) {
  let entry;
  try {
    entry = JSON.parse(raw);
  } catch {
    return [raw];
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return [raw];

  const level = typeof entry.level === 'number' ? LEVEL_NAMES[entry.level] : String(entry.level);
  if (!verbose && level === 'info' && BOOT_NOISE.has(entry.context)) return [];

  const time = typeof entry.time === 'string' ? localTime(entry.time) : '';
  const parts = [
    time,
    paint(color, LEVEL_COLORS[level] ?? 0, (level ?? '').toUpperCase().padEnd(5)),
  ];
  if (entry.context) parts.push(`[${entry.context}]`);

  const isRequest =
    entry.msg === 'request' && entry.method && entry.path && entry.status !== undefined;
  if (isRequest) {
    parts.push(`${entry.method} ${entry.path} ${entry.status} ${entry.durationMs ?? '?'} ms`);
  } else if (entry.msg !== undefined) {
    parts.push(String(entry.msg));
  }
  const skip = isRequest ? new Set(['method', 'path', 'status', 'durationMs', 'route']) : new Set();
  for (const [key, value] of Object.entries(entry)) {
    if (!SHOWN.has(key) && !skip.has(key)) parts.push(`${key}=${scalar(value)}`);
  }

  const lines = [parts.filter(Boolean).join(' ')];
  if (entry.err !== undefined) {
    const err = entry.err;
    const stack = typeof err === 'object' && err !== null ? (err.stack ?? err.message) : err;
    lines.push(...String(stack).split('\n'));
  }
  return lines;
}
