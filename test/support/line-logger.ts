import type { LoggerService } from '@nestjs/common';

/** A Nest logger that turns every call, at every level, into one line of text for `line()` to handle. */
export abstract class LineLogger implements LoggerService {
  protected abstract line(level: string, text: string): void;

  private keep(level: string, message: unknown, params: unknown[]): void {
    this.line(
      level,
      [message, ...params].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '),
    );
  }

  log(message: unknown, ...params: unknown[]): void {
    this.keep('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.keep('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.keep('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.keep('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.keep('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.keep('fatal', message, params);
  }
}
