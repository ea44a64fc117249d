import { IN_APP_TOKEN_PATHS } from '../in-app-token/in-app-token.paths.js';
import { INSIGHTS_PATHS } from '../insights/insights.paths.js';
import { TOKEN_PATHS } from '../token/token.paths.js';

/**
 * The Termii operations the emulator answers, and their paths: the very constants the services call, so
 * that the emulator and the library cannot disagree. The names are the library's `TermiiOperation` names.
 */
export const TERMII_EMULATOR_PATHS = Object.freeze({ ...IN_APP_TOKEN_PATHS, ...TOKEN_PATHS, ...INSIGHTS_PATHS });

/** An operation the emulator answers. */
export type TermiiOperationPath = keyof typeof TERMII_EMULATOR_PATHS;

/** The one HTTP method each operation takes: the balance is read with GET, everything else is a POST. */
export function methodOf(operation: TermiiOperationPath): 'GET' | 'POST' {
  return operation === 'getBalance' ? 'GET' : 'POST';
}

const OPERATION_BY_PATH: ReadonlyMap<string, TermiiOperationPath> = new Map(
  (Object.entries(TERMII_EMULATOR_PATHS) as [TermiiOperationPath, string][]).map(([operation, path]) => [
    path,
    operation,
  ]),
);

/**
 * The operation a request path names, or `undefined`. A query string and a trailing `/` are ignored, as
 * web servers usually do.
 */
export function operationOfPath(path: string): TermiiOperationPath | undefined {
  const pathname = path.split('?')[0].replace(/\/+$/, '');
  return OPERATION_BY_PATH.get(pathname);
}
