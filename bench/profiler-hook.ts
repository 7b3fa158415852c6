/**
 * Preloaded into each service by the benchmark (`node --import dist/bench/profiler-hook.js …`): the first SIGUSR1 (not SIGUSR2: Nest's shutdown hooks close the app on it)
 * starts V8's sampling profiler, the second writes the profile to $BENCH_PROFILE_DIR/<service>-<port>.cpuprofile.
 * Services are never changed for profiling, and a service that is not signalled pays nothing.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const service = basename(dirname(dirname(process.argv[1] ?? 'unknown/src/main.js')));
  const file = `${dir}/${service}-${process.env.PORT ?? '0'}.cpuprofile`;
  let session: Session | undefined;
  process.on('SIGUSR1', () => {
    if (!session) {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () =>
        session!.post('Profiler.setSamplingInterval', { interval: 500 }, () => session!.post('Profiler.start')),
      );
      return;
    }
    const s = session;
    session = undefined;
    s.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(file, JSON.stringify(res.profile));
      s.disconnect();
    });
  });
}
