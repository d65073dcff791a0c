import { createElement } from 'react';
import TestRenderer, { act, type ReactTestRenderer } from 'react-test-renderer';

// Tells React that updates are wrapped in act(), so it flushes effects and warns about stray ones.
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

export interface RenderedHook<P, R> {
  /** What the hook returned on the latest render. */
  readonly current: R;
  rerender(props: P): void;
  unmount(): void;
}

/** Runs a hook inside a component rendered by react-test-renderer (no DOM needed). */
export function renderHook<P, R>(hook: (props: P) => R, initialProps: P): RenderedHook<P, R> {
  const results: R[] = [];
  function Probe({ props }: { props: P }) {
    results.push(hook(props));
    return null;
  }
  let renderer: ReactTestRenderer | undefined;
  act(() => {
    renderer = TestRenderer.create(createElement(Probe, { props: initialProps }));
  });
  const mounted = (): ReactTestRenderer => {
    if (!renderer) throw new Error('renderHook: not mounted');
    return renderer;
  };
  return {
    get current() {
      return results[results.length - 1];
    },
    rerender(props) {
      act(() => mounted().update(createElement(Probe, { props })));
    },
    unmount() {
      act(() => mounted().unmount());
    },
  };
}

/** Runs `step` inside act() and lets every promise it settles run its callbacks. */
export async function settle(step: () => unknown = () => undefined): Promise<void> {
  await act(async () => {
    await step();
  });
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** A promise the test settles when it chooses: an answer that has not arrived yet. */
export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
