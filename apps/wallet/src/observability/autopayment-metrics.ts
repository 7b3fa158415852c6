import { Counter } from 'prom-client';

const runs = new Counter({
  name: 'dostek_autopayment_runs_total',
  help: 'Autopayment runs: started, and finished by result (the run status: COMPLETED, FAILED, …)',
  labelNames: ['result'],
});

/** Counted after the transaction that started or finished the runs committed. */
export const autopaymentMetrics = {
  started(count: number): void {
    if (count > 0) runs.inc({ result: 'STARTED' }, count);
  },
  finished(runStatus: string): void {
    runs.inc({ result: runStatus });
  },
};
