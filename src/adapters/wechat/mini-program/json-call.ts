import { WeChatApiError } from '../../../application/index.js';
import { readTextLimited } from '../http-body.js';

export interface JsonCallOptions {
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

/**
 * One POST of JSON to WeChat's server API and its JSON answer. Anything but an answer WeChat could
 * have written (unreachable, timed out, HTTP error, not JSON) is errcode -1. Never reports the URL:
 * it carries the access token.
 */
export async function postJson(url: string, body: unknown, options: JsonCallOptions): Promise<Record<string, unknown>> {
  let text: string;
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    text = await readTextLimited(response, 512 * 1024);
    if (!response.ok) throw new WeChatApiError(-1, `HTTP ${response.status}`);
  } catch (error) {
    if (error instanceof WeChatApiError) throw error;
    throw new WeChatApiError(-1, `WeChat is unreachable: ${(error as Error).name}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WeChatApiError(-1, 'WeChat answered something that is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new WeChatApiError(-1, 'WeChat answered something that is not a JSON object');
  return parsed as Record<string, unknown>;
}

/** WeChat's errcode: 0 or absent is success. */
export function errcodeOf(answer: Record<string, unknown>): number {
  if (answer.errcode === undefined) return 0;
  const code = Number(answer.errcode);
  return Number.isInteger(code) ? code : -1;
}

export function throwOnError(answer: Record<string, unknown>): Record<string, unknown> {
  const errcode = errcodeOf(answer);
  if (errcode !== 0) throw new WeChatApiError(errcode, typeof answer.errmsg === 'string' ? answer.errmsg : '');
  return answer;
}
