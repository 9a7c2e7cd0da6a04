/**
 * China Standard Time (UTC+8, no daylight saving): the time WeChat Pay writes and the time zerg
 * clients read. Every format here is the same wall clock, cut differently.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The wall clock in China as an ISO string without the zone: `yyyy-MM-ddTHH:mm:ss.SSS`. */
function chinaWallClock(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 23);
}

/** `yyyy-MM-ddTHH:mm:ss`, whole seconds: RFC 3339 without its `+08:00`, as WeChat Pay v3 writes times. */
export function chinaIsoTime(instant: Date): string {
  return chinaWallClock(instant).slice(0, 19);
}

/** `yyyyMMddHHmmssSSS`: digits that sort by time (order numbers). */
export function chinaTimeDigits(instant: Date): string {
  return chinaWallClock(instant).replace(/\D/g, '');
}

/** `yyyyMMddHHmmss`, as WeChat Pay writes `time_expire` and `time_end`. */
export function formatChinaTime(instant: Date): string {
  return chinaTimeDigits(instant).slice(0, 14);
}

/** `Y-m-d H:i:s` (`yyyy-MM-dd HH:mm:ss`), as zerg's ThinkPHP printed times and WeChat writes refund times. */
export function chinaTime(instant: Date): string {
  return chinaIsoTime(instant).replace('T', ' ');
}

/** The instant a `yyyyMMddHHmmss` China time names, or null when it is not a real time. */
export function parseChinaTime(text: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS);
  return formatChinaTime(instant) === text ? instant : null;
}
