#include "batch/pairing.h"

#include <re2/re2.h>

#include "segment/normalize.h"

namespace ogi {
namespace {

std::string year_text(int year) { return year ? std::to_string(year) : "?"; }

std::string shown(const std::string& agency) { return agency.empty() ? "?" : agency; }

}  // namespace

std::string agency_key(const std::string& agency) {
  static const RE2 year_prefix(R"(^(?:19|20)\d\d年度?)");
  std::string key = fold(agency);
  RE2::Replace(&key, year_prefix, "");
  RE2::GlobalReplace(&key, "人民政府办公室", "人民政府办公厅");
  RE2::GlobalReplace(&key, "县", "区");
  return key;
}

Pairing pair_reports(const std::vector<ReportIdentity>& inputs, const std::vector<ReportIdentity>& candidates) {
  std::map<std::pair<std::string, int>, std::vector<const ReportIdentity*>> by_body_year;
  for (const auto& c : candidates)
    if (!c.agency.empty() && c.year) by_body_year[{agency_key(c.agency), c.year}].push_back(&c);
  Pairing out;
  for (const auto& r : inputs) {
    if (r.agency.empty() || !r.year) {
      out.unpaired[r.path] = {"无法从报告中读出机关名称或年度，无法配对上一年报告",
                              "the report's agency or year cannot be read, so last year's report cannot be paired"};
      continue;
    }
    const auto it = by_body_year.find({agency_key(r.agency), r.year - 1});
    const std::string wanted_zh = shown(r.agency) + " " + year_text(r.year - 1) + " 年",
                      wanted_en = shown(r.agency) + ", " + year_text(r.year - 1);
    if (it == by_body_year.end()) {
      out.unpaired[r.path] = {"未找到 " + wanted_zh + "的报告", "no report of " + wanted_en + " was found"};
    } else if (it->second.size() > 1) {
      std::string files;
      for (const auto* c : it->second) files += (files.empty() ? "" : ", ") + c->path;
      out.unpaired[r.path] = {wanted_zh + "的报告有 " + std::to_string(it->second.size()) + " 份（" + files + "），无法确定",
                              std::to_string(it->second.size()) + " reports of " + wanted_en + " (" + files + "): which one is meant cannot be told"};
    } else {
      out.previous[r.path] = it->second.front()->path;
    }
  }
  return out;
}

Unpaired mismatch(const ReportIdentity& report, const ReportIdentity& previous) {
  const std::string got_zh = "“" + shown(previous.agency) + "” " + year_text(previous.year) + " 年",
                    got_en = "“" + shown(previous.agency) + "”, " + year_text(previous.year);
  const std::string want_zh = "“" + shown(report.agency) + "” " + year_text(report.year ? report.year - 1 : 0) + " 年",
                    want_en = "“" + shown(report.agency) + "”, " + year_text(report.year ? report.year - 1 : 0);
  if (report.agency.empty() || !report.year || previous.agency.empty() || !previous.year)
    return {"无法读出机关名称或年度，不能确认 " + previous.path + " 是本报告的上一年报告（上年报告为 " + got_zh + "）",
            "the agency or year cannot be read, so " + previous.path + " cannot be confirmed as last year's report (it is " + got_en + ")"};
  if (agency_key(report.agency) != agency_key(previous.agency) || previous.year != report.year - 1)
    return {previous.path + " 不是本报告的上一年报告：应为 " + want_zh + "，实为 " + got_zh,
            previous.path + " is not this report's previous year: expected " + want_en + ", found " + got_en};
  return {};
}

}  // namespace ogi
