import {
  BadRequestException,
  Controller,
  HttpCode,
  Injectable,
  InternalServerErrorException,
  Logger,
  PayloadTooLargeException,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
  VERSION_NEUTRAL,
  applyDecorators,
  type Type,
} from '@nestjs/common';
import { parseJsonKeepingLongIntegers } from '../common/lossless-json.js';
import { readTermiiEvent } from './events/termii-event.js';
import { readRawBody, type TermiiEventRequest } from './read-raw-body.js';
import { verifyTermiiSignature } from './sign-termii-event.js';
import { TermiiEventDispatcher } from './termii-event-dispatcher.js';
import { TermiiWebhooksOptions } from './termii-webhooks-options.js';

/** What the endpoint answers to an event it took (a replay included, so that Termii stops sending it). */
export interface TermiiEventReceipt {
  /** Always `true`: the event was accepted (its handlers run after this answer). */
  received: true;
}

// Told on the first event, not at start-up: the app's `rawBody` flag is not visible to a module (Nest keeps
// it on the application; `@nestjs/testing`'s createNestApplication({ rawBody }) does not even pass it to the
// container), so a start-up check would misfire in exactly the e2e tests that do it right.
const NO_RAW_BODY =
  'Cannot check the signature of a Termii event: the raw request body is not available. ' +
  'Create the app with rawBody: true, e.g. NestFactory.create(AppModule, { rawBody: true })';

const NOT_AN_EVENT = 'A Termii event is a JSON object';

/** The body as a JSON object, or `undefined`. Invalid UTF-8 and other JSON values are not events. */
function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    // Ids beyond a safe integer, sent as bare JSON numbers, are kept digit for digit (as strings).
    const value = parseJsonKeepingLongIntegers(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The webhook endpoint. Each `TermiiWebhooksModule` registration gets its own subclass, routed at its
 * `path` (see `termiiEventsControllerAt`). In order: size (413), signature (401), JSON object (400); then
 * 200 at once, the handlers running afterwards. The secret and the body are never logged. Under Express
 * and Fastify alike: it reads only what both requests have (`headers`, Nest's `rawBody`, the Node stream)
 * and answers through Nest (return value, exceptions), never through the adapter's response object.
 */
@Injectable()
export class TermiiEventsController {
  private readonly logger = new Logger('TermiiWebhooks');

  constructor(
    private readonly options: TermiiWebhooksOptions,
    private readonly dispatcher: TermiiEventDispatcher,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(@Req() req: TermiiEventRequest): Promise<TermiiEventReceipt> {
    const raw = await readRawBody(req, this.options.maxBodyBytes);
    if (raw.kind === 'no-raw-body') {
      this.logger.error(NO_RAW_BODY);
      throw new InternalServerErrorException('The Termii webhook endpoint is misconfigured; see the server log');
    }
    if (raw.kind === 'too-large') {
      throw new PayloadTooLargeException(`A Termii event is at most ${this.options.maxBodyBytes} bytes`);
    }
    // Read by a parser that kept no bytes, for a content type Termii does not send: nothing to verify.
    if (raw.kind === 'not-json') throw new BadRequestException(NOT_AN_EVENT);
    const { signatureHeader, secrets, algorithm, encoding } = this.options;
    if (!verifyTermiiSignature(raw.body, req.headers[signatureHeader], secrets, { algorithm, encoding })) {
      this.logger.warn(`Rejected a Termii event: missing or wrong ${signatureHeader} header`);
      throw new UnauthorizedException(`Missing or wrong ${signatureHeader} header`);
    }
    const payload = parseObject(raw.body);
    if (!payload) throw new BadRequestException(NOT_AN_EVENT);
    if (this.dispatcher.accept(readTermiiEvent(payload), raw.body) === 'closing') {
      // Not taken: Termii will send it again, to an instance that is not shutting down.
      throw new ServiceUnavailableException('Shutting down');
    }
    return { received: true };
  }
}

/**
 * A controller class for one registration: `TermiiEventsController` routed at `path` (outside URI
 * versioning; under the global prefix, if any), with the registration's extra class decorators (e.g. a
 * `@Public()` or `@SkipThrottle()` the app's global guards look for).
 */
export function termiiEventsControllerAt(
  path: string,
  decorators: readonly ClassDecorator[],
): Type<TermiiEventsController> {
  class RegisteredTermiiEventsController extends TermiiEventsController {}
  Controller({ path, version: VERSION_NEUTRAL })(RegisteredTermiiEventsController);
  if (decorators.length) applyDecorators(...decorators)(RegisteredTermiiEventsController);
  return RegisteredTermiiEventsController;
}
