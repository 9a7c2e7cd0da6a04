import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (scripts/services.sh install puts it there), or the one CHROMIUM_PATH names. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath = CANDIDATES.find((path): path is string => Boolean(path && existsSync(path))) ?? null;

/** Where each main screen's picture goes, for a person to look at (not committed). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../screenshots/', import.meta.url));

let launched: Promise<Browser> | null = null;

/** One headless Chromium for the whole run: each test opens a context of its own in it. */
function sharedBrowser(): Promise<Browser> {
  launched ??= chromium.launch({ executablePath: chromiumPath ?? undefined, headless: true });
  return launched;
}

// A root-level hook: closes the shared browser once every suite is done.
after(async () => {
  if (launched) await (await launched).close();
});

/** A fresh tab (own storage) whose page errors and CSP refusals are collected, to be asserted empty. */
export interface Tab {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Script errors and Content-Security-Policy refusals seen so far. */
  readonly problems: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openTab(viewport = { width: 1280, height: 860 }): Promise<Tab> {
  const context = await (await sharedBrowser()).newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return {
    page,
    context,
    problems,
    async screenshot(name) {
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: () => context.close(),
  };
}

interface PageElement {
  readonly textContent: string | null;
  readonly attributes: Iterable<{ readonly name: string }>;
  getAttribute(name: string): string | null;
}

/**
 * What the tests read of a page inside `page.evaluate` (run in the browser, where `globalThis` is
 * the window): the tests compile without the DOM's types, so the few members used are named here.
 */
export interface PageGlobals {
  readonly document: {
    readonly activeElement: PageElement | null;
    readonly cookie: string;
    readonly documentElement: { readonly scrollWidth: number };
    querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
  };
  readonly innerWidth: number;
  readonly sessionStorage: { getItem(key: string): string | null };
  readonly localStorage: { readonly length: number };
  /** Set by the hostile data, were any of it to run. */
  readonly __pwned?: number;
}

let skipReported = false;

/**
 * `describe` for suites that need a browser. With Chromium installed they run; without it they
 * are skipped with a printed reason on a developer machine, and fail in CI (CI=true).
 */
export function describeInBrowser(title: string, suite: (this: Mocha.Suite) => void): void {
  if (chromiumPath) {
    describe(title, suite);
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(title, () => {
      it('needs Chromium in CI', () => {
        throw new Error('no Chromium found (/usr/bin/chromium or CHROMIUM_PATH); CI installs it with scripts/services.sh install');
      });
    });
    return;
  }
  if (!skipReported) {
    skipReported = true;
    console.log('  Browser suites skipped: no Chromium at /usr/bin/chromium (or CHROMIUM_PATH). Run `scripts/services.sh install` to include them.');
  }
  describe.skip(`${title} (skipped: no Chromium)`, suite);
}
