// SARIF 2.1.0 for CI systems: one run of the tool over all inputs, rule
// metadata from the rule files, fingerprints stable across runs. Written at
// the end (SARIF is one JSON document), findings only are kept until then.
#include <nlohmann/json.hpp>

#include <map>

#include "report/escape.h"
#include "report/reporters.h"

namespace ogi {
namespace {

using nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "note";
}

ordered_json location_of(const Report& report, const Finding& f) {
  ordered_json physical{{"artifactLocation", {{"uri", uri_path(report.source)}}}};
  ordered_json properties = ordered_json::object();
  // Code scanning (GitHub) drops a result without a region: every one gets
  // startLine — the line in a text or HTML source, the line of the PDF page's
  // text or the DOCX paragraph (page, paragraph as properties), 1 for a
  // finding about the document as a whole (property "document").
  if (f.location.page) properties["page"] = f.location.page;
  if (report.format == "docx" && f.location.line) properties["paragraph"] = f.location.line;
  if (!f.location.line) properties["document"] = true;
  physical["region"] = {{"startLine", std::max(1, f.location.line)}, {"startColumn", std::max(1, f.location.column)}};
  ordered_json location{{"physicalLocation", physical}};
  if (!properties.empty()) location["properties"] = properties;
  return location;
}

class SarifReporter : public Reporter {
 public:
  SarifReporter(std::ostream& out, const std::vector<Rule>& rules, const std::string& lang)
      : out_(out), lang_(lang) {
    for (const auto& r : rules) {
      if (index_.count(r.id)) continue;  // a rule may have several entries
      index_[r.id] = static_cast<int>(rules_.size());
      rules_.push_back({{"id", r.id},
                        {"name", r.id},
                        {"shortDescription", {{"text", r.summary(lang)}}},
                        {"fullDescription", {{"text", r.summary(lang)}}},
                        {"help", {{"text", r.summary(lang)}}},
                        {"defaultConfiguration", {{"level", r.kind == "exceptions" ? "none" : sarif_level(r.severity)}}}});
    }
  }

  void report(const Report& report, const std::vector<Finding>* findings) override {
    artifacts_.push_back({{"location", {{"uri", uri_path(report.source)}}}});
    for (const auto& f : findings ? *findings : std::vector<Finding>{}) {
      ordered_json result{{"ruleId", f.rule},
                          {"level", sarif_level(f.severity)},
                          {"message", {{"text", f.message}}},
                          {"locations", ordered_json::array({location_of(report, f)})},
                          {"partialFingerprints", {{"ogicheck/v1", f.fingerprint}}}};
      if (auto it = index_.find(f.rule); it != index_.end()) result["ruleIndex"] = it->second;
      ordered_json properties = ordered_json::object();
      for (const auto& [key, value] : {std::pair{"expected", &f.expected}, {"actual", &f.actual}, {"part", &f.part},
                                       {"table", &f.table}, {"row", &f.row}, {"col", &f.col}})
        if (!value->empty()) properties[key] = *value;
      if (!f.review.state.empty()) properties["review"] = f.review.state;
      if (!properties.empty()) result["properties"] = properties;
      // Closed by a review file: kept, as SARIF keeps suppressed results, with who and why. No
      // "status": the 2.1.0 schema of tests/schemas names it "state", later ones "status"; absent, it is in effect.
      if (f.review.closed)
        result["suppressions"] = ordered_json::array(
            {{{"kind", "external"}, {"justification", f.review.state + ": " + f.review.reason + " (" + f.review.reviewer + ")"}}});
      results_.push_back(std::move(result));
    }
  }

  void unreadable(const std::string& source, const std::string& code, const std::string& message) override {
    notifications_.push_back(
        {{"level", "error"},
         {"descriptor", {{"id", code}}},
         {"message", {{"text", message}}},
         {"locations", ordered_json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", uri_path(source)}}}}}}})}});
  }

  bool streams() const override { return false; }

  void finish() override {
    ordered_json run{{"tool", {{"driver", {{"name", "ogicheck"}, {"version", "0.1.0"}, {"rules", rules_}}}}},
                     {"invocations", ordered_json::array({{{"executionSuccessful", notifications_.empty()},
                                                           {"toolExecutionNotifications", notifications_}}})},
                     {"artifacts", artifacts_},
                     {"results", results_}};
    out_ << json_dump({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                       {"version", "2.1.0"},
                       {"runs", ordered_json::array({run})}},
                      1)
         << '\n';
  }

 private:
  std::ostream& out_;
  std::string lang_;
  std::map<std::string, int> index_;
  ordered_json rules_ = ordered_json::array(), results_ = ordered_json::array(),
               artifacts_ = ordered_json::array(), notifications_ = ordered_json::array();
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const std::vector<Rule>& rules, const std::string& lang) {
  return std::make_unique<SarifReporter>(out, rules, lang);
}

}  // namespace ogi
