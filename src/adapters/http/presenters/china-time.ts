const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `Y-m-d H:i:s` in China time (UTC+8, no daylight saving), as zerg's ThinkPHP printed times. */
export function chinaTime(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
