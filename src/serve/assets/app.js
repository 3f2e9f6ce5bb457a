// The page of ogicheck serve: uploads the drafts, shows the verdict first,
// then each finding with its place, fix text and basis. No external request:
// everything comes from this server (the CSP allows nothing else).
"use strict";
const token = new URLSearchParams(location.search).get("token") || "";
let lang = "zh", rules = {}, last = null;
const words = {
  zh: { ok: "可以发布", bad: (e, w) => `需修改：${e} 项错误，${w} 项警告`, error: "错误", warning: "警告", info: "提示",
        fix: "修改方法：", basis: "依据：", none: "未发现问题", checking: "正在检查……", unreadable: "无法读取：",
        annotated: "带批注的文稿：", tables: "统计表（标出问题单元格）：", page: p => `第 ${p} 页`, paragraph: p => `第 ${p} 段`, line: (l, c) => `第 ${l} 行第 ${c} 列`, other: "English" },
  en: { ok: "Ready to publish", bad: (e, w) => `Needs changes: ${e} errors, ${w} warnings`, error: "error", warning: "warning",
        info: "note", fix: "How to fix: ", basis: "Basis: ", none: "No problem found", checking: "Checking…",
        unreadable: "Cannot be read: ", annotated: "With comments: ", tables: "Tables (wrong cells marked): ", page: p => `page ${p}`, paragraph: p => `paragraph ${p}`,
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
  for (const r of last.reports) {
    const box = el("div", "report");
    box.append(el("h2", null, r.source || ""));
    if (r.error) { unreadable++; box.append(el("p", "unreadable", w.unreadable + r.error)); results.append(box); continue; }
    const findings = r.findings || [];
    if (!findings.length) box.append(el("p", "clean", w.none));
    for (const f of findings) {
      if (f.severity === "error") errors++;
      if (f.severity === "warning") warnings++;
      const item = el("div", "finding " + f.severity);
      item.dataset.rule = f.rule;
      item.append(el("div", "message", `${w[f.severity] || f.severity}[${f.rule}]: ${f.message}`));
      const place = where(f, r);
      if (place) item.append(el("div", "where", place));
      const rule = rules[f.rule];
      if (rule && rule.fix[lang]) item.append(el("div", "fix", w.fix + rule.fix[lang]));
      if (rule && rule.basis[lang]) item.append(el("div", "basis", w.basis + rule.basis[lang]));
      box.append(item);
    }
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
  const form = document.getElementById("upload"), drop = document.getElementById("drop"), input = document.getElementById("files");
  form.addEventListener("submit", e => { e.preventDefault(); if (input.files.length) check(input.files); });
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); check(e.dataTransfer.files); });
  document.getElementById("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; relabel(); });
  document.body.dataset.ready = "1";
});
