#include "segment/segmenter.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>

#include "doc/input_error.h"
#include "doc/utf8.h"
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

// The title: the first short line naming the report without sentence
// punctuation, or such a line broken in two ("…政府信息公开" / "工作年度报告";
// "淮安市人民政府" / "2024年…年度报告"). Failing that, the first line naming
// the report at all, without a "标题：" label.
void find_title(const Document& doc, Report& report) {
  static const RE2 punctuation("[。，,：:（(《]");
  static const RE2 agency_end("(?:府|局|委|厅|办|室|会|院|处|所|中心|区|县|市|镇|乡|街道|司|部|署)$");
  static const RE2 label(R"(^\s*标题\s*[:：]\s*)");
  auto text = [&](std::size_t b) { return fold(doc.blocks[b].text); };
  auto is_clean = [&](std::size_t b) {
    return b < doc.blocks.size() && doc.blocks[b].kind == BlockKind::paragraph && doc.blocks[b].text.size() <= 90 &&
           !RE2::PartialMatch(text(b), punctuation);
  };
  auto names = [&](std::size_t b, const char* what) { return text(b).find(what) != std::string::npos; };
  const std::size_t end = std::min<std::size_t>(doc.blocks.size(), 60);
  for (std::size_t b = 0; b < end; ++b) {
    if (!is_clean(b)) continue;
    std::size_t first = b, last = b;
    if (names(b, "年度报告") || names(b, "年报")) {
      if (b > 0 && is_clean(b - 1) && RE2::PartialMatch(text(b - 1), agency_end)) first = b - 1;
    } else if (names(b, "政府信息公开") && is_clean(b + 1) && names(b + 1, "年度报告")) {
      last = b + 1;
    } else {
      continue;
    }
    for (std::size_t k = first; k <= last; ++k) report.title += doc.blocks[k].text;
    report.title_span = doc.blocks[first].span;
    return;
  }
  for (std::size_t b = 0; b < end; ++b) {
    if (doc.blocks[b].kind != BlockKind::paragraph || !names(b, "年度报告")) continue;
    re2::StringPiece rest(doc.blocks[b].text);
    RE2::Consume(&rest, label);
    report.title = std::string(rest);
    report.title_span = doc.blocks[b].span;
    return;
  }
}

// "淮安市人民政府2024年政府信息公开…" or "2025年上海市人民政府办公厅政府信息公开…"
std::string find_agency(const std::string& title) {
  static const RE2 parts(R"(^(.*?)(?:19|20)\d\d年度?(.*?)(?:政府信息公开|政务公开|信息公开))");
  std::string before, after;
  if (!RE2::PartialMatch(fold(title), parts, &before, &after)) return {};
  return before.empty() ? after : before;
}

// "发布时间: 2022-02-08", "公开日期 2024-01-17", "发布日期：2024年1月17日"
std::string find_published(const Document& doc) {
  static const RE2 labelled(R"((?:发布时间|发布日期|公开日期|发文日期)[:：\s]*((?:19|20)\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2}))");
  static const RE2 date(R"(^\s*((?:19|20)\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2}))");
  auto format = [](int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
  };
  int y, m, d;
  for (std::size_t b = 0; b < doc.blocks.size() && b < 80; ++b) {
    const Block& block = doc.blocks[b];
    if (RE2::PartialMatch(block.text, labelled, &y, &m, &d)) return format(y, m, d);
    for (const auto& row : block.rows)  // a page's metadata table: 公开日期 | 2024-01-17
      for (std::size_t c = 0; c + 1 < row.size(); ++c)
        if (RE2::PartialMatch(row[c].text + row[c + 1].text, labelled, &y, &m, &d) ||
            (fold(row[c].text).find("日期") != std::string::npos && RE2::PartialMatch(row[c + 1].text, date, &y, &m, &d)))
          return format(y, m, d);
  }
  return {};
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
    throw InputError("profile", "未知的格式配置：" + forced, "unknown profile: " + forced);
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

std::string entity_of(const std::string& agency) {
  // a region's own report (人民政府, or a zone named by its region); a
  // department or office; 街道, 乡镇 (deadlines set by provincial notices)
  static const RE2 government(R"((?:人民政府|省|自治区|市|州|盟|县|区|旗)$)");
  static const RE2 other(R"((?:街道办事处|街道|乡|镇)$)");
  static const RE2 department(R"((?:局|委员会|委|办公室|办公厅|厅|中心|院|所|处|署|部|站|队|会|社|馆|台|办)$)");
  if (RE2::PartialMatch(agency, other)) return "other";
  if (RE2::PartialMatch(agency, department)) return "department";
  if (RE2::PartialMatch(agency, government)) return "government";
  return {};  // unknown: no deadline is checked
}

namespace {

// Where the first U+FFFD of a repaired input is (its paragraph or cell, and
// the column), or the document's start when no block has one.
Span first_replacement(const Document& doc) {
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";
  auto at = [](const std::string& text, Span span) {
    const std::size_t pos = text.find(replacement);
    if (pos != std::string::npos && span.line > 0) span.column += code_points_before(text, pos);
    return pos == std::string::npos ? std::optional<Span>() : span;
  };
  for (const auto& block : doc.blocks) {
    if (auto span = at(block.text, block.span)) return *span;
    for (const auto& row : block.rows)
      for (const auto& cell : row)
        if (auto span = at(cell.text, cell.span)) return *span;
  }
  return Span{0, 1, 1};
}

// The pages a part may cover: from its heading's page (a part not found:
// the heading page of the part before it) to the heading page of the part
// after it, or the last page.
std::pair<int, int> page_range(const Document& doc, const std::vector<PartRegion>& regions, std::size_t p) {
  auto heading_page = [&](std::size_t q) { return span_at(doc, regions[q].heading).page; };
  int first = 1, last = doc.pages;
  for (std::size_t q = 0; q < regions.size(); ++q) {
    if (!regions[q].found) continue;
    const bool before = regions[p].found ? regions[q].heading <= regions[p].heading : q < p;
    if (before) first = std::max(first, heading_page(q));
    else last = std::min(last, heading_page(q));
  }
  return {first, last};
}

std::vector<int> pictures_between(const Document& doc, std::pair<int, int> range) {
  std::vector<int> out;
  for (int page : doc.pages_without_text)
    if (page >= range.first && page <= range.second) out.push_back(page);
  return out;
}

// A part or table that was not found, or a table with rows not found,
// where its part may cover pages without text: what is not there may be
// on those pages, so it is undecided, not missing (PUB-03 says where).
void mark_picture_pages(const Document& doc, const Profile& profile, const std::vector<PartRegion>& regions,
                        Report& report) {
  for (std::size_t p = 0; p < regions.size(); ++p) {
    const std::vector<int> pages = pictures_between(doc, page_range(doc, regions, p));
    if (!regions[p].found) report.parts[p].picture_pages = pages;
    for (std::size_t t = 0; t < profile.tables.size(); ++t) {
      TableResult& table = report.tables[t];
      bool incomplete = !table.found;
      for (std::size_t r = 0; r < table.rows.size(); ++r)  // a superseded row is never expected
        incomplete = incomplete || (table.rows[r].match == RowMatch::missing && profile.tables[t].rows[r].replaced_by.empty());
      if (profile.tables[t].part == profile.parts[p].id && incomplete) table.picture_pages = pages;
    }
  }
}

// Where a table is looked for: its part, or the whole document when the
// part was not found (a report without headings) — but not when the part
// may stand on a page without text: its table is then there too, and rows
// found elsewhere would be another table's.
PartRegion table_region(const Document& doc, const std::vector<PartRegion>& regions, std::size_t p) {
  if (regions[p].found || pictures_between(doc, page_range(doc, regions, p)).empty()) return regions[p];
  return PartRegion{.found = true};  // an empty region: from the start to the start
}

}  // namespace

Report segment(const Document& doc, const std::vector<Profile>& profiles, const std::string& forced_profile) {
  if (profiles.empty()) throw InputError("profile", "未加载任何格式配置（rules/profiles）", "no profiles loaded (rules/profiles)");
  Report report;
  report.source = doc.source;
  report.format = doc.format;
  report.converted = doc.converted;
  report.pages = doc.pages;
  report.pages_without_text = doc.pages_without_text;
  report.replaced_bytes = doc.replaced_bytes;
  if (report.replaced_bytes > 0) report.replaced_at = first_replacement(doc);
  for (const auto& block : doc.blocks)
    if (block.clamped && report.clamped_tables++ == 0) report.clamped_at = block.span;
  // A scan OCR did not read has nothing to segment: the report is only said
  // to be unreadable.
  if (doc.blocks.empty() && doc.pages > 0 && static_cast<int>(doc.pages_without_text.size()) == doc.pages) return report;
  find_title(doc, report);
  const std::string folded = fold(all_text(doc));
  report.year = find_year(report.title, folded);
  report.agency = find_agency(report.title);
  report.entity = entity_of(report.agency);
  report.published = find_published(doc);
  report.published_source = report.published.empty() ? "" : "page";
  if (report.published.empty() && !doc.created.empty()) report.published = doc.created, report.published_source = "metadata";
  static const RE2 period(R"(((?:19|20)\d\d)年1月1日(?:起)?至)");
  RE2::PartialMatch(folded, period, &report.period_year);
  const Profile& profile = choose_profile(profiles, folded, report.year, forced_profile);
  report.profile = profile.id;
  report.profile_name = profile.name;

  const std::vector<PartRegion> regions = locate_parts(doc, profile, report.parts);
  // The preamble: paragraphs before the first part heading (the statistical
  // period and the basis are stated there).
  TextPos first_heading{doc.blocks.size(), 0};
  for (const auto& r : regions)
    if (r.found) first_heading = std::min(first_heading, r.heading);
  for (std::size_t b = 0; b <= first_heading.block && b < doc.blocks.size(); ++b) {
    if (doc.blocks[b].kind != BlockKind::paragraph) continue;
    // a page run together on one line: its text up to the heading
    const std::string text = b == first_heading.block ? doc.blocks[b].text.substr(0, first_heading.offset) : doc.blocks[b].text;
    if (text.empty()) continue;
    if (report.preamble.empty()) report.preamble_span = doc.blocks[b].span;
    else report.preamble += '\n';
    report.preamble_spans.push_back({report.preamble.size(), doc.blocks[b].span});
    report.preamble += text;
  }
  for (const auto& table : profile.tables) {
    PartRegion region;
    for (std::size_t p = 0; p < profile.parts.size(); ++p)
      if (profile.parts[p].id == table.part) region = table_region(doc, regions, p);
    report.tables.push_back(locate_table(doc, table, region));
  }
  mark_picture_pages(doc, profile, regions, report);

  const auto parts_found = std::count_if(report.parts.begin(), report.parts.end(),
                                         [](const PartResult& p) { return p.found; });
  // A table counts when many of its rows were recognised: a few labels in a
  // text about reports do not make the text a report.
  const bool any_table = std::any_of(report.tables.begin(), report.tables.end(), [](const TableResult& t) {
    return std::count_if(t.rows.begin(), t.rows.end(), [](const RowResult& r) { return r.match != RowMatch::missing; }) >= 8;
  });
  if (parts_found < 2 && !any_table)
    throw InputError("not-a-report", "不是政府信息公开工作年度报告：未找到任何标准部分或统计表",
                     "not a government information disclosure annual report: "
                     "none of the standard parts or tables were found");
  return report;
}

}  // namespace ogi
