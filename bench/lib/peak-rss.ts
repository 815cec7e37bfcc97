import { readFileSync } from 'node:fs';

export interface Memory {
  /** VmRSS: resident now. */
  rssBytes: number;
  /** VmHWM: the kernel's high-water mark of resident memory over the process's life. */
  peakBytes: number;
}

function kibibytesField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc status`);
  return Number(match[1]) * 1024;
}

/** Linux only: /proc/<pid>/status. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssBytes: kibibytesField(status, 'VmRSS'), peakBytes: kibibytesField(status, 'VmHWM') };
}

/**
 * Samples a process until stopped. VmHWM alone would give the peak, but it vanishes with the process: sampling
 * keeps the peak known if the process dies mid-run (out of memory, say).
 */
export class PeakRssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** The peak so far, with a last reading when the process is still there. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    try {
      const memory = memoryOf(this.pid);
      this.peak = Math.max(this.peak, memory.peakBytes, memory.rssBytes);
    } catch {
      // The process is gone: the peak sampled so far stands.
    }
  }
}
