/**
 * `npm run sandbox`: the WeChat Pay sandbox alone, on SANDBOX_PORT (3001), as the documented
 * merchant (v2 and v3). Point any shop at it with the settings it prints; `npm start` does that by itself.
 */
import { ConfigError } from '../src/config-error.js';
import { createSandbox } from './sandbox.js';
import { sandboxPortFrom, shopEnvFor } from './sandbox.config.js';

async function main(): Promise<void> {
  const sandbox = createSandbox();
  const listening = await sandbox.listen(sandboxPortFrom(process.env));
  const settings = (v3: boolean) =>
    Object.entries(shopEnvFor(listening.url, sandbox.merchant, v3 ? sandbox.merchantV3 : undefined)).map(([name, value]) => `${name}=${value}`);
  console.log(
    [
      `WeChat Pay sandbox on ${listening.url} (merchant ${sandbox.merchant.mchId}, app ${sandbox.merchant.appId}, v3 mode ${sandbox.merchantV3.mode})`,
      '',
      'Point a shop at it, API v3:',
      `  ${settings(true).join(' ')} npm start`,
      'or API v2:',
      `  ${settings(false).join(' ')} npm start`,
      `Its control API: curl ${listening.url}/sandbox`,
    ].join('\n'),
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`sandbox: configuration error: ${error.message}`);
  else console.error('sandbox: failed to start:', error);
  process.exit(1);
});
