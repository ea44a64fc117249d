import { describe, expect, it } from '@jest/globals';
import {
  floorToMinute,
  formatTermiiScheduleTime,
  parseTermiiScheduleTime,
  TERMII_SCHEDULE_UTC_OFFSET_MINUTES,
} from '../../lib/campaigns/schedule-time.js';

describe("Termii's schedule_time (DD-MM-YYYY HH:mm, West Africa Time)", () => {
  it('is UTC+01:00', () => {
    expect(TERMII_SCHEDULE_UTC_OFFSET_MINUTES).toBe(60);
  });

  it.each([
    ['2021-06-30T05:00:00Z', '30-06-2021 06:00'],
    ['2026-12-31T23:30:59.999Z', '01-01-2027 00:30'],
    ['2024-02-29T11:05:00Z', '29-02-2024 12:05'],
  ])('writes %s as %s (seconds dropped)', (iso, text) => {
    expect(formatTermiiScheduleTime(Date.parse(iso))).toBe(text);
  });

  it.each([
    ['30-06-2021 6:00', '2021-06-30T05:00:00.000Z'],
    ['30-06-2021 06:00', '2021-06-30T05:00:00.000Z'],
    ['01-01-2027 00:30', '2026-12-31T23:30:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(new Date(parseTermiiScheduleTime(text) as number).toISOString()).toBe(iso);
  });

  it.each(['31-02-2026 10:00', '2026-06-30 10:00', '30-06-2026 24:00', '30-06-2026 10:60', '30/06/2026 10:00', ''])(
    'reads %j as no time',
    (text) => {
      expect(parseTermiiScheduleTime(text)).toBeUndefined();
    },
  );

  it('floors to the minute', () => {
    expect(floorToMinute(Date.parse('2026-01-01T10:00:59.999Z'))).toBe(Date.parse('2026-01-01T10:00:00Z'));
  });
});
