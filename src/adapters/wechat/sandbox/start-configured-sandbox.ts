import type { WeChatConfig } from '../wechat.config.js';
import { type ListeningSandbox, type Sandbox, type SandboxOptions, createSandbox } from './sandbox.js';
import { SANDBOX_DEFAULT_PORT } from './sandbox.defaults.js';

/**
 * Starts the sandbox as the merchant `config` names, on the loopback port of its pay API base, so
 * the clients built from the same config reach it. Only for `config.sandbox`: never stand in for WeChat.
 */
export async function startConfiguredSandbox(
  config: WeChatConfig,
  options: Omit<SandboxOptions, 'merchant'> = {},
): Promise<{ sandbox: Sandbox; listening: ListeningSandbox }> {
  if (!config.sandbox) throw new Error('WeChat is configured: the sandbox is not started');
  const sandbox = createSandbox({
    ...options,
    merchant: { appId: config.appId, appSecret: config.appSecret, mchId: config.mchId, payKey: config.payKey },
  });
  const port = Number(new URL(config.payApiBase).port || SANDBOX_DEFAULT_PORT);
  const listening = await sandbox.listen(port, '127.0.0.1');
  return { sandbox, listening };
}
