import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether the broker's Erlang schedulers busy-wait, read off beam.smp's command line: on by default, off with
 * `+sbwt none` (production's setting, docs/deployment.md). A spinning scheduler burns CPU that the benchmark counts as
 * RabbitMQ's and takes it from the services on a 2-core machine; the flag cannot be changed without restarting the node.
 */
export function brokerSchedulerBusyWait(): 'on' | 'off' | 'not recorded' {
  try {
    const pid = execFileSync('pgrep', ['-o', 'beam.smp'], { encoding: 'utf8' }).trim();
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = args.indexOf('+sbwt');
    return i >= 0 && args[i + 1] === 'none' ? 'off' : 'on';
  } catch {
    return 'not recorded';
  }
}
