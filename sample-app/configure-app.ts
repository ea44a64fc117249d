import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { trustProxySetting } from './config/trust-proxy.js';
import { isHttpsDeployment } from './http/https-deployment.js';
import { SESSION_COOKIE } from './session/session-cookie.js';

/** Where the OpenAPI docs are served (`/docs`, and the JSON at `/docs-json`). */
export const DOCS_PATH = 'docs';

/** The largest request body accepted (JSON or form); a larger one is answered 413 before any route runs. */
export const BODY_SIZE_LIMIT = '16kb';

/**
 * What an app built from `AppModule` needs beyond its modules: HTTP security headers (helmet), no
 * `X-Powered-By`, a body-size limit, the `trust proxy` setting from `TRUST_PROXY`, the cookie parser (for
 * the session cookie), and the OpenAPI docs. Call before `listen`.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  const trustProxy = trustProxySetting(app.get(ConfigService));
  // Registered before Nest's default parsers, which then step aside.
  express.useBodyParser('json', { limit: BODY_SIZE_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_SIZE_LIMIT, extended: true });
  express.disable('x-powered-by');
  express.set('trust proxy', trustProxy);
  express.use(securityHeaders(trustProxy));
  express.use(cookieParser());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nestjs-termii sample app')
      .setDescription('Login with a one-time code from Termii’s In-App Token API, delivered by the app itself.')
      .setVersion('1.0')
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie' }, SESSION_COOKIE)
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document);
  return app;
}

/**
 * helmet's headers, with its default Content-Security-Policy (scripts and styles from the app's origin
 * only: the sign-in page has no inline script). HSTS and the CSP's `upgrade-insecure-requests` are for
 * HTTPS (a deployment behind `TRUST_PROXY`): sent to the plain `http://localhost` of `npm start`, the
 * second has Safari ask for the page's script and style over HTTPS, where nothing answers (Chrome and
 * Firefox leave localhost alone).
 */
function securityHeaders(
  trustProxy: ReturnType<typeof trustProxySetting>,
): (request: Request, response: Response, next: NextFunction) => void {
  const overHttps = helmet();
  const overHttp = helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  return (request, response, next) =>
    (isHttpsDeployment(trustProxy, request) ? overHttps : overHttp)(request, response, next);
}
