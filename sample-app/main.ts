import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import { listenPort } from './config/listen-port.js';
import { configureApp, DOCS_PATH } from './configure-app.js';

const logger = new Logger('SampleApp');

async function bootstrap(): Promise<void> {
  // abortOnError: false lets a start-up error (e.g. an invalid TERMII_BASE_URL) end the process with exit code 1.
  // rawBody: the delivery reports' signature is checked on the exact bytes received.
  const app = configureApp(await NestFactory.create(AppModule, { abortOnError: false, rawBody: true }));
  // Ctrl-C or SIGTERM closes the app, and with it the embedded sandbox.
  app.enableShutdownHooks();
  await app.listen(listenPort(app.get(ConfigService)));
  const { port: listening } = (app.getHttpServer() as Server).address() as AddressInfo;
  const url = `http://localhost:${listening}`;
  logger.log(
    `Listening on ${url}: sign in at ${url}/ (the page), or through the API: POST /auth/otp, POST /auth/otp/verify, GET /auth/me, POST /auth/logout, GET /health, POST /termii/events (Termii's delivery reports); API docs at ${url}/${DOCS_PATH}`,
  );
}

bootstrap().catch((error: unknown) => {
  logger.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
