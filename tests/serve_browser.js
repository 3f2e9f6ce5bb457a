// Drives the page of ogicheck serve in headless Chromium (puppeteer-core,
// tools/node): for each job, uploads the files through the page's file
// input, waits for the verdict and reports what the page shows, with a
// screenshot. usage: NODE_PATH=tools/node/node_modules node serve_browser.js CHROMIUM URL JOBS_JSON
//   JOBS_JSON: [{"files": [paths], "screenshot": PNG path, "tablesScreenshot": PNG of the first
//               report's drawn tables, "lang": "en" to switch first}]
// prints one JSON array, a result per job: the verdict, the findings, the
// downloads, and per report the drawn tables' structure (table 二's
// sub-tables, table 三's header and row-label spans, table 四's header and
// data line) and the marked cells with their tooltips and links.
const puppeteer = require('puppeteer-core');

async function run(browser, url, job) {
  const page = await browser.newPage();
  const violations = [], errors = [], requests = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('request', r => requests.push(r.url()));
  await page.evaluateOnNewDocument(() => document.addEventListener('securitypolicyviolation',
    e => (window.__violations = window.__violations || []).push(e.violatedDirective)));
  await page.setViewport({width: 1100, height: 1400});
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForSelector('body[data-ready="1"]');
  if (job.lang === 'en') await page.click('#lang');
  const input = await page.$('#files');
  await input.uploadFile(...job.files);
  await page.click('#go');
  await page.waitForSelector('#verdict span', {timeout: 60000});
  const shown = await page.evaluate(() => ({
    verdict: document.querySelector('#verdict span').textContent,
    findings: [...document.querySelectorAll('.finding')].map(f => ({
      rule: f.dataset.rule, text: f.textContent, fix: f.querySelector('.fix')?.textContent ?? null,
      where: f.querySelector('.where')?.textContent ?? null})),
    reports: [...document.querySelectorAll('.report h2')].map(h => h.textContent),
    downloads: [...document.querySelectorAll('#downloads button')].map(b => b.textContent),
    violations: window.__violations || [],
    // the tables drawn as the form prints them, per report
    tables: [...document.querySelectorAll('.report')].map(box => {
      const heads = t => [...t.querySelectorAll('thead tr')].map(tr => [...tr.children].map(c => ({
        text: c.textContent, colspan: c.colSpan, rowspan: c.rowSpan})));
      const one = id => box.querySelector(`.form-table[data-table="${id}"]`);
      const t2 = one('active_disclosure'), t3 = one('applications'), t4 = one('review_litigation');
      return {
        active_disclosure: t2 && [...t2.querySelectorAll('table.sub')].map(t => ({
          block: t.dataset.block, head: heads(t), rows: [...t.querySelectorAll('tbody tr')].map(tr => tr.children[0].textContent)})),
        applications: t3 && {head: heads(t3.querySelector('table')),
          labels: [...t3.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('th')].map(c => ({text: c.textContent, rowspan: c.rowSpan, colspan: c.colSpan}))),
          cells: t3.querySelectorAll('tbody td.cell').length},
        review_litigation: t4 && {head: heads(t4.querySelector('table')),
          data: [...t4.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(c => c.dataset.row + '.' + c.dataset.col))},
        marked: [...box.querySelectorAll('.form-table td.cell.error, .form-table td.cell.warning')].map(td => ({
          table: td.closest('.form-table').dataset.table, row: td.dataset.row, col: td.dataset.col,
          severity: td.classList.contains('error') ? 'error' : 'warning', title: td.title,
          links: [...td.querySelectorAll('a.ref')].map(a => ({text: a.textContent, href: a.getAttribute('href'),
            target: document.querySelector(a.getAttribute('href'))?.dataset.rule ?? null}))})),
      };
    }),
  }));
  if (job.tablesScreenshot) {
    const t = await page.$('.report .form-tables');
    if (t) await t.screenshot({path: job.tablesScreenshot});
  }
  if (job.screenshot) await page.screenshot({path: job.screenshot, fullPage: true});
  await page.close();
  return {...shown, errors, foreign: requests.filter(r => !r.startsWith(new URL(url).origin))};
}

(async () => {
  const [chromium, url, jobs] = [process.argv[2], process.argv[3], JSON.parse(process.argv[4])];
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  try {
    const results = [];
    for (const job of jobs) results.push(await run(browser, url, job));
    console.log(JSON.stringify(results));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
