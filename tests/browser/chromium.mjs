// Chromium as the tests and the benchmark run it: the system's own ($CHROMIUM, else
// /usr/bin/chromium), headless, in a profile of its own that is removed on close.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts Chromium: no sandbox (CI runs as root), no calls home, a 1400x900 window. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'dealgraph-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: async () => { await browser.close(); rmSync(profile, { recursive: true, force: true }); } };
}

