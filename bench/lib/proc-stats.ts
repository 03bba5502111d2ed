/**
 * Linux /proc readings for one process and for the cores: CPU time (utime + stime), peak resident
 * memory (VmHWM, resettable through clear_refs) and per-core busy time, to check which core saturated.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of /proc's time fields (`getconf CLK_TCK`, 100 nearly everywhere). */
const TICKS_PER_SECOND = readTicksPerSecond();

function readTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** User + system CPU time of a process so far, in milliseconds. */
export function readCpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the whole line (utime, stime) are 12 and 13 after the name and state.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc/${pid}/stat`);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Peak resident set size (VmHWM) in MiB. */
export function readPeakRssMb(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/**
 * Resets VmHWM to the current RSS (Linux ≥ 4.0, writing 5 to clear_refs), so the next reading is the
 * peak of one measurement rather than of the process's life. False when the kernel refuses.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface CoreTimes {
  /** Per core: [busy, total] in ticks since boot. */
  readonly cores: readonly (readonly [number, number])[];
}

export function readCoreTimes(): CoreTimes {
  const cores: [number, number][] = [];
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (match?.[2] === undefined) continue;
    const values = match[2].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice: idle + iowait are not busy;
    // guest time is already counted in user.
    const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    cores[Number(match[1])] = [total - idle, total];
  }
  return { cores };
}

/** Busy fraction (0..1) of each core between two readings. */
export function coreBusyBetween(before: CoreTimes, after: CoreTimes): number[] {
  return after.cores.map(([busy, total], index) => {
    const [busy0, total0] = before.cores[index] ?? [0, 0];
    const span = total - total0;
    return span > 0 ? (busy - busy0) / span : 0;
  });
}
