// A screenshot of a map written by `dealgraph html`, in a view given by a fragment:
//
//   node tests/browser/screenshot.mjs MAP.html OUT.png ['#company=openai']
//
// The README's picture of the map is made so (docs/map.sh).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const [page_path, out, fragment] = process.argv.slice(2);
if (!page_path || !out) {
  console.error("usage: node screenshot.mjs MAP.html OUT.png ['#fragment']");
  process.exit(2);
}
const { browser, close } = await launch();
try {
  const page = browser.pages()[0] || await browser.newPage();
  await page.goto(pathToFileURL(resolve(page_path)).href + (fragment || ''));
  await page.waitForFunction(() => window.dealgraphMap && window.dealgraphMap.ready);
  await page.screenshot({ path: out });
} finally {
  await close();
}
