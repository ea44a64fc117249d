import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection, without starting Node with `--expose-gc`: the flag is switched on at run
 * time and `gc` is taken from a fresh context, which gets it from the flag.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** `heapUsed` after full collections, in bytes: the lowest of a few, so that a late finaliser does not count. */
export async function settledHeapUsed(): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    lowest = Math.min(lowest, process.memoryUsage().heapUsed);
  }
  return lowest;
}
