/** Linux /proc readings of the server under test: CPU seconds and resident memory of a process tree. */
import { readdirSync, readFileSync } from 'node:fs';

/** Sum of `measure` over a process and its descendants (Linux /proc; NaN elsewhere). */
export function processTree(pid: number, measure: (pid: number) => number): number {
  const children = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  let total = Number.NaN;
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    try {
      total = (Number.isNaN(total) ? 0 : total) + measure(p);
    } catch {
      continue;
    }
    queue.push(...children(p));
  }
  return total;
}

/** CPU seconds (user + system): fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

export function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}
