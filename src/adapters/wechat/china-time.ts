/** WeChat Pay writes times as `yyyyMMddHHmmss` in China Standard Time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function formatChinaTime(instant: Date): string {
  const china = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    pad(china.getUTCFullYear(), 4) +
    pad(china.getUTCMonth() + 1) +
    pad(china.getUTCDate()) +
    pad(china.getUTCHours()) +
    pad(china.getUTCMinutes()) +
    pad(china.getUTCSeconds())
  );
}

/** The instant a `yyyyMMddHHmmss` China time names, or null when it is not a real time. */
export function parseChinaTime(text: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS;
  const instant = new Date(utc);
  return formatChinaTime(instant) === text ? instant : null;
}
