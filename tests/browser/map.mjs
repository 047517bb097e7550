// Drives a map written by `dealgraph html` in headless Chromium, as a reader would, and prints
// what the page showed as JSON; tests/html.rs compares that with the command line's answers.
// Screenshots of each state go to the folder given.
//
//   node tests/browser/map.mjs MAP.html SCREENSHOT_DIR
//
// The browser is the system's Chromium ($CHROMIUM, else /usr/bin/chromium), driven by
// playwright-core (npm ci in this folder); nothing is downloaded.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const [page_path, shots] = process.argv.slice(2);
if (!page_path || !shots) {
  console.error('usage: node map.mjs MAP.html SCREENSHOT_DIR');
  process.exit(2);
}

const report = { console_errors: [] };
const { browser, close } = await launch();
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') report.console_errors.push(message.text());
  });
  page.on('pageerror', (error) => report.console_errors.push(String(error)));
  const url = pathToFileURL(resolve(page_path)).href;
  await page.goto(url);
  await page.waitForFunction(() => window.dealgraphMap && window.dealgraphMap.ready);
  report.loaded = await page.evaluate(() => ({
    companies: window.dealgraphMap.cy.nodes().length,
    relations: window.dealgraphMap.cy.edges().length,
    status: document.getElementById('status').textContent,
  }));
  await page.screenshot({ path: join(shots, '1-loaded.png') });

  // Searching as a reader types, then Enter.
  await page.click('#search');
  await page.keyboard.type('Open AI');
  report.hits = await page.$$eval('#hits li', (items) => items.map((item) => item.dataset.id));
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel:not([hidden]) h2');
  report.panel = await page.evaluate(() => ({
    company: document.querySelector('#panel h2').dataset.id,
    relations: [...document.querySelectorAll('#panel li.relation')].map((item) => item.dataset.key),
    urls: [...document.querySelectorAll('#panel .sources a')].map((link) => link.getAttribute('href')),
    selected: window.dealgraphMap.cy.$(':selected').map((element) => element.id()),
  }));
  await page.screenshot({ path: join(shots, '2-search-openai.png') });

  // A click on a relation shows its sources.
  const first_relation = report.panel.relations[0];
  await page.click(`#panel li.relation[data-key="${first_relation}"] a.relation-link`);
  report.relation_panel = await page.evaluate(() => ({
    key: document.querySelector('#panel h2').dataset.key,
    urls: [...document.querySelectorAll('#panel .sources a')].map((link) => link.getAttribute('href')),
  }));

  // The path finder.
  await page.fill('#path-from', 'Crusoe');
  await page.fill('#path-to', 'OpenAI');
  await page.click('#path-find');
  await page.waitForSelector('#paths li');
  report.paths = await page.evaluate(() => ({
    listed: [...document.querySelectorAll('#paths li[data-nodes]')].map((item) => item.dataset.nodes.split(',')),
    lit_companies: window.dealgraphMap.cy.nodes('.lit').map((node) => node.id()).sort(),
    lit_relations: window.dealgraphMap.cy.edges('.lit').map((edge) => edge.id()).sort(),
  }));
  await page.screenshot({ path: join(shots, '3-path-crusoe-openai.png') });
  await page.click('#path-clear');

  // A conflict and a loop of money, highlighted on request.
  report.highlights = {};
  await page.click('summary:text("Highlight")');
  for (const which of ['conflict', 'cycle']) {
    await page.selectOption(`#${which}`, '0');
    report.highlights[which] = await page.evaluate((which) => ({
      label: document.querySelector(`#${which} option[value="0"]`).textContent,
      lit_companies: window.dealgraphMap.cy.nodes('.lit').map((node) => node.id()).sort(),
      lit_relations: window.dealgraphMap.cy.edges('.lit').map((edge) => edge.id()).sort(),
    }), which);
    await page.screenshot({ path: join(shots, `3-${which}.png`) });
    await page.selectOption(`#${which}`, '');
  }

  // The date slider.
  await page.evaluate(() => window.dealgraphMap.setAsOf('2024-01'));
  report.as_of = await page.evaluate(() => ({
    label: window.dealgraphMap.state.asOf,
    shown: window.dealgraphMap.cy.edges().not('.hidden').map((edge) => edge.id()).sort(),
    fragment: location.hash,
  }));
  await page.screenshot({ path: join(shots, '4-as-of-2024-01.png') });

  // Exports of the view.
  report.exports = await page.evaluate(() => {
    const svg = window.dealgraphMap.svg();
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return {
      svg_error: parsed.getElementsByTagName('parsererror').length > 0,
      svg_root: parsed.documentElement.nodeName,
      svg_texts: [...parsed.getElementsByTagName('text')].map((text) => text.textContent),
      svg_paths: parsed.getElementsByTagName('path').length,
      png_prefix: window.dealgraphMap.cy.png({ full: false }).slice(0, 22),
    };
  });

  // A link with the fragment reopens the view.
  await page.evaluate(() => { window.dealgraphMap.state.company = 'oracle'; window.dealgraphMap.update(); });
  const link = await page.evaluate(() => location.href);
  const again = await browser.newPage();
  again.on('pageerror', (error) => report.console_errors.push(String(error)));
  await again.goto(link);
  await again.waitForFunction(() => window.dealgraphMap && window.dealgraphMap.ready);
  report.reopened = await again.evaluate(() => ({
    as_of: window.dealgraphMap.state.asOf,
    company: document.querySelector('#panel h2') && document.querySelector('#panel h2').dataset.id,
    shown: window.dealgraphMap.cy.edges().not('.hidden').length,
    slider: document.getElementById('asof-label').textContent,
  }));
  await again.screenshot({ path: join(shots, '5-reopened-link.png') });
} finally {
  await close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);
