import type { Context } from 'koa';
import { readRawBody } from '../body.js';
import { errorAnswer } from '../error-mapping.js';
import type { NotificationCodec } from '../http.deps.js';
import { HttpError } from '../http.error.js';
import { loggerOf } from '../request-context.middleware.js';

export interface Handled {
  /** True: WeChat may stop sending. False: answer FAIL so it sends again. */
  readonly acknowledged: boolean;
  readonly outcome: string;
}

/**
 * A WeChat notification: the raw XML (size-limited) is decoded and verified by the codec, then
 * handled. SUCCESS only for outcomes that are final; FAIL for anything rejected (400) or failed
 * (5xx), so WeChat tries again.
 */
export async function answerNotification<T>(
  ctx: Context,
  kind: string,
  codec: NotificationCodec<T>,
  handle: (notification: T) => Promise<Handled>,
): Promise<void> {
  const log = loggerOf(ctx);
  const answer = (status: number, success: boolean, message?: string) => {
    ctx.status = status;
    ctx.type = 'application/xml';
    ctx.body = codec.answer(success, message);
  };
  let notification: T;
  try {
    notification = await codec.decode(await readRawBody(ctx));
  } catch (error) {
    log.warn({ kind, reason: error instanceof Error ? error.message : String(error) }, 'notification rejected');
    return answer(error instanceof HttpError ? error.status : 400, false, 'rejected');
  }
  try {
    const result = await handle(notification);
    log.info({ kind, outcome: result.outcome }, 'notification handled');
    if (result.acknowledged) return answer(200, true, 'OK');
    log.warn({ kind, outcome: result.outcome }, 'notification refused');
    return answer(400, false, result.outcome);
  } catch (error) {
    const { status } = errorAnswer(error);
    log.error({ kind, err: error }, 'notification failed');
    return answer(status >= 500 ? status : 500, false, 'try again');
  }
}
