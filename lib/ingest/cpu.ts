// CPU time of the calling thread, for the ingest's per-stage figures (writer vs. extraction workers).
// process.cpuUsage() counts every thread of the process; Node 20 has no per-thread counter, so on Linux
// this reads the scheduler's nanosecond counters of the thread (/proc/thread-self/schedstat): the time it
// ran on a CPU, and the time it was ready to run but waited for one (what other load on the machine costs).
import { readFileSync } from 'node:fs';

let available = process.platform === 'linux';

export interface ThreadTimes { cpuMs: number; waitMs: number }

/** Milliseconds this thread has run on a CPU, and waited runnable for one, since it started; null where unknown. */
export function threadTimes(): ThreadTimes | null {
  if (!available) return null;
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 2).map(Number);
    return { cpuMs: run / 1e6, waitMs: wait / 1e6 };
  } catch {
    available = false;
    return null;
  }
}

/** Milliseconds this thread has run on a CPU since it started, or null where that cannot be read. */
export function threadCpuMs(): number | null {
  return threadTimes()?.cpuMs ?? null;
}
