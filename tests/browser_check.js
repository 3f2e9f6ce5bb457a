// Loads HTML pages in headless Chromium (puppeteer-core, tools/node) and
// reports what ran in them, for outputs_test.py: dialogs opened, Content
// Security Policy violations, the scripts, event-handler attributes and
// images in the DOM, the links, and — for an index page — whether clicking
// a column header sorts the rows; for the dashboard, how many rows its
// filter and its search leave, and the page printed.
//
// usage: NODE_PATH=tools/node/node_modules node browser_check.js CHROMIUM JOBS_JSON
//   JOBS_JSON: [{"url": …, "screenshot": PNG path or null, "sort": bool,
//                "filter": a value of the index's filter, "search": words to type in its search box,
//                "pdf": where to print the page to (print media, A4)}]
// prints one JSON array, a result per job.
const puppeteer = require('puppeteer-core');

async function check(browser, job) {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', async d => { dialogs.push(d.message()); await d.dismiss(); });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  // before any of the page's own code: record what the policy blocks
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
  });
  await page.setViewport({width: 1280, height: 900});
  await page.goto(job.url, {waitUntil: 'load'});
  await new Promise(r => setTimeout(r, 300));  // an onerror or timer would have run by now
  const dom = await page.evaluate(() => ({
    scripts: [...document.scripts].map(s => s.textContent),
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
      .filter(n => n.startsWith('on')),
    images: document.images.length,
    hrefs: [...document.querySelectorAll('[href]')].map(a => a.getAttribute('href')),
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
    violations: window.__violations,
  }));
  let sorted = null;
  if (job.sort) {
    const column = i => page.$$eval('#reports tbody tr', (rows, i) => rows.map(r => r.cells[i].innerText), i);
    const before = await column(0);
    await page.click('#reports th:nth-child(1)');
    const up = await column(0);
    await page.click('#reports th:nth-child(1)');
    const down = await column(0);
    sorted = {before, up, down};
  }
  let shown = null;
  if (job.filter !== undefined || job.search !== undefined) {
    const visible = () => page.$$eval('#reports tbody tr', rows => rows.filter(r => !r.hidden).length);
    shown = {};
    if (job.filter !== undefined) {
      await page.select('#f', job.filter);
      shown.filter = await visible();
      await page.select('#f', '');
    }
    if (job.search !== undefined) {
      await page.type('#q', job.search);
      shown.search = await visible();
      await page.$eval('#q', q => { q.value = ''; q.dispatchEvent(new Event('input')); });
    }
    shown.all = await visible();
  }
  if (job.screenshot) await page.screenshot({path: job.screenshot, fullPage: true});
  if (job.pdf) await page.pdf({path: job.pdf, format: 'A4', printBackground: true});
  await page.close();
  return {url: job.url, dialogs, errors, sorted, shown, ...dom};
}

(async () => {
  const [chromium, jobsJson] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  try {
    const results = [];
    for (const job of JSON.parse(jobsJson)) results.push(await check(browser, job));
    console.log(JSON.stringify(results));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
