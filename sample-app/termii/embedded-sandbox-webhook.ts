import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_REPORTS_PATH } from '../delivery-reports/delivery-reports.module.js';
import { embeddedTermiiSandbox } from './termii-options.factory.js';

const logger = new Logger('Termii');

/**
 * Gives the embedded sandbox (if the app started one) the URL of this app's `POST /termii/events` once the
 * app listens, so that it posts a signed delivery report of each SMS or voice code to it. Only then is the
 * port known — with `PORT=0`, the one picked at that moment — so no port is reserved in advance.
 */
@Injectable()
export class EmbeddedSandboxWebhook implements OnApplicationBootstrap {
  constructor(
    private readonly config: ConfigService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const sandbox = embeddedTermiiSandbox(this.config);
    // The server exists from the app's creation; `listen()` runs after this hook (app.listen → init → listen).
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (sandbox === undefined || server === undefined) return;
    server.once('listening', () => {
      const url = `${loopbackOriginOf(server.address() as AddressInfo)}${DELIVERY_REPORTS_PATH}`;
      sandbox.setWebhookUrl(url);
      logger.log(`The embedded sandbox posts a signed delivery report of each SMS or voice code to ${url}`);
    });
  }
}

/** `http://127.0.0.1:PORT` for an app listening on every address (or on loopback), else its own address. */
function loopbackOriginOf(address: AddressInfo): string {
  const everywhere = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(address.address);
  const host = everywhere ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
