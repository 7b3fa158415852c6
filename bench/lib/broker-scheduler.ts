import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether the broker's Erlang schedulers busy-wait, read off beam.smp's command line (where `erl` has turned `+sbwt`
 * into `-sbwt`; the last one counts): RabbitMQ's own start script passes `none`, and so do production's settings
 * (docs/deployment.md), but a broker started another way may spin. A spinning scheduler burns CPU that the benchmark
 * counts as RabbitMQ's and takes it from the services on a 2-core machine; it changes only with a restart of the node.
 */
export function brokerSchedulerBusyWait(): 'on' | 'off' | 'not recorded' {
  try {
    const pid = execFileSync('pgrep', ['-o', 'beam.smp'], { encoding: 'utf8' }).trim();
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = Math.max(args.lastIndexOf('+sbwt'), args.lastIndexOf('-sbwt'));
    return i >= 0 && args[i + 1] === 'none' ? 'off' : 'on';
  } catch {
    return 'not recorded';
  }
}
