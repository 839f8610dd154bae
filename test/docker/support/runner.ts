import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { root } from './processes';

export interface TableRow {
  url: string;
  backend: string;
  calls: string;
  pid: number;
  state: string;
}

/** `node tools/start.mjs …` as `npm start -- …` runs it, with its output collected. */
export class Runner {
  readonly process: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly exit: Promise<[number | null, string | null]>;

  /** `viaShell` starts it under `sh -c`, as npm does, so `process` is the shell. */
  constructor(args: string[], env: Record<string, string> = {}, viaShell = false) {
    const command = [process.execPath, 'tools/start.mjs', ...args];
    const [file, ...argv] = viaShell ? ['sh', '-c', command.join(' ')] : command;
    this.process = spawn(file, argv, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.process.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exit = once(this.process, 'exit') as Promise<[number | null, string | null]>;
  }

  /** Resolves once stdout matches, or rejects with everything printed so far. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (this.process.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `no ${String(pattern)} (exit ${this.process.exitCode}):\n${this.stdout}\n${this.stderr}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Exit code (or signal) once the runner has ended, within `timeoutMs`. */
  async exited(timeoutMs: number): Promise<{ code: number | null; signal: string | null }> {
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    const [code, signal] = await this.exit;
    clearTimeout(timer);
    return { code, signal };
  }

  /** The rows of the table printed once every service is healthy, by service name. */
  table(): Map<string, TableRow> {
    const rows = new Map<string, TableRow>();
    const lines = this.stdout.split('\n').map((l) => l.replace(/^start\s+\| /, ''));
    const header = lines.findIndex((l) =>
      /^service\s+url\s+health\s+backend\s+calls\s+pid\s+state$/.test(l),
    );
    if (header === -1) return rows;
    for (const line of lines.slice(header + 1)) {
      if (line.trim() === '') break;
      // Columns are two or more spaces apart; no cell holds two spaces in a row.
      const [name, url, , backend, calls, pid, state] = line.split(/\s{2,}/);
      rows.set(name, { url, backend, calls, pid: Number(pid), state });
    }
    return rows;
  }
}
