import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line at every level, for tests that read or search what was logged. */
export class CaptureLogger implements LoggerService {
  readonly lines: { level: string; text: string }[] = [];
  /** Called after each line is kept, so a test can react to a log line. */
  onLine?: (level: string, text: string) => void;

  private keep(level: string, message: unknown, params: unknown[]): void {
    const text = [message, ...params].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
    this.lines.push({ level, text });
    this.onLine?.(level, text);
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
