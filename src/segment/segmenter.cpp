#include "segment/segmenter.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/extract.h"
#include "segment/locate.h"
#include "segment/normalize.h"

namespace ogi {
namespace {

std::string all_text(const Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) {
    out += b.text;
    for (const auto& row : b.rows)
      for (const auto& cell : row) out += cell.text;
    out += '\n';
  }
  return out;
}

int marker_count(const Profile& p, const std::string& folded) {
  int n = 0;
  for (const auto& m : p.markers) n += folded.find(fold(m)) != std::string::npos;
  return n;
}

// The title: the first line naming the report, joined with the next line
// when a layout broke it ("…政府信息公开" / "工作年度报告").
void find_title(const Document& doc, Report& report) {
  for (std::size_t b = 0; b < doc.blocks.size() && b < 40; ++b) {
    const Block& block = doc.blocks[b];
    if (block.kind != BlockKind::paragraph) continue;
    const std::string f = fold(block.text);
    if (f.find("年度报告") == std::string::npos && f.find("政府信息公开") == std::string::npos) continue;
    report.title = block.text;
    report.title_span = block.span;
    // "淮安市人民政府" on the line above "2024年政府信息公开工作年度报告"
    static const RE2 sentence_punctuation("[。，,：:]");
    if (b > 0 && doc.blocks[b - 1].kind == BlockKind::paragraph && doc.blocks[b - 1].text.size() <= 60 &&
        !RE2::PartialMatch(fold(doc.blocks[b - 1].text), sentence_punctuation)) {
      report.title = doc.blocks[b - 1].text + block.text;
      report.title_span = doc.blocks[b - 1].span;
    }
    if (f.find("年度报告") == std::string::npos && b + 1 < doc.blocks.size() &&
        fold(doc.blocks[b + 1].text).find("年度报告") != std::string::npos)
      report.title += doc.blocks[b + 1].text;
    return;
  }
}

int find_year(const std::string& title, const std::string& folded_doc) {
  static const RE2 title_year(R"(((?:19|20)\d\d)年)");
  static const RE2 period_year(R"(((?:19|20)\d\d)年1月1日)");
  int year = 0;
  if (RE2::PartialMatch(fold(title), title_year, &year)) return year;
  if (RE2::PartialMatch(folded_doc, period_year, &year)) return year;
  return 0;
}

const Profile& choose_profile(const std::vector<Profile>& profiles, const std::string& folded, int year,
                              const std::string& forced) {
  if (!forced.empty()) {
    for (const auto& p : profiles)
      if (p.id == forced) return p;
    throw InputError("未知的格式配置：" + forced, "unknown profile: " + forced);
  }
  const Profile* best = nullptr;
  int best_count = 0;
  for (const auto& p : profiles) {
    const int n = marker_count(p, folded);
    if (n > best_count) best = &p, best_count = n;
  }
  if (best) return *best;
  for (const auto& p : profiles)
    if (year >= p.first_year && year <= p.last_year && !p.tables.empty()) return p;
  for (const auto& p : profiles)
    if (p.id == "gb-2021") return p;
  return profiles.front();
}

}  // namespace

Report segment(const Document& doc, const std::vector<Profile>& profiles, const std::string& forced_profile) {
  if (profiles.empty()) throw InputError("未加载任何格式配置（rules/profiles）", "no profiles loaded (rules/profiles)");
  Report report;
  report.source = doc.source;
  report.format = doc.format;
  report.pages = doc.pages;
  report.pages_without_text = doc.pages_without_text;
  // A scan has nothing to segment: the report is only said to be unreadable.
  if (doc.pages > 0 && static_cast<int>(doc.pages_without_text.size()) == doc.pages) return report;
  find_title(doc, report);
  const std::string folded = fold(all_text(doc));
  report.year = find_year(report.title, folded);
  const Profile& profile = choose_profile(profiles, folded, report.year, forced_profile);
  report.profile = profile.id;
  report.profile_name = profile.name;

  const std::vector<PartRegion> regions = locate_parts(doc, profile, report.parts);
  for (const auto& table : profile.tables) {
    PartRegion region;
    for (std::size_t p = 0; p < profile.parts.size(); ++p)
      if (profile.parts[p].id == table.part) region = regions[p];
    report.tables.push_back(locate_table(doc, table, region));
  }

  const auto parts_found = std::count_if(report.parts.begin(), report.parts.end(),
                                         [](const PartResult& p) { return p.found; });
  // A table counts when many of its rows were recognised: a few labels in a
  // text about reports do not make the text a report.
  const bool any_table = std::any_of(report.tables.begin(), report.tables.end(), [](const TableResult& t) {
    return std::count_if(t.rows.begin(), t.rows.end(), [](const RowResult& r) { return r.match != RowMatch::missing; }) >= 8;
  });
  if (parts_found < 2 && !any_table)
    throw InputError("不是政府信息公开工作年度报告：未找到任何标准部分或统计表",
                     "not a government information disclosure annual report: "
                     "none of the standard parts or tables were found");
  return report;
}

}  // namespace ogi
