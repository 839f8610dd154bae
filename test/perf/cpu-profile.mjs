// Reading V8 CPU profiles (`node --cpu-prof`) for the benchmarks: self time by npm package, by
// node's internals, by the service's own bundle, GC and native code.
import { readFileSync } from 'node:fs';

/** Now on the monotonic clock, in µs: the clock of a profile's own timestamps. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Which package a profile node's code belongs to. */
function packageOf({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(program)') return '(program: native, outside JS)';
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:')) return 'node (internals)';
  if (url.includes('/dist/services/')) return 'service bundle (main.js)';
  return url;
}

/**
 * Self time per package as a share of busy time (idle left out), biggest first; only the samples
 * between `fromUs` and `toUs` (the monotonic clock, as the profile's own timestamps) when given,
 * so that start-up and shutdown do not count.
 */
export function summariseProfile(file, fromUs = -Infinity, toUs = Infinity) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += timeDeltas[i];
    const delta = timeDeltas[i + 1] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const node = byId.get(samples[i]);
    selfUs.set(node, (selfUs.get(node) ?? 0) + delta);
  }
  const byPackage = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const [node, us] of selfUs) {
    if (node.callFrame.functionName === '(idle)') continue;
    busy += us;
    const pkg = packageOf(node.callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${pkg}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { busyMs: busy / 1000, packages: sorted(byPackage), functions: sorted(byFunction) };
}

/** Markdown: the `top` packages and functions by self time. */
export function printProfile({ busyMs, packages, functions }, top = 15) {
  const pct = (us) => `${((100 * us) / 1000 / busyMs).toFixed(1)} %`;
  console.log('');
  console.log(`Self time as a share of the ${Math.round(busyMs)} ms of busy samples:`);
  console.log('');
  console.log('| package | self time |');
  console.log('|---|---|');
  for (const [pkg, us] of packages.slice(0, top)) console.log(`| ${pkg} | ${pct(us)} |`);
  console.log('');
  console.log('| function (package) | self time |');
  console.log('|---|---|');
  for (const [fn, us] of functions.slice(0, top)) console.log(`| ${fn} | ${pct(us)} |`);
}
