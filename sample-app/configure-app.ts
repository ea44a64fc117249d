import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the OpenAPI docs are served (`/docs`, and the JSON at `/docs-json`). */
export const DOCS_PATH = 'docs';

/** What an app built from `AppModule` needs beyond its modules: the OpenAPI docs. Call before `listen`. */
export function configureApp(app: INestApplication): INestApplication {
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
