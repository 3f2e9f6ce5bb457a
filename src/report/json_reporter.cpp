#include <nlohmann/json.hpp>

#include "report/escape.h"
#include "report/reporters.h"

namespace ogi {
namespace {

using nlohmann::ordered_json;

// Every line names the JSON Schema it follows (schema/report.schema.json,
// its $id): a reader knows which fields to expect, and a change that is
// not compatible gets a new version.
constexpr const char* schema_id = "urn:ogicheck:schema:report:1";

ordered_json span_json(const Span& s) {
  ordered_json j = ordered_json::object();
  if (s.page) j["page"] = s.page;
  if (s.line) {
    j["line"] = s.line;
    j["column"] = s.column;
  }
  if (s.x1 > 0) j["bbox"] = {s.x0, s.y0, s.x1, s.y1};  // PDF points from the page's top left
  return j;
}

ordered_json review_json(const Finding::Review& r) {
  ordered_json j{{"state", r.state}, {"reason", r.reason}, {"reviewer", r.reviewer}};
  if (!r.date.empty()) j["date"] = r.date;
  j["closed"] = r.closed;
  return j;
}

// One JSON object per report on one line (JSON Lines): the canonical extract
// shape of canonical-ids.md, plus "findings" for `check`.
class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(std::ostream& out) : out_(out) {}
  void report(const Report& report, const std::vector<Finding>* findings) override;
  void unreadable(const std::string& source, const std::string& code, const std::string& message) override {
    out_ << json_dump(ordered_json{{"schema", schema_id}, {"source", valid_utf8(source)}, {"error", message}, {"code", code}})
         << '\n';
  }

 private:
  std::ostream& out_;
};

void JsonReporter::report(const Report& report, const std::vector<Finding>* findings) {
  ordered_json j;
  j["schema"] = schema_id;
  j["source"] = valid_utf8(report.source);
  j["format"] = report.format;
  j["profile"] = report.profile;
  j["year"] = report.year ? ordered_json(report.year) : ordered_json(nullptr);
  j["title"] = report.title;
  j["agency"] = report.agency;
  if (!report.entity.empty()) j["entity"] = report.entity;
  if (!report.published.empty()) j["published"] = {{"date", report.published}, {"source", report.published_source}};
  if (!report.previous.empty()) j["previous"] = valid_utf8(report.previous);
  j["sections"] = ordered_json::array();
  for (const auto& p : report.parts) {
    ordered_json s{{"id", p.id}, {"found", p.found}};
    if (p.found) {
      s["heading"] = p.heading;
      s["location"] = span_json(p.span);
    }
    j["sections"].push_back(s);
  }
  j["tables"] = ordered_json::array();
  for (const auto& t : report.tables) {
    ordered_json tj{{"id", t.id}, {"found", t.found}, {"cells", ordered_json::array()}};
    for (const auto& c : t.cells) {
      if (c.status == CellStatus::missing) continue;  // not located: absent
      ordered_json cj{{"row", c.row}, {"col", c.col}};
      cj["value"] = c.status == CellStatus::number ? ordered_json(c.value) : ordered_json(nullptr);
      if (c.status == CellStatus::number && c.value == static_cast<double>(static_cast<long long>(c.value)))
        cj["value"] = static_cast<long long>(c.value);
      cj["text"] = c.text;
      if (c.recovered) cj["recovered"] = true;
      if (!c.unit.empty()) cj["unit"] = c.unit;
      if (c.chinese_numeral) cj["chinese_numeral"] = true;
      if (c.span.ocr_confidence >= 0) {
        cj["ocr"] = true;
        cj["confidence"] = c.span.ocr_confidence;
        if (c.status == CellStatus::uncertain) cj["undecided"] = true;
        if (c.implied >= 0 && c.status == CellStatus::uncertain) cj["implied"] = c.implied;
        if (c.implied >= 0 && c.status == CellStatus::number) cj["vouched"] = true;
      }
      cj["location"] = span_json(c.span);
      tj["cells"].push_back(cj);
    }
    tj["rows"] = ordered_json::array();
    for (const auto& r : t.rows) {
      ordered_json rj{{"id", r.id}, {"match", match_name(r.match)}};
      if (r.match != RowMatch::missing) {
        rj["printed"] = r.printed;
        rj["location"] = span_json(r.span);
      }
      tj["rows"].push_back(rj);
    }
    j["tables"].push_back(tj);
  }
  if (findings) {
    j["findings"] = ordered_json::array();
    for (const auto& f : *findings) {
      ordered_json fj{{"rule", f.rule}, {"severity", severity_name(f.severity)}, {"message", f.message},
                      {"location", span_json(f.location)}};
      if (!f.expected.empty()) fj["expected"] = f.expected;
      if (!f.actual.empty()) fj["actual"] = f.actual;
      for (const auto& [key, value] : {std::pair{"part", &f.part}, {"table", &f.table}, {"row", &f.row}, {"col", &f.col}})
        if (!value->empty()) fj[key] = *value;
      if (!f.cells.empty()) fj["cells"] = ordered_json::array();
      for (const auto& cell : f.cells) {
        ordered_json cj{{"table", cell.table}, {"row", cell.row}, {"col", cell.col}};
        if (cell.text) cj["text"] = *cell.text;
        if (cell.suspect) cj["suspect"] = true;
        fj["cells"].push_back(cj);
      }
      fj["fingerprint"] = f.fingerprint;
      if (!f.undecided_of.empty()) fj["undecided_of"] = f.undecided_of;
      if (!f.review.state.empty()) fj["review"] = review_json(f.review);
      j["findings"].push_back(fj);
    }
  }
  out_ << json_dump(j) << '\n';
}

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(std::ostream& out) { return std::make_unique<JsonReporter>(out); }

}  // namespace ogi
