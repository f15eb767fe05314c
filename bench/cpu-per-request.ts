import fs from 'node:fs';

// CPU time per request, beside the throughput (docs/decisions.md, "Validation throughput, fourth pass"): on a machine
// whose cores the load generator shares, throughput tells which route the CPU bounds first; these figures tell what
// each request costs, in the whole process (the load generator's share included, the same for every route) and on
// the HTTP thread alone, which bounds a route once there are cores to spare.

/** Microseconds of CPU this process has used, every thread included. */
export function processCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Clock ticks per second of /proc's CPU counters: 100 on every Linux build Node runs on. */
const USER_HZ = 100;

/** Microseconds of CPU the main (HTTP) thread has used, from /proc on Linux; null where /proc is not there. */
export function httpThreadCpuMicros(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // utime and stime are the 14th and 15th fields; the command name before them may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / USER_HZ;
  } catch {
    return null;
  }
}

export type CpuPerRequest = { processUs: number; httpThreadUs: number | null };

/** Runs `work` and divides the CPU it used by the requests it made. */
export async function measureCpu<T extends { requests: number }>(work: () => Promise<T>): Promise<T & { cpu: CpuPerRequest }> {
  const process0 = processCpuMicros();
  const thread0 = httpThreadCpuMicros();
  const result = await work();
  const thread1 = httpThreadCpuMicros();
  const requests = Math.max(1, result.requests);
  return {
    ...result,
    cpu: {
      processUs: (processCpuMicros() - process0) / requests,
      httpThreadUs: thread0 === null || thread1 === null ? null : (thread1 - thread0) / requests,
    },
  };
}

export const showCpu = (cpu: CpuPerRequest) =>
  `CPU ${cpu.processUs.toFixed(0)} µs/request` +
  (cpu.httpThreadUs === null ? '' : ` (HTTP thread ${cpu.httpThreadUs.toFixed(0)})`);
