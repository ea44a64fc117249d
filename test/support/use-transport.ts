import { HttpService } from '@nestjs/axios';
import type { INestApplicationContext } from '@nestjs/common';
import type { AxiosAdapter } from 'axios';
import { TermiiTransport, type TermiiTransportTrust } from '../../lib/http/termii-transport.js';
import { TermiiOptions } from '../../lib/options/termii-options.js';

/**
 * Makes the app's Termii requests go through a transport built from the app's own options (proxy included)
 * that also trusts `trust.ca`: how a test reaches its self-signed HTTPS server, which the module itself
 * rightly refuses. It wraps the adapter of the app's private axios instance; the test destroys the
 * returned transport when done.
 */
export function useTrustingTransport(app: INestApplicationContext, trust: TermiiTransportTrust): TermiiTransport {
  const transport = new TermiiTransport(app.get(TermiiOptions, { strict: false }), trust);
  const { defaults } = app.get(HttpService, { strict: false }).axiosRef;
  const adapter = defaults.adapter as AxiosAdapter;
  defaults.adapter = (config) => adapter({ ...config, termiiTransport: transport } as typeof config);
  return transport;
}
