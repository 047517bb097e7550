// Times a map written by `dealgraph html` in headless Chromium: how long until it is drawn,
// and how long a filter, the date slider and a search take to show. Prints one JSON line of
// medians (milliseconds) over the runs asked for. bench/map.sh runs it.
//
//   node tests/browser/bench-map.mjs MAP.html [RUNS]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const [page_path, runs_text] = process.argv.slice(2);
const runs = Number(runs_text || 3);
const url = pathToFileURL(resolve(page_path)).href;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds until what `action` changed has been painted: two animation frames later. */
const painted = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))`;

const samples = { first_render: [], filter_type: [], slider: [], search: [] };
for (let run = 0; run < runs; run += 1) {
  const { browser, close } = await launch();
  try {
    const page = browser.pages()[0] || await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.dealgraphMap && window.dealgraphMap.ready);
    // From navigation start until the map's first frame is painted.
    samples.first_render.push(await page.evaluate(painted));
    const marks = await page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType('mark').map((mark) => [mark.name.replace('dealgraph:', ''), mark.startTime])));
    for (const [name, at] of Object.entries(marks)) (samples[name] ||= []).push(at);
    samples.filter_type.push(await page.evaluate(async (painted) => {
      const start = performance.now();
      const box = document.querySelector('#types input[value="investment"]');
      box.checked = false;
      box.dispatchEvent(new Event('change'));
      return (await eval(painted)) - start;
    }, painted));
    samples.slider.push(await page.evaluate(async (painted) => {
      const slider = document.getElementById('asof');
      const start = performance.now();
      slider.value = String(Math.floor(Number(slider.max) / 2));
      slider.dispatchEvent(new Event('input'));
      return (await eval(painted)) - start;
    }, painted));
    samples.search.push(await page.evaluate(async (painted) => {
      const input = document.getElementById('search');
      const start = performance.now();
      input.value = 'a';
      input.dispatchEvent(new Event('input'));
      return (await eval(painted)) - start;
    }, painted));
  } finally {
    await close();
  }
}
const counts = { runs };
for (const [name, values] of Object.entries(samples)) counts[`${name}_ms`] = Math.round(median(values));
process.stdout.write(`${JSON.stringify(counts)}\n`);
