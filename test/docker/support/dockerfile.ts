/** One Dockerfile instruction: `COPY --from=build a b` → { keyword: 'COPY', flags: { from: 'build' }, args: ['a', 'b'] }. */
export interface Instruction {
  keyword: string;
  flags: Record<string, string>;
  /** The words after the flags; for an exec-form (JSON array) instruction, the array's items. */
  args: string[];
  /** The text after the keyword and its flags, continuation lines joined. */
  raw: string;
  execForm: boolean;
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full !== '') logical.push(full);
  }

  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = parseInstruction(keyword.toUpperCase(), rest);
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args;
      stages.push({
        from: image,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else {
      if (stages.length === 0) throw new Error(`${instruction.keyword} before any FROM`);
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function parseInstruction(keyword: string, raw: string): Instruction {
  const flags: Record<string, string> = {};
  let rest = raw;
  for (
    let m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
    m;
    m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)
  ) {
    flags[m[1]] = m[2] ?? 'true';
    rest = rest.slice(m[0].length);
  }
  if (rest.startsWith('[')) {
    const parsed: unknown = JSON.parse(rest);
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) {
      throw new Error(`${keyword}: exec form must be an array of strings`);
    }
    return { keyword, flags, args: parsed, raw: rest, execForm: true };
  }
  return { keyword, flags, args: rest.split(/\s+/).filter(Boolean), raw: rest, execForm: false };
}
