import { HttpService } from '@nestjs/axios';
import type { INestApplicationContext } from '@nestjs/common';
import type { AxiosAdapter } from 'axios';

/** A Node-style resolver, as `dns.lookup` and the `lookup` option of `net.connect` take. */
export type Lookup = (
  hostname: string,
  options: unknown,
  callback: (error: Error | null, ...rest: unknown[]) => void,
) => void;

/**
 * Makes the app's Termii requests resolve host names with `lookup`, so that a test can stage a DNS failure
 * or a resolver that never answers without any query leaving the machine. It wraps the adapter of the
 * app's private axios instance (one per registration) to give each request axios's `lookup` option, for
 * which `termiiUndiciAdapter` uses a dispatcher of the app's transport whose connections resolve with it in
 * place of `dns.lookup`. The request path is the real one from the socket up; only the resolver's answer
 * is made up.
 */
export function replaceResolver(app: INestApplicationContext, lookup: Lookup): void {
  const { defaults } = app.get(HttpService, { strict: false }).axiosRef;
  const adapter = defaults.adapter as AxiosAdapter;
  defaults.adapter = (config) => adapter({ ...config, lookup } as typeof config);
}
