import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ApiError, notAvailable } from '../api';

export interface Async<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` when `deps` change; `reload` loads again (polling calls it). */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false })
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** An error as a sentence; a 404 of a route another part of the server brings says so. */
export function ErrorText({ error, feature }: { error: unknown; feature?: string }) {
  if (feature && notAvailable(error)) return <p class="muted">{feature}: not available on this server yet.</p>;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

/** Shows what loaded, the error, or a loading line. */
export function Loaded<T>({ state, feature, children }: { state: Async<T>; feature?: string; children: (data: T) => ComponentChildren }) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error !== undefined) return <ErrorText error={state.error} feature={feature} />;
  return <p class="muted" aria-busy="true">Loading…</p>;
}
