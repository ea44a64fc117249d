import { LineLogger } from './line-logger.js';

/** A Nest logger that keeps every line at every level, for tests that read or search what was logged. */
export class CaptureLogger extends LineLogger {
  readonly lines: { level: string; text: string }[] = [];
  /** Called after each line is kept, so a test can react to a log line. */
  onLine?: (level: string, text: string) => void;

  protected line(level: string, text: string): void {
    this.lines.push({ level, text });
    this.onLine?.(level, text);
  }
}
