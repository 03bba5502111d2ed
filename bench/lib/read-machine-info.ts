/** The facts a reader needs to weigh the figures: when, on what, with which command. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  readonly date: string;
  readonly nproc: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kernel: string;
}

export function readMachineInfo(): MachineInfo {
  let memoryGiB = os.totalmem() / 2 ** 30;
  try {
    const match = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match?.[1] !== undefined) memoryGiB = Number(match[1]) / 2 ** 20;
  } catch {
    // os.totalmem() stands.
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    // Not availableParallelism(): the bench has pinned itself to one core by now.
    nproc: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
  };
}
