import {
  HttpStatus,
  Injectable,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';

/**
 * Lets a request through only if it declares a JSON body (`Content-Type: application/json`, any charset),
 * else answers `415` before anything else runs (no rate-limit count, no call to Termii, no cookie change).
 *
 * Put on every state-changing route: a cross-site page can only send a JSON body through `fetch`, which
 * the browser first asks this app's permission for (a CORS preflight), and the app never grants it. HTML
 * forms post `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain` without asking:
 * those are refused here. With the session cookie's `SameSite=Strict`, that makes two separate defences
 * against cross-site request forgery (see docs/sample-app.md).
 */
@Injectable()
export class JsonBodyOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType === 'application/json') return true;
    throw new UnsupportedMediaTypeException({
      statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      error: 'Unsupported Media Type',
      message: 'Send the body as JSON, with Content-Type: application/json.',
    });
  }
}
