/**
 * Termii's campaign `schedule_time`: `DD-MM-YYYY HH:mm`, to the minute, in West Africa Time (UTC+01:00,
 * Lagos, Termii's home; no daylight saving time, so the offset is fixed). Termii's documentation gives the
 * form (`30-06-2021 6:00`) but no time zone; its dashboard and accounts are Nigerian, so the library writes
 * Lagos time, and the emulator reads it back the same way.
 */

/** The offset of the time zone `schedule_time` is written in, in minutes east of UTC (WAT, UTC+01:00). */
export const TERMII_SCHEDULE_UTC_OFFSET_MINUTES = 60;

const MINUTE_MS = 60_000;
const OFFSET_MS = TERMII_SCHEDULE_UTC_OFFSET_MINUTES * MINUTE_MS;
// The hour may have one digit, as in Termii's own sample (`6:00`).
const SCHEDULE_TIME = /^(\d{2})-(\d{2})-(\d{4}) (\d{1,2}):(\d{2})$/;

const two = (value: number): string => String(value).padStart(2, '0');

/** `time` (ms since the epoch) as Termii's `DD-MM-YYYY HH:mm` in WAT; seconds are dropped. */
export function formatTermiiScheduleTime(time: number): string {
  const local = new Date(time + OFFSET_MS);
  return (
    `${two(local.getUTCDate())}-${two(local.getUTCMonth() + 1)}-${local.getUTCFullYear()} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
  );
}

/** The time (ms since the epoch) a `DD-MM-YYYY HH:mm` in WAT names, or `undefined` when it names none. */
export function parseTermiiScheduleTime(text: string): number | undefined {
  const found = SCHEDULE_TIME.exec(text.trim());
  if (found === null) return undefined;
  const [day, month, year, hour, minute] = found.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 31-02 over into March: only a date that reads back the same is one.
  const check = new Date(time);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59) return undefined;
  return time - OFFSET_MS;
}

/** `time` with its seconds and milliseconds dropped: the minute Termii is told. */
export function floorToMinute(time: number): number {
  return Math.floor(time / MINUTE_MS) * MINUTE_MS;
}
