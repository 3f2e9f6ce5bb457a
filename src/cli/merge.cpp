// `ogicheck merge`: the reports of JSON Lines parts (check --format json,
// one process per shard) back into Reports and findings, then through the
// same reporters as a check. What the JSON does not carry of the model
// (labels of parts, rows and columns, cells not located) comes from the
// report's profile, as the segmenter filled it in.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <variant>

#include <nlohmann/json.hpp>

#include "cli/workflow.h"
#include "doc/files.h"
#include "doc/limits.h"
#include "report/escape.h"
#include "report/reporters.h"

namespace ogi {
namespace {

using nlohmann::json;

Span span_of(const json& j) {
  Span s;
  if (!j.is_object()) return s;
  s.page = j.value("page", 0);
  s.line = j.value("line", 0);
  s.column = j.value("column", 0);
  if (const auto b = j.find("bbox"); b != j.end() && b->is_array() && b->size() == 4)
    s.x0 = (*b)[0].get<float>(), s.y0 = (*b)[1].get<float>(), s.x1 = (*b)[2].get<float>(), s.y1 = (*b)[3].get<float>();
  return s;
}

std::string text(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& none() {
  static const json empty = json::array();
  return empty;
}

// j[key], or an empty list when j has none
const json& member(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() ? *it : none();
}

const json* find_by_id(const json& list, const std::string& key, const std::string& id) {
  for (const auto& x : list)
    if (x.is_object() && text(x, key.c_str()) == id) return &x;
  return nullptr;
}

RowMatch match_of(const std::string& name) {
  for (RowMatch m : {RowMatch::exact, RowMatch::variant, RowMatch::fuzzy, RowMatch::fragment, RowMatch::position, RowMatch::balance})
    if (name == match_name(m)) return m;
  return RowMatch::missing;
}

CellResult cell_of(const std::string& row, const std::string& col, const json* j) {
  CellResult c;
  c.row = row, c.col = col;
  if (!j) return c;  // not located
  c.text = text(*j, "text");
  c.span = span_of(member(*j, "location"));
  c.recovered = j->value("recovered", false);
  c.unit = text(*j, "unit");
  c.chinese_numeral = j->value("chinese_numeral", false);
  const auto v = j->find("value");
  if (v != j->end() && v->is_number()) c.status = CellStatus::number, c.value = v->get<double>();
  else c.status = c.text.empty() ? CellStatus::blank : CellStatus::text;
  return c;
}

TableResult table_of(const TableSpec& spec, const json* j) {
  TableResult t;
  t.id = spec.id, t.part = spec.part;
  t.caption = spec.caption;
  for (const auto& c : spec.columns) t.columns.push_back({c.id, c.label});
  if (j) t.found = j->value("found", false);
  const json& rows = j ? member(*j, "rows") : none();
  const json& cells = j ? member(*j, "cells") : none();
  for (const auto& r : spec.rows) {
    RowResult row;
    row.id = r.id, row.label = r.group.empty() ? r.label : r.group + " " + r.label;  // as the segmenter labels rows
    if (const json* rj = find_by_id(rows, "id", r.id)) {
      row.match = match_of(text(*rj, "match"));
      row.printed = text(*rj, "printed");
      row.span = span_of(member(*rj, "location"));
    }
    t.rows.push_back(row);
    for (const auto& col : spec.columns_of(r)) {
      const json* cj = nullptr;
      for (const auto& c : cells)
        if (c.is_object() && text(c, "row") == r.id && text(c, "col") == col) cj = &c;
      t.cells.push_back(cell_of(r.id, col, cj));
    }
  }
  return t;
}

Report report_of(const json& j, const std::vector<Profile>& profiles) {
  Report r;
  r.source = text(j, "source");
  r.format = text(j, "format");
  r.profile = text(j, "profile");
  r.year = j.contains("year") && j["year"].is_number_integer() ? j["year"].get<int>() : 0;
  r.title = text(j, "title");
  r.agency = text(j, "agency");
  r.entity = text(j, "entity");
  if (const json& p = member(j, "published"); p.is_object()) r.published = text(p, "date"), r.published_source = text(p, "source");
  r.previous = text(j, "previous");
  const auto profile = std::find_if(profiles.begin(), profiles.end(), [&](const Profile& p) { return p.id == r.profile; });
  if (profile == profiles.end()) return r;
  r.profile_name = profile->name;
  for (const auto& spec : profile->parts) {
    PartResult part;
    part.id = spec.id, part.ordinal_expected = spec.ordinal, part.label = spec.label;
    if (const json* s = find_by_id(member(j, "sections"), "id", spec.id)) {
      part.found = s->value("found", false);
      part.heading = text(*s, "heading");
      part.span = span_of(member(*s, "location"));
    }
    r.parts.push_back(part);
  }
  for (const auto& spec : profile->tables) r.tables.push_back(table_of(spec, find_by_id(member(j, "tables"), "id", spec.id)));
  return r;
}

Finding finding_of(const json& j) {
  Finding f;
  f.rule = text(j, "rule");
  if (!parse_severity(text(j, "severity"), f.severity)) f.severity = Severity::warning;
  f.message = text(j, "message");
  f.location = span_of(member(j, "location"));
  f.expected = text(j, "expected"), f.actual = text(j, "actual");
  f.part = text(j, "part"), f.table = text(j, "table"), f.row = text(j, "row"), f.col = text(j, "col");
  f.fingerprint = text(j, "fingerprint");
  f.undecided_of = text(j, "undecided_of");
  if (const json& cells = member(j, "cells"); cells.is_array())
    for (const json& c : cells) f.cells.push_back({text(c, "table"), text(c, "row"), text(c, "col"),
                          c.contains("text") ? std::optional(text(c, "text")) : std::nullopt, c.value("suspect", false)});
  if (const json& r = member(j, "review"); r.is_object())
    f.review = {text(r, "state"), text(r, "reason"), text(r, "reviewer"), text(r, "date"), r.value("closed", false)};
  return f;
}

// One line of a part: a report with its findings, or an input that could not be checked.
struct Unreadable {
  std::string source, code, message;
};
struct Checked {
  Report report;
  std::vector<Finding> findings;
};
using Record = std::variant<Checked, Unreadable>;

const std::string& source_of(const Record& r) {
  return std::holds_alternative<Checked>(r) ? std::get<Checked>(r).report.source : std::get<Unreadable>(r).source;
}

// Every line of every part. Throws InputError naming the part and line.
std::vector<Record> read_parts(const std::vector<std::string>& parts, const std::vector<Profile>& profiles) {
  std::vector<Record> records;
  for (const auto& path : parts) {
    try {
      regular_file_size(path, limits::merge_part_bytes);
    } catch (const InputError& e) {
      throw InputError(e.code, "JSON Lines 文件 " + path + "：" + e.zh, "the JSON Lines part " + path + ": " + e.en);
    }
    std::ifstream in(path, std::ios::binary);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
      const std::string where = path + ":" + std::to_string(++n);
      if (line.size() > limits::merge_line_bytes) throw InputError("limit", where + "：行过长", where + ": the line is too long");
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const InputError not_ours("open", where + "：不是 check --format json 的输出行", where + ": not a line of check --format json");
      const json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || text(j, "source").empty()) throw not_ours;
      if (j.contains("error")) {
        records.push_back(Unreadable{text(j, "source"), text(j, "code"), text(j, "error")});
        continue;
      }
      try {  // a field of the wrong type (a hand-edited or foreign file)
        Checked c{report_of(j, profiles), {}};
        for (const auto& f : member(j, "findings"))
          if (f.is_object()) c.findings.push_back(finding_of(f));
        records.push_back(std::move(c));
      } catch (const json::exception&) {
        throw not_ours;
      }
    }
  }
  // as one run over the folder lists them: by path
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) { return source_of(a) < source_of(b); });
  return records;
}

}  // namespace

int merge_parts(const Checker& checker, const std::vector<std::string>& parts, const MergeOptions& o) {
  Severity threshold = Severity::error;
  const bool never_fail = o.fail_on == "none";
  if (!never_fail && !parse_severity(o.fail_on, threshold))
    throw InputError("setup", "--fail-on 应为 error、warning、info 或 none", "--fail-on must be error, warning, info or none");
  if ((o.format == "html" || o.format == "xlsx") && o.output_dir.empty())
    throw InputError("setup", "merge --format " + o.format + " 需要 --output 文件夹", "merge --format " + o.format + " needs --output DIR");
  if ((o.summary || o.excel) && o.format != "csv")
    throw InputError("setup", "--summary 和 --excel 需要 --format csv", "--summary and --excel need --format csv");
  if (std::error_code ec; !o.output_dir.empty() && !std::filesystem::create_directories(o.output_dir, ec) && ec)
    throw InputError("setup", "无法创建输出文件夹 " + o.output_dir, "cannot create the output folder " + o.output_dir);
  std::vector<Record> records = read_parts(parts, checker.profiles());
  const ReporterOptions reporting{o.format,   false, o.lang, o.output_dir, o.format == "sarif" ? &checker.rules() : nullptr,
                                  o.summary, o.excel};
  const auto reporter = make_reporter(reporting, std::cout);
  if (!reporter)
    throw InputError("setup", "merge 的 --format 应为 text、json、csv、sarif、html 或 xlsx", "merge --format must be text, json, csv, sarif, html or xlsx");
  const bool keep_closed = o.show_closed || o.format == "json" || o.format == "sarif";
  int code = 0;
  reporter->start();
  for (auto& record : records) {
    if (auto* u = std::get_if<Unreadable>(&record)) {
      reporter->unreadable(u->source, u->code, u->message);
      code = 2;
      continue;
    }
    auto& [report, findings] = std::get<Checked>(record);
    for (const auto& f : findings)
      if (!f.review.closed && !never_fail && f.severity >= threshold && code == 0) code = 1;
    if (!keep_closed) std::erase_if(findings, [](const Finding& f) { return f.review.closed; });
    reporter->report(report, &findings);
  }
  reporter->finish();
  ensure_written(std::cout, o.lang == "en" ? "the standard output" : "标准输出");
  return code;
}

}  // namespace ogi
