import type { Context } from 'koa';
import type { UseCases } from '../../../application/index.js';
import { PushMessageRejected } from '../../wechat/message-push.js';
import { type PushConfig, openPushMessage, tradeEventOf, verifyPushUrl } from '../../wechat/mini-program/message-push.codec.js';
import { readRawBody } from '../body.js';
import { edgeError, routeNotFound } from '../http.error.js';
import { loggerOf } from '../request-context.middleware.js';
import { stringQuery } from '../validation.js';

/** The mini-program's message push as this shop is configured for it: null when WECHAT_PUSH_TOKEN is unset. */
export interface PushEndpoint {
  readonly config: PushConfig | null;
  readonly now: () => Date;
  /** Signatures taken in the last minutes: the same signed push twice is a replay. */
  readonly seen?: PushSignatureMemory;
}

/** Remembers a push's signature while its timestamp would still pass; shared by every process that takes pushes. */
export interface PushSignatureMemory {
  /** False when `signature` was taken already; records it otherwise. */
  add(signature: string, now: Date): boolean | Promise<boolean>;
  /** Forgets a signature taken whose handling failed, so WeChat's retry of the same push is taken. */
  forget(signature: string): void | Promise<void>;
}

/** How long a signature is remembered: longer than a timestamp is accepted. */
export const PUSH_SIGNATURE_MEMORY_MS = 10 * 60_000;

/** Signatures of pushes taken, kept in this process as long as their timestamp would still pass. */
export class SeenSignatures implements PushSignatureMemory {
  private readonly until = new Map<string, number>();

  /** False when `signature` was taken already; records it otherwise. */
  add(signature: string, now: Date): boolean {
    for (const [key, expiry] of this.until) if (expiry <= now.getTime()) this.until.delete(key);
    if (this.until.has(signature)) return false;
    this.until.set(signature, now.getTime() + PUSH_SIGNATURE_MEMORY_MS);
    return true;
  }

  forget(signature: string): void {
    this.until.delete(signature);
  }
}

const rejected = (error: PushMessageRejected) => edgeError('WECHAT.PUSH_REJECTED', `message push rejected (${error.reason}): ${error.message}`);

/** `GET`: the check WeChat makes when the push URL is saved in the console; the `echostr`, as text, if signed with the token. */
export function answerPushCheck(ctx: Context, push: PushEndpoint | undefined): void {
  if (!push?.config) throw routeNotFound(ctx.path);
  try {
    ctx.type = 'text/plain';
    ctx.body = verifyPushUrl(push.config, stringQuery(ctx.query), push.now());
  } catch (error) {
    throw error instanceof PushMessageRejected ? rejected(error) : error;
  }
}

/**
 * `POST`: a pushed message, verified (signature, and in safe mode the envelope) before anything is
 * read from it. Shipping-management events are recorded on their order; anything else is
 * acknowledged. WeChat reads `success`.
 */
export async function answerPush(ctx: Context, push: PushEndpoint | undefined, useCases: Pick<UseCases, 'handleTradeEvent'>): Promise<void> {
  if (!push?.config) throw routeNotFound(ctx.path);
  const raw = (await readRawBody(ctx)).toString('utf8');
  let message: Record<string, unknown>;
  try {
    message = openPushMessage(push.config, { query: stringQuery(ctx.query), body: raw }, push.now());
  } catch (error) {
    if (!(error instanceof PushMessageRejected)) throw error;
    loggerOf(ctx).warn({ reason: error.reason }, 'message push rejected');
    throw rejected(error);
  }
  const query = stringQuery(ctx.query);
  const signature = `${query.timestamp ?? ''}:${query.nonce ?? ''}:${query.msg_signature ?? query.signature ?? ''}`;
  if (push.seen && !(await push.seen.add(signature, push.now()))) throw rejected(new PushMessageRejected('REPLAYED', 'this signed push was taken already'));
  const event = tradeEventOf(message, push.now());
  // Taken before it is handled, so two copies racing are one; a failure (503, a conflict) gives it
  // back, or WeChat's retry, signed the same, would be refused as a replay on every instance.
  const outcome = event
    ? await useCases.handleTradeEvent.execute(event).catch(async (error: unknown) => {
        await push.seen?.forget(signature);
        throw error;
      })
    : 'IGNORED';
  loggerOf(ctx).info({ event: typeof message.Event === 'string' ? message.Event : message.MsgType, outcome }, 'message push');
  ctx.type = 'text/plain';
  ctx.body = 'success';
}
