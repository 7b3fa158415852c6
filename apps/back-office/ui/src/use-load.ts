import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from './api';

/** Loads data for a screen: the value, the problem if any, and a way to load again (after an action). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem | Error; loading: boolean }>({ loading: true });
  const run = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => setState({ data, loading: false }),
      (error: Error) => setState({ error, loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- the caller's deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}
