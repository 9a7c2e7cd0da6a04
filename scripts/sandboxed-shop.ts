import { type RunningShop, type StartOptions, startShop } from '../src/composition/index.js';
import { type Sandbox, type SandboxOptions, createSandbox, sandboxPortFrom, shopEnvFor } from '../sandbox/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Whether the environment names a WeChat to talk to; when it does, no sandbox is started. */
export function weChatBaseSet(env: Env): boolean {
  return Boolean(env.WECHAT_PAY_API_BASE?.trim() || env.WECHAT_API_BASE?.trim());
}

/**
 * The environment as `npm start`, `npm run demo` and `npm run jobs` read it: with no WeChat base
 * set they play a merchant who signed up today, so WECHAT_PAY_API_VERSION defaults to v3 there
 * (the shop's own default stays v2); WECHAT_PAY_API_VERSION=v2 plays the classic merchant.
 */
export function launcherEnv(env: Env): Env {
  return env.WECHAT_PAY_API_VERSION?.trim() ? env : { ...env, WECHAT_PAY_API_VERSION: 'v3' };
}

/**
 * The shop's WeChat settings for a sandbox on `url`: its merchant, and its v3 keys (in the
 * sandbox's key mode, the public key unless told) when WECHAT_PAY_API_VERSION is v3.
 */
export function sandboxShopEnv(env: Env, url: string, sandbox: Pick<Sandbox, 'merchant' | 'merchantV3'>): Record<string, string> {
  return shopEnvFor(url, sandbox.merchant, env.WECHAT_PAY_API_VERSION?.trim() === 'v3' ? sandbox.merchantV3 : undefined);
}

/** A shop and the sandbox playing WeChat for it. */
export interface SandboxedShop extends RunningShop {
  readonly sandbox: Sandbox & { readonly url: string };
}

export interface SandboxedStartOptions extends StartOptions {
  /** The sandbox's own options (a seed, a faster notification schedule, when refunds settle); `clock` drives it too. */
  readonly sandbox?: Omit<SandboxOptions, 'merchant' | 'now'>;
}

/**
 * The WeChat Pay sandbox on SANDBOX_PORT (3001; 0: any free port), then the shop the environment
 * describes with the sandbox's URL and merchant as its WeChat settings (and its v3 keys under
 * WECHAT_PAY_API_VERSION=v3, see sandboxShopEnv). `close` stops both, the shop first. What
 * `npm start` runs when no WeChat base is set, and what the end-to-end tests run.
 */
export async function startSandboxedShop(env: Env, options: SandboxedStartOptions = {}): Promise<SandboxedShop> {
  const { sandbox: sandboxOptions, ...startOptions } = options;
  const { clock } = options;
  const sandbox = createSandbox({ ...(clock ? { now: () => clock.now() } : {}), ...sandboxOptions });
  try {
    const { url } = await sandbox.listen(sandboxPortFrom(env));
    const shop = await startShop({ ...env, ...sandboxShopEnv(env, url, sandbox) }, startOptions);
    // Where the mini-program console would name the shop's message push.
    sandbox.miniProgram.pusher.url = `${shop.url}/api/v1/wechat/push`;
    return {
      ...shop,
      sandbox: Object.assign(sandbox, { url }),
      async close() {
        await shop.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
