import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(__dirname, '../../..');

/** The output tools/build.mjs printed for services whose build failed in the global setup. */
export function buildError(name: string): string | undefined {
  const errors = JSON.parse(process.env.RETAIL_BUILD_ERRORS ?? '{}') as Record<string, string>;
  return errors[name];
}

export const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });

/**
 * An offset that puts every port of `ports` on a free port, so suites never meet a real store.
 * The ports stay below the kernel's ephemeral range: there, a port found free can be taken by
 * the local end of some other test's outgoing connection before the service listens on it.
 */
export async function freeOffset(ports: number[]): Promise<number> {
  const span = Math.max(1, ephemeralLow() - 1 - Math.max(...ports) - 10_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 10_000 + Math.floor(Math.random() * span);
    const free = await Promise.all(ports.map((p) => portFree(p + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error('no free port range found');
}

function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
  } catch {
    return 32_768; // Linux's default
  }
}

/** Status and body of GET http://127.0.0.1:<port><path>, or the connection error. */
export async function get(
  port: number,
  urlPath: string,
): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.text() };
}

/** Ids of the processes running a built service with PORT=<port> in their environment. */
export function serviceProcessesOn(port: number): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/main\.js/.test(cmdline)) continue;
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environ.includes(`PORT=${port}`)) found.push(Number(pid));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** A process's arguments (node's flags included) and environment, from /proc. */
export function commandOf(pid: number): { args: string[]; env: Record<string, string> } {
  const read = (file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0');
  const env = read('environ').map((entry) => {
    const at = entry.indexOf('=');
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
  return { args: read('cmdline').filter(Boolean), env: Object.fromEntries(env) };
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
