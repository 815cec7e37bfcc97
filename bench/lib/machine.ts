import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** Load average over the last minute when the benchmark started: other work on the machine lowers every figure. */
  loadAverage: number;
  /** Set by benchmarks that use PostgreSQL. */
  postgres?: string;
}

export function machine(postgres?: string): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
    ...(postgres === undefined ? {} : { postgres })
  };
}

export function describeMachine(m: Machine): string {
  const database = m.postgres ? `, ${m.postgres}` : '';
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node.js ${m.node}, ${m.os}${database}; load ${m.loadAverage}`;
}
