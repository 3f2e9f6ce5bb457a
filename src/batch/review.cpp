#include "batch/review.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "batch/pairing.h"
#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/limits.h"
#include "doc/utf8.h"

namespace ogi {
namespace {

const char* const states = "accepted, not-a-defect, fixed";

bool known_state(const std::string& s) { return ReviewFile::is_closed(s) || s == "fixed"; }

std::string text_of(const nlohmann::json& entry, const char* key) {
  const auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

ReviewFile ReviewFile::load(const std::string& path) {
  const std::string text = read_regular_file(path, limits::review_bytes, "复核文件", "the review file");
  auto bad = [&](const std::string& zh, const std::string& en) {
    return InputError("open", "复核文件 " + path + "：" + zh, "the review file " + path + ": " + en);
  };
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("reviews") || !j["reviews"].is_array())
    throw bad("不是 ogicheck 复核文件（应为含 \"reviews\" 数组的 JSON，见 README）",
              "not an ogicheck review file (JSON with a \"reviews\" array, see README)");
  ReviewFile file;
  std::size_t n = 0;
  for (const auto& e : j["reviews"]) {
    const std::string at = "reviews[" + std::to_string(n++) + "]";
    if (!e.is_object()) throw bad(at + " 不是对象", at + " is not an object");
    const int year = e.contains("year") && e["year"].is_number_integer() ? e["year"].get<int>() : 0;
    Entry entry{text_of(e, "source"), agency_key(text_of(e, "agency")), year,
                {text_of(e, "state"), text_of(e, "reason"), text_of(e, "reviewer"), text_of(e, "date"), false}};
    if (text_of(e, "state").empty()) continue;  // not reviewed yet (a --write-review entry)
    const std::string fingerprint = text_of(e, "fingerprint");
    if (fingerprint.empty()) throw bad(at + " 缺少 fingerprint", at + " has no fingerprint");
    if (entry.source.empty() && (entry.agency_key.empty() || !entry.year))
      throw bad(at + " 应有 source，或 agency 与 year", at + " needs a source, or an agency and a year");
    if (!known_state(entry.review.state))
      throw bad(at + " 的 state 应为 " + states, at + ": state must be one of " + states);
    if (entry.review.reason.empty() || entry.review.reviewer.empty())
      throw bad(at + " 应写明 reason（理由）和 reviewer（复核人）", at + " needs a reason and a reviewer");
    entry.review.closed = is_closed(entry.review.state);
    file.by_fingerprint_.emplace(fingerprint, std::move(entry));
  }
  return file;
}

void ReviewFile::mark(const std::string& key, const std::string& agency, int year, std::vector<Finding>& findings) const {
  const std::string body = agency_key(agency);
  for (auto& f : findings) {
    const auto [from, to] = by_fingerprint_.equal_range(f.fingerprint);
    for (auto it = from; it != to; ++it) {
      const Entry& e = it->second;
      if (e.source == key || (!e.agency_key.empty() && e.agency_key == body && e.year == year)) {
        f.review = e.review;
        break;
      }
    }
  }
}

void ReviewFile::add(const std::string& key, const std::string& agency, int year, const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    nlohmann::ordered_json e{{"source", valid_utf8(key)}, {"agency", agency}, {"year", year}, {"rule", f.rule},
                             {"fingerprint", f.fingerprint}, {"message", f.message}, {"state", f.review.state},
                             {"reason", f.review.reason}, {"reviewer", f.review.reviewer}};
    if (!f.review.date.empty()) e["date"] = f.review.date;
    written_.push_back(std::move(e));
  }
}

void ReviewFile::save(const std::string& path) {
  // reports were added as workers finished them: in source order, each report's findings in its order
  std::stable_sort(written_.begin(), written_.end(), [](const auto& a, const auto& b) { return a["source"] < b["source"]; });
  std::ofstream out(path);
  out << nlohmann::ordered_json{{"ogicheck-review", 1}, {"reviews", written_}}.dump(1) << '\n';
  if (!out.flush()) throw InputError("write", "无法写入复核文件 " + path, "cannot write the review file " + path);
}

}  // namespace ogi
