import { chinaIsoTime } from '../../system/china-time.js';

/**
 * v3 writes times as RFC 3339 (`2026-11-24T20:30:00+08:00`). We send China time, as WeChat's
 * examples do, and read any offset WeChat answers with.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function formatChinaRfc3339(instant: Date): string {
  return `${chinaIsoTime(instant)}+08:00`;
}

/** The instant, or null when the text is not a real RFC 3339 date-time. */
export function parseRfc3339(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const civil = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 February over into March: refuse what does not round-trip.
  if (civil.getUTCDate() !== day || civil.getUTCMonth() !== month - 1) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
