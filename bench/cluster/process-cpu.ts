import { readdirSync, readFileSync } from 'node:fs';

// CPU time of a process tree, read from /proc (Linux): the `bindery serve` primary accepts
// connections and hands them to workers, so its time belongs to the cost of a request too.

const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** user + system, in microseconds. */
  readonly cpuUs: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; fields resume after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid, ppid: Number(fields[1]), cpuUs: (ticks / TICKS_PER_SECOND) * 1e6 };
  } catch {
    return undefined;
  }
}

/** Total CPU of `root` and every live descendant, in microseconds. */
export function treeCpuUs(root: number): number {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      const stat = readStat(Number(name));
      return stat === undefined ? [] : [stat];
    });
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  return all.filter((stat) => inTree.has(stat.pid)).reduce((sum, stat) => sum + stat.cpuUs, 0);
}
