// The page of ogicheck serve: uploads the drafts, shows the verdict first,
// then each finding with its place, fix text and basis. No external request:
// everything comes from this server (the CSP allows nothing else).
"use strict";
const token = new URLSearchParams(location.search).get("token") || "";
let lang = "zh", rules = {}, layouts = {}, last = null;
const words = {
  zh: { ok: "可以发布", bad: (e, w) => `需修改：${e} 项错误，${w} 项警告`, error: "错误", warning: "警告", info: "提示",
        fix: "修改方法：", basis: "依据：", none: "未发现问题", checking: "正在检查……", unreadable: "无法读取：",
        annotated: "带批注的文稿：", tables: "统计表（标出问题单元格）：", drawn: "报告中的统计表（标红的单元格有问题，数字指向上面的问题）", finding: n => `问题 ${n}`, page: p => `第 ${p} 页`, paragraph: p => `第 ${p} 段`, line: (l, c) => `第 ${l} 行第 ${c} 列`, other: "English" },
  en: { ok: "Ready to publish", bad: (e, w) => `Needs changes: ${e} errors, ${w} warnings`, error: "error", warning: "warning",
        info: "note", fix: "How to fix: ", basis: "Basis: ", none: "No problem found", checking: "Checking…",
        unreadable: "Cannot be read: ", annotated: "With comments: ", tables: "Tables (wrong cells marked): ", drawn: "The report's tables (marked cells are wrong; the numbers lead to the findings above)", finding: n => `finding ${n}`, page: p => `page ${p}`, paragraph: p => `paragraph ${p}`,
        line: (l, c) => `line ${l}, column ${c}`, other: "中文" },
};
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };

// The place as Word, WPS or a PDF viewer lets a clerk find it (the table,
// row and column are named in the message, as the form names them).
function where(f, report) {
  const w = words[lang], at = f.location || {}, parts = [];
  if (at.page) parts.push(w.page(at.page));
  // DOCX locations count the body's paragraphs and table rows
  if (at.line && report.format === "docx") parts.push(w.paragraph(at.line));
  else if (at.line) parts.push(w.line(at.line, at.column));
  return parts.join("，");
}

function render() {
  if (!last) return;
  const w = words[lang], verdict = document.getElementById("verdict"), results = document.getElementById("results");
  verdict.replaceChildren();
  results.replaceChildren();
  let errors = 0, warnings = 0, unreadable = 0;
  for (const [ri, r] of last.reports.entries()) {
    const box = el("div", "report");
    box.append(el("h2", null, r.source || ""));
    if (r.error) { unreadable++; box.append(el("p", "unreadable", w.unreadable + r.error)); results.append(box); continue; }
    const findings = r.findings || [];
    if (!findings.length) box.append(el("p", "clean", w.none));
    findings.forEach((f, i) => {
      if (f.severity === "error") errors++;
      if (f.severity === "warning") warnings++;
      const item = el("div", "finding " + f.severity);
      item.dataset.rule = f.rule;
      item.id = `f${ri}-${i + 1}`;
      const message = el("div", "message");
      message.append(el("span", "num", String(i + 1)), `${w[f.severity] || f.severity}[${f.rule}]: ${f.message}`);
      item.append(message);
      const place = where(f, r);
      if (place) item.append(el("div", "where", place));
      const rule = rules[f.rule];
      if (rule && rule.fix[lang]) item.append(el("div", "fix", w.fix + rule.fix[lang]));
      if (rule && rule.basis[lang]) item.append(el("div", "basis", w.basis + rule.basis[lang]));
      box.append(item);
    });
    const drawn = drawTables(r, ri);
    if (drawn) box.append(drawn);
    results.append(box);
  }
  const ok = errors === 0 && unreadable === 0;
  verdict.append(el("span", ok ? "ok" : "bad", ok ? w.ok : w.bad(errors, warnings)));
  const downloads = el("div", "downloads");
  downloads.id = "downloads";
  for (const format of ["json", "csv", "sarif"])
    downloads.append(button(format.toUpperCase(), () => fetchDownload(format, last.files, "ogicheck." + (format === "json" ? "jsonl" : format))));
  for (const f of last.files) {
    const stem = f.name.replace(/\.[^.]*$/, "");
    if (/\.docx$/i.test(f.name)) downloads.append(button(w.annotated + f.name, () => fetchDownload("docx", [f], stem + ".批注.docx")));
    downloads.append(button(w.tables + f.name, () => fetchDownload("html", [f], stem + ".html")));
  }
  verdict.append(downloads);
}

// The report's tables drawn as the form prints them. The layout is data:
// /layouts.json, from the profile the report was read with (captions, header
// bands, column groups, the rows' sub-tables and label groups); the figures
// are the check's (tables[].cells[]). Each cell a finding points at is
// marked with the finding's severity, its message as tooltip and its number
// linking to it.
const key = (t, r, c) => `${t}|${r}|${c}`;

function findingCells(f) {
  const out = [];
  // a finding about a whole row (no column) marks each of its cells
  const add = (t, r, c) => { if (t && r) out.push(key(t, r, c || "*")); };
  add(f.table, f.row, f.col);
  const at = f.location || {};
  add(at.table || f.table, at.row, at.col);
  // an identity's cells (with their printed text) outline the check: only the
  // one most likely wrong is marked; the cells a stated number was compared
  // with (no text) are all the finding is about
  for (const c of f.cells || at.cells || []) if (c.text === undefined || c.suspect) add(c.table || f.table, c.row, c.col);
  return [...new Set(out)];
}

function drawTables(report, ri) {
  const specs = layouts[report.profile];
  if (!specs || !report.tables) return null;
  const w = words[lang], marks = new Map();
  (report.findings || []).forEach((f, i) => {
    for (const k of findingCells(f)) {
      if (!marks.has(k)) marks.set(k, []);
      marks.get(k).push({n: i + 1, f});
    }
  });
  const box = el("div", "form-tables");
  box.append(el("h3", null, w.drawn));
  for (const spec of specs) {
    const data = report.tables.find(t => t.id === spec.id);
    if (!data || !data.found) continue;
    const values = new Map(data.cells.map(c => [key(spec.id, c.row, c.col), c]));
    const hasRow = id => data.cells.some(c => c.row === id);
    const rows = spec.rows.filter(r => !r.replaced || hasRow(r.id));
    const cell = (row, col) => {
      const k = key(spec.id, row, col), c = values.get(k), td = el("td", "cell", c ? (c.text ?? String(c.value)) : "");
      td.dataset.row = row;
      td.dataset.col = col;
      const on = [...(marks.get(k) || []), ...(marks.get(key(spec.id, row, "*")) || [])];
      if (on.length) {
        td.classList.add(on.some(m => m.f.severity === "error") ? "error" : on.some(m => m.f.severity === "warning") ? "warning" : "info");
        td.title = on.map(m => `${m.n}. [${m.f.rule}] ${m.f.message}`).join("\n");
        for (const m of on) {
          const a = el("a", "ref", String(m.n));
          a.href = `#f${ri}-${m.n}`;
          const sup = el("sup");
          sup.append(a);
          td.append(sup);
        }
      }
      return td;
    };
    const part = el("section", "form-table");
    part.dataset.table = spec.id;
    part.append(el("h4", null, spec.caption));
    if (spec.one_line) part.append(oneLine(spec, rows, cell));
    else if (rows.some(r => r.block)) for (const t of stacked(spec, rows, cell)) part.append(t);
    else part.append(grouped(spec, rows, cell));
    box.append(part);
  }
  return box;
}

function th(text, colspan, rowspan) {
  const e = el("th", null, text);
  if (colspan > 1) e.colSpan = colspan;
  if (rowspan > 1) e.rowSpan = rowspan;
  return e;
}

// Runs of consecutive items with the same key: [{key, items}].
function runs(items, keyOf) {
  const out = [];
  for (const it of items) {
    const k = keyOf(it);
    if (out.length && out[out.length - 1].key === k) out[out.length - 1].items.push(it);
    else out.push({key: k, items: [it]});
  }
  return out;
}

// Table 二: stacked sub-tables, each with its caption row and its own columns.
function stacked(spec, rows, cell) {
  return runs(rows, r => r.block).map(({key: block, items}) => {
    const cols = spec.columns.filter(c => items.some(r => r.columns.includes(c.id)));
    const table = el("table", "sub"), head = el("thead"), body = el("tbody");
    table.dataset.block = block;
    head.append(el("tr"), el("tr"));
    head.rows[0].append(th(block, cols.length + 1));
    head.rows[1].append(th(spec.corner || ""), ...cols.map(c => th(c.label)));
    for (const r of items) {
      const tr = el("tr");
      tr.append(th(r.label), ...cols.map(c => r.columns.includes(c.id) ? cell(r.id, c.id) : el("td", "none")));
      body.append(tr);
    }
    table.append(head, body);
    return table;
  });
}

// Table 三: a header band, grouped columns, and up to three label columns
// (the row's group's group, its group, its label), groups spanning their rows.
function grouped(spec, rows, cell) {
  const grouping = spec.columns.some(c => c.group);
  const depth = 1 + (rows.some(r => r.group) ? 1 : 0) + (rows.some(r => r.within) ? 1 : 0);
  const table = el("table", "grouped"), head = el("thead"), body = el("tbody");
  const heads = (spec.header ? 1 : 0) + (grouping ? 2 : 1);
  for (let i = 0; i < heads; i++) head.append(el("tr"));
  head.rows[0].append(th(spec.corner || "", depth, heads));
  if (spec.header) head.rows[0].append(th(spec.header, spec.columns.length));
  const first = head.rows[spec.header ? 1 : 0];
  for (const {key: group, items} of runs(spec.columns, c => c.group || "#" + c.id)) {
    if (items[0].group) {
      first.append(th(group, items.length));
      head.rows[heads - 1].append(...items.map(c => th(c.label)));
    } else first.append(th(items[0].label, 1, grouping ? 2 : 1));
  }
  const top = r => r.within || r.group || "", mid = r => (r.within ? r.group : "");
  const topStart = new Map(), midStart = new Map();
  for (const run of runs(rows, top)) if (run.key) topStart.set(run.items[0], run.items.length);
  for (const run of runs(rows, r => top(r) + "|" + mid(r))) if (mid(run.items[0])) midStart.set(run.items[0], run.items.length);
  for (const r of rows) {
    const tr = el("tr");
    if (topStart.has(r)) tr.append(th(top(r), 1, topStart.get(r)));
    if (midStart.has(r)) tr.append(th(mid(r), 1, midStart.get(r)));
    tr.append(th(r.label, depth - (top(r) ? 1 : 0) - (mid(r) ? 1 : 0)));
    tr.lastChild.className = "label";
    tr.append(...spec.columns.filter(c => r.columns.includes(c.id)).map(c => cell(r.id, c.id)));
    body.append(tr);
  }
  table.append(head, body);
  return table;
}

// Table 四: printed as one line of numbers under the rows as header bands
// (a row's block over the rows that share it, the row, then its columns).
function oneLine(spec, rows, cell) {
  const banded = rows.some(r => r.block), heads = banded ? 3 : 2;
  const table = el("table", "one-line"), head = el("thead"), body = el("tbody"), data = el("tr");
  for (let i = 0; i < heads; i++) head.append(el("tr"));
  for (const {items} of runs(rows, r => r.block || "#" + r.id)) {
    const width = items.reduce((n, r) => n + r.columns.length, 0);
    if (!items[0].block) {
      const r = items[0];
      head.rows[0].append(th(r.label, width));
      head.rows[1].append(...r.columns.map(c => th(spec.columns.find(x => x.id === c).label, 1, heads - 1)));
    } else {
      head.rows[0].append(th(items[0].block, width));
      for (const r of items) {
        head.rows[1].append(th(r.label, r.columns.length));
        head.rows[2].append(...r.columns.map(c => th(spec.columns.find(x => x.id === c).label)));
      }
    }
  }
  for (const r of rows) data.append(...r.columns.map(c => cell(r.id, c)));
  body.append(data);
  table.append(head, body);
  return table;
}

function button(label, action) {
  const b = el("button", null, label);
  b.type = "button";
  b.addEventListener("click", action);
  return b;
}

// The server keeps nothing: a download sends the same files again.
async function fetchDownload(format, files, name) {
  const response = await fetch(`/download?token=${encodeURIComponent(token)}&lang=${lang}&format=${format}`,
                               { method: "POST", body: form(files) });
  if (!response.ok) { document.getElementById("status").textContent = (await response.json()).error; return; }
  const a = el("a");
  a.href = URL.createObjectURL(await response.blob());
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function form(files) {
  const body = new FormData();
  for (const f of files) body.append("draft", f, f.name);
  const previous = document.getElementById("previous").files[0];
  if (previous) body.append("previous", previous, previous.name);
  return body;
}

function relabel() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-zh]")) e.textContent = e.dataset[lang];
  document.getElementById("lang").textContent = words[lang].other;
  render();
}

async function check(files) {
  const status = document.getElementById("status");
  files = [...files];
  status.textContent = words[lang].checking;
  const response = await fetch(`/check?token=${encodeURIComponent(token)}&lang=${lang}`, { method: "POST", body: form(files) });
  const answer = await response.json();
  status.textContent = answer.error || "";
  if (response.ok) { last = { ...answer, files }; render(); }
}

document.addEventListener("DOMContentLoaded", async () => {
  rules = await (await fetch(`/rules.json?token=${encodeURIComponent(token)}`)).json();
  layouts = await (await fetch(`/layouts.json?token=${encodeURIComponent(token)}`)).json();
  const form = document.getElementById("upload"), drop = document.getElementById("drop"), input = document.getElementById("files");
  form.addEventListener("submit", e => { e.preventDefault(); if (input.files.length) check(input.files); });
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); check(e.dataTransfer.files); });
  document.getElementById("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; relabel(); });
  document.body.dataset.ready = "1";
});
