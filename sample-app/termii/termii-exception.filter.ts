import { Catch, HttpStatus, Injectable, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  TermiiApiError,
  TermiiAuthenticationError,
  TermiiConnectionError,
  TermiiError,
  TermiiInsufficientBalanceError,
  TermiiRateLimitError,
  TermiiResponseError,
  TermiiTimeoutError,
  TermiiValidationError,
} from 'nestjs-termii';

/** What the client is told about a Termii failure: a status, Nest's usual error body, and any headers. */
export interface TermiiHttpAnswer {
  status: HttpStatus;
  body: { statusCode: number; error: string; message: string | string[] };
  headers?: Record<string, string>;
}

function answer(
  status: HttpStatus,
  error: string,
  message: string | string[],
  headers?: Record<string, string>,
): TermiiHttpAnswer {
  return { status, body: { statusCode: status, error, message }, ...(headers ? { headers } : {}) };
}

/**
 * Maps a nestjs-termii error to an HTTP answer. Upstream failures get a fixed message: Termii's own text,
 * statuses, error codes and the base URL stay in the server's log.
 */
export function toHttpAnswer(error: TermiiError): TermiiHttpAnswer {
  if (error instanceof TermiiValidationError) {
    return answer(
      HttpStatus.BAD_REQUEST,
      'Bad Request',
      error.issues.flatMap((issue) => issue.messages),
    );
  }
  if (error instanceof TermiiRateLimitError) {
    const seconds = error.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return answer(
      HttpStatus.TOO_MANY_REQUESTS,
      'Too Many Requests',
      'The code service is busy: try again later.',
      seconds === undefined ? undefined : { 'Retry-After': String(seconds) },
    );
  }
  if (error instanceof TermiiTimeoutError) {
    return answer(
      HttpStatus.GATEWAY_TIMEOUT,
      'Gateway Timeout',
      'The code service did not answer in time: try again later.',
    );
  }
  if (error instanceof TermiiConnectionError) {
    return answer(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Service Unavailable',
      'The code service cannot be reached: try again later.',
    );
  }
  if (error instanceof TermiiInsufficientBalanceError) {
    // Not the client's fault and not a broken gateway: no code can be sent until the wallet is topped up.
    return answer(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Service Unavailable',
      'The code service is unavailable: try again later.',
    );
  }
  // Authentication (a wrong key or base URL), 5xx, any other HTTP error and an unreadable answer.
  if (error instanceof TermiiApiError || error instanceof TermiiResponseError) {
    return answer(HttpStatus.BAD_GATEWAY, 'Bad Gateway', 'The code service failed: try again later.');
  }
  return answer(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal Server Error', 'Internal server error');
}

/** The one place where nestjs-termii errors become HTTP answers (registered globally by `AppModule`). */
@Catch(TermiiError)
@Injectable()
export class TermiiExceptionFilter implements ExceptionFilter<TermiiError> {
  private readonly logger = new Logger('TermiiExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: TermiiError, host: ArgumentsHost): void {
    const { status, body, headers } = toHttpAnswer(error);
    // nestjs-termii errors never hold the API key or a request body, so their message is safe to log.
    const text = `${error.name}: ${error.message}`;
    if (error instanceof TermiiRateLimitError) this.logger.warn(text);
    else if (error instanceof TermiiAuthenticationError)
      this.logger.error(`${text} (check TERMII_API_KEY and TERMII_BASE_URL)`);
    else if (error instanceof TermiiInsufficientBalanceError)
      this.logger.error(`${text} (top up the Termii wallet: no code can be sent until then)`);
    // A validation error is the client's mistake, answered in full: nothing to log.
    else if (!(error instanceof TermiiValidationError)) this.logger.error(text);
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    for (const [name, value] of Object.entries(headers ?? {})) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, body, status);
  }
}
