import { IN_APP_TOKEN_PATHS } from '../in-app-token/in-app-token.paths.js';

/** The Termii token operations the emulator answers, and their paths: the ones the service calls. */
export const TERMII_EMULATOR_PATHS = IN_APP_TOKEN_PATHS;

/** An operation the emulator answers. */
export type TermiiOperationPath = keyof typeof TERMII_EMULATOR_PATHS;

/**
 * The operation a request path names, or `undefined`. A query string and a trailing `/` are ignored, as
 * web servers usually do.
 */
export function operationOfPath(path: string): TermiiOperationPath | undefined {
  const pathname = path.split('?')[0].replace(/\/+$/, '');
  if (pathname === TERMII_EMULATOR_PATHS.generate) return 'generate';
  if (pathname === TERMII_EMULATOR_PATHS.verify) return 'verify';
  return undefined;
}
