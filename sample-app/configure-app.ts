import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { trustProxySetting } from './config/trust-proxy.js';

/** Where the OpenAPI docs are served (`/docs`, and the JSON at `/docs-json`). */
export const DOCS_PATH = 'docs';

/** The largest request body accepted (JSON or form); a larger one is answered 413 before any route runs. */
export const BODY_SIZE_LIMIT = '16kb';

/**
 * What an app built from `AppModule` needs beyond its modules: HTTP security headers (helmet), no
 * `X-Powered-By`, a body-size limit, the `trust proxy` setting from `TRUST_PROXY`, and the OpenAPI docs.
 * Call before `listen`.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  // Registered before Nest's default parsers, which then step aside.
  express.useBodyParser('json', { limit: BODY_SIZE_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_SIZE_LIMIT, extended: true });
  express.disable('x-powered-by');
  express.set('trust proxy', trustProxySetting(app.get(ConfigService)));
  express.use(helmet());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nestjs-termii sample app')
      .setDescription('Login with a one-time code from Termii’s In-App Token API, delivered by the app itself.')
      .setVersion('1.0')
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document);
  return app;
}
