// Running rules over one report: XPath assertions over the report model,
// RE2 patterns over its texts, outline checks of heading levels. Rules come
// compiled from rule_file.cpp; the engine never formats output.
#include "rules/engine.h"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "doc/input_error.h"
#include "doc/limits.h"
#include "doc/utf8.h"
#include "doc/xml.h"
#include "rules/compiled.h"
#include "rules/report_xml.h"
#include "segment/normalize.h"
#include "segment/sentences.h"
#include "segment/values.h"

namespace ogi {
namespace {

using XPathObject = std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)>;

XPathObject eval(const Expr& expr, xmlXPathContext* ctx) {
  return XPathObject(xmlXPathCompiledEval(expr.get(), ctx), xmlXPathFreeObject);
}

std::string as_string(xmlXPathObject* obj) {
  if (obj == nullptr) return {};
  xmlChar* s = xmlXPathCastToString(obj);
  std::string out = s ? reinterpret_cast<const char*>(s) : "";
  xmlFree(s);
  return out;
}

std::string render(const Template& t, xmlXPathContext* ctx) {
  std::string out;
  for (const auto& [literal, expr] : t.parts) {
    out += literal;
    if (expr) out += as_string(eval(expr, ctx).get());
  }
  return out;
}

Span span_of(xmlNode* n) {
  Span s;
  if (auto v = xml_attr(n, "page"); !v.empty()) s.page = std::stoi(v);
  if (auto v = xml_attr(n, "line"); !v.empty()) s.line = std::stoi(v);
  if (auto v = xml_attr(n, "column"); !v.empty()) s.column = std::stoi(v);
  return s;
}

// join(node-set, separator): the string values joined, so one message can
// list every blank column of a row.
void xpath_join(xmlXPathParserContextPtr ctxt, int nargs) {
  if (nargs != 2) {
    xmlXPathSetArityError(ctxt);
    return;
  }
  xmlChar* separator = xmlXPathPopString(ctxt);
  xmlNodeSetPtr nodes = xmlXPathPopNodeSet(ctxt);
  std::string joined;
  for (int i = 0; nodes && i < nodes->nodeNr; ++i) {
    xmlChar* value = xmlXPathCastNodeToString(nodes->nodeTab[i]);
    if (i > 0) joined += reinterpret_cast<const char*>(separator);
    joined += reinterpret_cast<const char*>(value);
    xmlFree(value);
  }
  xmlXPathFreeNodeSet(nodes);
  xmlFree(separator);
  valuePush(ctxt, xmlXPathNewString(reinterpret_cast<const xmlChar*>(joined.c_str())));
}

// The part, table, row and column a context node stands for.
void set_target(xmlNode* node, Finding& f) {
  auto name_is = [](xmlNode* n, const char* name) {
    return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
  };
  auto node_name = [](xmlNode* n) { return std::string(reinterpret_cast<const char*>(n->name)); };
  if (name_is(node, "part")) f.part = xml_attr(node, "id");
  else if (name_is(node, "page")) f.part = "page-" + xml_attr(node, "number");
  else if (name_is(node, "table")) f.table = xml_attr(node, "id");
  else if (name_is(node->parent, "table")) {
    f.table = xml_attr(node->parent, "id");
    f.row = name_is(node, "extra") ? "extra:" + xml_attr(node, "printed") : node_name(node);
  } else if (node->parent && name_is(node->parent->parent, "table")) {
    f.table = xml_attr(node->parent->parent, "id");
    f.row = node_name(node->parent);
    f.col = xml_attr(node, "col");
  }
}

std::string hex64(std::uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 15];
  return out;
}

// FNV-1a: small, stable across platforms and runs.
std::string fingerprint_of(const Finding& f, const std::string& extra) {
  std::uint64_t h = 1469598103934665603ull;
  for (const std::string* s : {&f.rule, &f.part, &f.table, &f.row, &f.col, &f.expected, &f.actual, &extra}) {
    for (unsigned char c : *s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;
  }
  return hex64(h);
}

// A rule whose XPath does more work than any rule over a report needs
// (a user's `count(//*[count(//*)])`): its results would be incomplete.
[[noreturn]] void throw_over_limit(const Rule& rule) {
  const std::string ops = std::to_string(limits::xpath_operations), mb = std::to_string(limits::xpath_string_bytes >> 20);
  throw InputError("limit",
                   "规则 " + rule.id + "（" + rule.source_file + "）的 XPath 计算量超过上限（" + ops + " 步或 " + mb + " MB 的字符串），无法完成检查",
                   "rule " + rule.id + " (" + rule.source_file + ") exceeds the XPath work limit (" + ops + " operations or a " + mb +
                       " MB string); the check cannot be completed");
}

// An XPath that returned nothing: over the work limit, or an error the
// rule's author must see (a type error in `context`, say).
[[noreturn]] void evaluation_failed(const Rule& rule, const xmlXPathContext* ctx, const std::string& what) {
  if (ctx->opCount >= ctx->opLimit) throw_over_limit(rule);
  throw std::runtime_error(rule.source_file + ": rule " + rule.id + ": " + what + " XPath failed");
}

// A choice let's value: the words of its first case whose test holds, in
// the report's language; none holds: the empty string.
xmlXPathObject* chosen(const CompiledLet& let, xmlXPathContext* ctx, bool en) {
  for (const CompiledChoice& choice : let.choices)
    if (!choice.test || xmlXPathCastToBoolean(eval(choice.test, ctx).get()) != 0)
      return xmlXPathNewString(reinterpret_cast<const xmlChar*>(render(en ? choice.en : choice.zh, ctx).c_str()));
  return xmlXPathNewString(reinterpret_cast<const xmlChar*>(""));
}

void run_xpath_rule(const Rule& rule, const Rule* undecided_rule, xmlXPathContext* ctx, const std::string& lang,
                    std::vector<Finding>& out) {
  const CompiledRule& c = *rule.compiled;
  ctx->node = xmlDocGetRootElement(ctx->doc);
  XPathObject nodes = eval(c.context, ctx);
  if (!nodes) evaluation_failed(rule, ctx, "context");
  if (nodes->type != XPATH_NODESET || nodes->nodesetval == nullptr) return;
  const bool en = lang == "en";
  for (int i = 0; i < nodes->nodesetval->nodeNr; ++i) {
    xmlNode* node = nodes->nodesetval->nodeTab[i];
    ctx->node = node;
    bool undecided = false;
    for (const CompiledLet& let : c.lets) {
      xmlXPathObject* value = let.value ? xmlXPathCompiledEval(let.value.get(), ctx) : chosen(let, ctx, en);
      if (value == nullptr) evaluation_failed(rule, ctx, "let " + let.name);
      if (value->type == XPATH_STRING && static_cast<std::size_t>(xmlStrlen(value->stringval)) > limits::xpath_string_bytes) {
        xmlXPathFreeObject(value);
        throw_over_limit(rule);  // a chain of concat($v, $v) lets doubles with each one
      }
      undecided = undecided || (value->type == XPATH_NUMBER && std::isnan(value->floatval));
      xmlXPathRegisterVariable(ctx, reinterpret_cast<const xmlChar*>(let.name.c_str()), value);
    }
    if (!undecided && c.undecided_when) undecided = xmlXPathCastToBoolean(eval(c.undecided_when, ctx).get()) != 0;
    Finding f;
    f.location = span_of(node);
    set_target(node, f);
    if (undecided) {
      if (undecided_rule == nullptr) continue;
      f.rule = undecided_rule->id;
      f.severity = undecided_rule->severity;
      f.message = render(en ? c.undecided_en : c.undecided_zh, ctx);
      f.fingerprint = fingerprint_of(f, rule.id);
      f.undecided_of = rule.id;
      out.push_back(std::move(f));
      continue;
    }
    if (c.test && (xmlXPathCastToBoolean(eval(c.test, ctx).get()) != 0) != rule.fire_when_true) continue;
    f.rule = rule.id;
    f.severity = rule.severity;
    f.message = render(en ? c.message_en : c.message_zh, ctx);
    if (c.expected) f.expected = as_string(eval(c.expected, ctx).get());
    if (c.actual) f.actual = as_string(eval(c.actual, ctx).get());
    f.fingerprint = fingerprint_of(f, {});
    out.push_back(std::move(f));
  }
}

// Replaces every `key` in `text` by `value`.
void substitute(std::string& text, std::string_view key, const std::string& value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
}

// A match as a message quotes it: a wrapped line inside it is layout, not
// content; a long one (a bracket left open for a paragraph) is shortened
// to its ends.
std::string shown_match(std::string text) {
  std::erase(text, '\n');
  constexpr int ends = 16;
  const int length = code_points_before(text, text.size());
  if (length <= 3 * ends) return text;
  auto byte_at = [&](int chars) {  // where code point number `chars` starts
    int n = 0;
    for (std::size_t at = 0; at < text.size(); ++at)
      if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80 && n++ == chars) return at;
    return text.size();
  };
  return text.substr(0, byte_at(ends)) + "……" + text.substr(byte_at(length - ends));
}

// A text a pattern rule reads, with where its paragraphs start.
struct Text {
  std::string id;
  const std::string* text;
  const std::vector<std::pair<std::size_t, Span>>* spans;
  Span start;
};

// Where byte offsets of a text are in the source: the paragraph's line,
// and the column counted in characters from the paragraph's start. Matches
// come in increasing order, so each lookup counts on from the previous one:
// one long line with thousands of matches costs its length once, not once
// per match.
class Locator {
 public:
  explicit Locator(const Text& t) : t_(t) {}
  Span at(std::size_t offset) {
    const auto& spans = *t_.spans;
    const auto after = std::upper_bound(spans.begin(), spans.end(), offset,
                                        [](std::size_t o, const auto& paragraph) { return o < paragraph.first; });
    const std::size_t paragraph = after == spans.begin() ? 0 : std::prev(after)->first;
    Span span = after == spans.begin() ? t_.start : std::prev(after)->second;
    if (span.line <= 0) return span;
    if (paragraph != paragraph_ || offset < counted_to_) paragraph_ = paragraph, counted_to_ = paragraph, columns_ = 0;
    columns_ += code_points_before(std::string_view(*t_.text).substr(counted_to_), offset - counted_to_);
    counted_to_ = offset;
    span.column += columns_;
    return span;
  }

 private:
  const Text& t_;
  std::size_t paragraph_ = 0, counted_to_ = 0;
  int columns_ = 0;
};

std::vector<Text> texts_of(const Report& report, const std::string& which) {
  static const std::vector<std::pair<std::size_t, Span>> none;
  std::vector<Text> out;
  if (which == "title") out.push_back({"title", &report.title, &none, report.title_span});
  if (which == "preamble") out.push_back({"preamble", &report.preamble, &report.preamble_spans, report.preamble_span});
  std::istringstream ids(which);
  const std::vector<std::string> wanted{std::istream_iterator<std::string>(ids), std::istream_iterator<std::string>()};
  for (const auto& p : report.parts)
    if (p.found && (wanted.empty() || std::find(wanted.begin(), wanted.end(), p.id) != wanted.end()))
      out.push_back({p.id, &p.text, &p.text_spans, p.span});
  return out;
}

// A count as a report writes it: "3119", "3,119", "1.2万", "二十六", "一百零五".
double stated_number(const std::string& text) {
  static const RE2 arabic(R"(([\d,]+(?:\.\d+)?)\s*(万|千)?)");
  std::string digits, unit;
  if (RE2::FullMatch(text, arabic, &digits, &unit)) {
    std::erase(digits, ',');
    return std::stod(digits) * (unit == "万" ? 10000 : unit == "千" ? 1000 : 1);
  }
  static const std::u32string numerals = U"零〇一二两三四五六七八九";
  static const int values[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};
  double total = 0, section = 0, digit = 0;
  for (char32_t c : key_of(text)) {
    if (auto at = numerals.find(c); at != std::u32string::npos) digit = values[at];
    else if (c == U'十') section += (digit != 0 ? digit : 1) * 10, digit = 0;
    else if (c == U'百') section += digit * 100, digit = 0;
    else if (c == U'千') section += digit * 1000, digit = 0;
    else if (c == U'万') total += (section + digit) * 10000, section = digit = 0;
    else return std::nan("");
  }
  return total + section + digit;
}

// Whether a match of `exceptions` overlaps [begin, end) of `text`. Only the
// neighbourhood is searched (a fixed expression is short): a whole part's
// text would build much of the list's DFA for one match.
// What a stated number is about: its clause (from the last 。；，,：: or line
// break before the match) up to the number (the first group); a match
// without a number (“未收到…申请”) is about its whole clause.
bool names_other_subject(const re2::RE2& others, const std::string& text, std::size_t offset,
                         const std::vector<re2::StringPiece>& groups) {
  constexpr std::size_t clause_reach = 240;  // bytes looked for the clause's ends
  static constexpr std::string_view stops[] = {"。", "；", "，", ",", "：", ":", ";", "\n"};
  const std::string_view all(text);
  const std::size_t reach_start = offset > clause_reach ? offset - clause_reach : 0;
  std::size_t begin = reach_start;
  for (const std::string_view stop : stops)
    if (const std::size_t at = all.substr(reach_start, offset - reach_start).rfind(stop); at != std::string_view::npos)
      begin = std::max(begin, reach_start + at + stop.size());
  std::size_t end = offset + groups[0].size();
  if (groups.size() > 1 && groups[1].data() != nullptr) {
    end = static_cast<std::size_t>(groups[1].data() - text.data());
  } else {
    const std::size_t reach_end = std::min(text.size(), end + clause_reach);
    const std::string_view after = all.substr(end, reach_end - end);
    std::size_t clause_length = after.size();
    for (const std::string_view stop : stops) clause_length = std::min(clause_length, after.find(stop));
    end += clause_length;
  }
  return RE2::PartialMatch(re2::StringPiece(text.data() + begin, end - begin), others);
}

bool excepted(const re2::RE2& exceptions, const std::string& text, std::size_t begin, std::size_t end) {
  constexpr std::size_t reach = 96;  // bytes: 32 Chinese characters
  auto char_start = [&](std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return at;
  };
  const std::size_t from = char_start(begin > reach ? begin - reach : 0);
  const std::size_t to = char_start(std::min(text.size(), end + reach));
  const re2::StringPiece window(text.data() + from, to - from);
  re2::StringPiece m;
  for (std::size_t pos = 0; pos <= window.size() && exceptions.Match(window, pos, window.size(), RE2::UNANCHORED, &m, 1);) {
    const std::size_t at = from + static_cast<std::size_t>(m.data() - window.data());
    if (at < end && begin < at + m.size()) return true;
    pos = at - from + std::max<std::size_t>(m.size(), 1);
  }
  return false;
}

// The rule's `requires` pattern with each {name} replaced by the match's
// named group, quoted (the load made sure every name is a group).
std::string required_pattern(const Rule& rule, const std::vector<re2::StringPiece>& groups) {
  const auto& named = rule.pattern->NamedCapturingGroups();
  return fill_requires(rule.requires_pattern, [&](const std::string& name) {
    return RE2::QuoteMeta(groups[static_cast<std::size_t>(named.at(name))]);
  });
}

void run_pattern_rule(const Rule& rule, const Report& report, xmlXPathContext* ctx, const std::string& lang,
                      std::vector<Finding>& out) {
  const std::string& tmpl = lang == "en" ? rule.message_en : rule.message_zh;
  double table_value = std::nan("");
  if (rule.compiled->equals) {  // what the tables say, once per report
    ctx->node = xmlDocGetRootElement(ctx->doc);
    XPathObject v = eval(rule.compiled->equals, ctx);
    table_value = v ? xmlXPathCastToNumber(v.get()) : std::nan("");
    if (std::isnan(table_value)) return;  // a cell is missing: nothing to compare (EXT findings say why)
    xmlXPathRegisterVariable(ctx, reinterpret_cast<const xmlChar*>("expected"), xmlXPathNewFloat(table_value));
  }
  const std::vector<Text> texts = texts_of(report, rule.part);
  std::map<std::string, bool> required_found;  // by the pattern `requires` became
  auto required = [&](const std::vector<re2::StringPiece>& groups) {
    const std::string pattern = required_pattern(rule, groups);
    if (auto known = required_found.find(pattern); known != required_found.end()) return known->second;
    const RE2 re(pattern);
    if (!re.ok()) throw std::runtime_error(rule.source_file + ": rule " + rule.id + ": bad requires: " + re.error());
    const bool found = std::any_of(texts.begin(), texts.end(), [&](const Text& t) { return RE2::PartialMatch(*t.text, re); });
    return required_found[pattern] = found;
  };
  for (const Text& t : texts) {
    if (rule.when_absent && t.text->empty() && t.id == "title") continue;  // no title: TTL rules say so otherwise
    const re2::StringPiece input(*t.text);
    // The whole match, then every group: the first states the number (for
    // `equals`), named ones fill `requires`.
    std::vector<re2::StringPiece> groups(1 + static_cast<std::size_t>(rule.pattern->NumberOfCapturingGroups()));
    std::size_t pos = 0;
    bool matched_any = false;
    Locator locate(t);
    while (pos <= t.text->size() &&
           rule.pattern->Match(input, pos, t.text->size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
      const re2::StringPiece match = groups[0];
      matched_any = true;
      if (rule.when_absent) break;
      const std::size_t offset = static_cast<std::size_t>(match.data() - t.text->data());
      pos = offset + std::max<std::size_t>(match.size(), 1);
      if (rule.except_pattern && excepted(*rule.except_pattern, *t.text, offset, offset + match.size())) continue;
      if (rule.subject_not && names_other_subject(*rule.subject_not, *t.text, offset, groups)) continue;
      if (!rule.requires_pattern.empty() && !required(groups)) continue;
      Finding f;
      f.rule = rule.id;
      f.severity = rule.severity;
      f.location = locate.at(offset);
      if ((rule.skip_ocr || rule.compiled->equals) && f.location.ocr_confidence >= 0) continue;
      if (uncertain_ocr(f.location)) continue;  // what OCR was unsure of may be a misreading
      const std::string text(match.data(), match.size());
      f.part = t.id;
      std::string msg = tmpl;
      if (rule.compiled->equals) {
        const double stated = groups.size() > 1 ? stated_number(std::string(groups[1])) : 0;  // no group: "none"
        if (std::isnan(stated)) continue;
        if (rule.compiled->expect) {
          xmlXPathRegisterVariable(ctx, reinterpret_cast<const xmlChar*>("stated"), xmlXPathNewFloat(stated));
          if (xmlXPathCastToBoolean(eval(rule.compiled->expect, ctx).get()) != 0) continue;
        } else if (stated == table_value) {
          continue;
        }
        f.expected = number_text(table_value);
        f.cells = rule.cells;
        f.actual = number_text(stated);
        substitute(msg, "{number}", f.actual);
        substitute(msg, "{expected}", f.expected);
      }
      if (rule.hedge) {
        const auto [begin, end] = sentence_around(*t.text, offset);
        re2::StringPiece word;
        if (rule.hedge->Match(input, begin, end, RE2::UNANCHORED, &word, 1)) {
          f.severity = f.severity == Severity::error ? Severity::warning : Severity::info;
          std::string note = lang == "en" ? rule.hedged_en : rule.hedged_zh;
          substitute(note, "{hedge}", std::string(word));
          msg += note;
        }
      }
      f.fingerprint = fingerprint_of(f, text);
      substitute(msg, "{match}", shown_match(text));
      f.message = msg;
      out.push_back(std::move(f));
    }
    // Words looked for and not found in text OCR read may be the very words
    // it misread: a line's confidence is the mean of its words', and a scan
    // read "2024年1月1日" as "2024牌1月1日" at 81. Their absence is no finding.
    const auto read_by_ocr = [](const auto& s) { return s.second.ocr_confidence >= 0; };
    if (rule.when_absent && !matched_any && t.start.ocr_confidence < 0 &&
        std::none_of(t.spans->begin(), t.spans->end(), read_by_ocr)) {
      Finding f;
      f.rule = rule.id;
      f.severity = rule.severity;
      f.location = t.start;
      f.part = t.id;
      f.fingerprint = fingerprint_of(f, {});
      f.message = tmpl;
      out.push_back(std::move(f));
    }
  }
}

// The level of the heading ordinal a line starts with (1-based), or 0.
std::size_t heading_level(const Rule& rule, re2::StringPiece line, std::string& ordinal) {
  re2::StringPiece m[2];  // the match, and its first group if it has one: the ordinal itself
  for (std::size_t i = 0; i < rule.levels.size(); ++i) {
    const int groups = rule.levels[i]->NumberOfCapturingGroups() > 0 ? 2 : 1;
    if (rule.levels[i]->Match(line, 0, line.size(), RE2::ANCHOR_START, m, groups)) {
      ordinal.assign(m[groups - 1].data(), m[groups - 1].size());
      return i + 1;
    }
  }
  return 0;
}

void run_outline_rule(const Rule& rule, const Report& report, const std::string& lang, std::vector<Finding>& out) {
  const std::string& tmpl = lang == "en" ? rule.message_en : rule.message_zh;
  for (const Text& t : texts_of(report, rule.part)) {
    std::size_t first_level = 0, previous_level = 0;
    std::string previous;
    Locator locate(t);
    for (std::size_t at = 0; at < t.text->size();) {
      const std::size_t end = std::min(t.text->find('\n', at), t.text->size());
      while (at < end && ((*t.text)[at] == ' ' || (*t.text)[at] == '\t')) ++at;
      while (t.text->compare(at, 3, "\u3000") == 0 && at + 3 <= end) at += 3;  // ideographic-space indent
      std::string ordinal;
      const std::size_t level = heading_level(rule, re2::StringPiece(t.text->data() + at, end - at), ordinal);
      if (level > 0) {
        if (first_level == 0) first_level = level;
        if ((previous_level > 0 && level > previous_level + 1) || level < first_level) {
          Finding f;
          f.rule = rule.id;
          f.severity = rule.severity;
          f.part = t.id;
          f.location = locate.at(at);
          f.expected = previous;
          f.actual = ordinal;
          f.fingerprint = fingerprint_of(f, {});
          std::string msg = tmpl;
          substitute(msg, "{match}", ordinal);
          substitute(msg, "{previous}", previous);
          f.message = msg;
          out.push_back(std::move(f));
        }
        first_level = std::min(first_level, level);  // said once: the part now begins there
        previous_level = level;
        previous = ordinal;
      }
      at = end + 1;
    }
  }
}

// "三" for 3: the number an item is due, written as the list writes it.
std::string chinese_ordinal(int n) {
  static const char* const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return digits[n];
  return std::string(n >= 20 ? digits[n / 10] : "") + "十" + digits[n % 10];
}

// The item due after `item` (number `value` at `at`, `size` bytes): the same
// text with the number one higher, written as the list writes it.
std::string next_item(const std::string& item, std::size_t at, std::size_t size, int value) {
  const bool arabic = std::isdigit(static_cast<unsigned char>(item[at])) != 0;
  return item.substr(0, at) + (arabic ? std::to_string(value + 1) : chinese_ordinal(value + 1)) + item.substr(at + size);
}

void run_enumeration_rule(const Rule& rule, const Report& report, const std::string& lang, std::vector<Finding>& out) {
  const std::string& tmpl = lang == "en" ? rule.message_en : rule.message_zh;
  for (const Text& t : texts_of(report, rule.part)) {
    Locator locate(t);
    const re2::StringPiece input(*t.text);
    for (const auto& series : rule.series) {
      // Two groups: the item, then its number; one group: the number, the match the item.
      const bool item_group = series.pattern->NumberOfCapturingGroups() >= 2;
      int previous = 0;
      std::string previous_item, due;
      std::size_t paragraph_end = 0, pos = 0, previous_end = 0;
      re2::StringPiece m[3];
      while (pos < t.text->size() && series.pattern->Match(input, pos, t.text->size(), RE2::UNANCHORED, m, 3)) {
        const std::size_t offset = static_cast<std::size_t>(m[0].data() - t.text->data());
        pos = offset + std::max<std::size_t>(m[0].size(), 1);
        if (series.per_paragraph && offset >= paragraph_end) {
          previous = 0;
          paragraph_end = std::min(t.text->find('\n', offset), t.text->size());
        }
        if (series.restart && previous > 0 &&
            series.restart->Match(input, previous_end, offset, RE2::UNANCHORED, nullptr, 0))
          previous = 0;
        previous_end = pos;
        const re2::StringPiece whole = item_group ? m[1] : m[0], number = item_group ? m[2] : m[1];
        const double value = stated_number(std::string(number));
        if (std::isnan(value) || value < 1 || value > 99) continue;
        const std::string item(whole.data(), whole.size());
        if (value != 1 && previous > 0 && static_cast<int>(value) != previous + 1) {
          Finding f;
          f.rule = rule.id;
          f.severity = rule.severity;
          f.part = t.id;
          f.location = locate.at(static_cast<std::size_t>(whole.data() - t.text->data()));
          f.expected = due, f.actual = item;
          f.fingerprint = fingerprint_of(f, item);
          std::string msg = tmpl;
          substitute(msg, "{match}", item);
          substitute(msg, "{previous}", previous_item);
          substitute(msg, "{expected}", due);
          f.message = msg;
          out.push_back(std::move(f));
        }
        previous = static_cast<int>(value);
        previous_item = item;
        due = next_item(item, static_cast<std::size_t>(number.data() - whole.data()), number.size(), previous);
      }
    }
  }
}

}  // namespace

std::string fill_requires(const std::string& text, const std::function<std::string(const std::string&)>& value) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t open; (open = text.find('{', pos)) != std::string::npos;) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    const bool placeholder = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                             std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
    out += text.substr(pos, open - pos) + (placeholder ? value(name) : text.substr(open, close - open + 1));
    pos = close + 1;
  }
  return out + text.substr(pos);
}

// OCR-01, made here rather than by a context: a cell OCR was unsure of
// whose row and column identities both give it one value (CellResult::implied).
// Its message's {row} {col} {text} {confidence} {implied} are filled per cell.
void add_likely_readings(const Rule& rule, const Report& report, const std::string& lang, std::vector<Finding>& out) {
  for (const auto& table : report.tables)
    for (const auto& cell : table.cells) {
      if (cell.status != CellStatus::uncertain || cell.implied < 0) continue;
      auto label = [](const auto& items, const std::string& id) {
        for (const auto& item : items)
          if (item.first == id) return item.second;
        return id;
      };
      std::vector<std::pair<std::string, std::string>> rows;
      for (const auto& r : table.rows) rows.push_back({r.id, r.label});
      const std::map<std::string, std::string> fills = {
          {"{row}", label(rows, cell.row)}, {"{col}", label(table.columns, cell.col)}, {"{text}", cell.text},
          {"{confidence}", std::to_string(cell.span.ocr_confidence)}, {"{implied}", std::to_string(cell.implied)}};
      Finding f;
      f.rule = rule.id;
      f.severity = rule.severity;
      f.message = lang == "en" ? rule.message_en : rule.message_zh;
      for (const auto& [key, value] : fills)
        for (std::size_t at; (at = f.message.find(key)) != std::string::npos;) f.message.replace(at, key.size(), value);
      f.location = cell.span;
      f.table = table.id, f.row = cell.row, f.col = cell.col;
      f.expected = std::to_string(cell.implied), f.actual = cell.text;
      f.fingerprint = fingerprint_of(f, {});
      out.push_back(std::move(f));
    }
}

std::string finding_fingerprint(const Finding& f, const std::string& extra) { return fingerprint_of(f, extra); }

std::vector<Finding> run_rules(const std::vector<Rule>& rules, const Report& report, const Profile& profile,
                               const std::string& lang, const Report* previous) {
  XmlDoc doc = report_to_xml(report, profile, previous);
  std::vector<Finding> findings;
  const auto undecided = std::find_if(rules.begin(), rules.end(), [](const Rule& r) { return r.id == undecided_rule_id; });
  const Rule* undecided_rule = undecided == rules.end() ? nullptr : &*undecided;
  // One XPath context for every rule: its object cache then serves them all.
  using Context = std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)>;
  const Context ctx(xmlXPathNewContext(doc.get()), xmlXPathFreeContext);
  xmlXPathRegisterFunc(ctx.get(), reinterpret_cast<const xmlChar*>("join"), xpath_join);
  xmlXPathContextSetCache(ctx.get(), 1, -1, 0);  // reuse XPath objects instead of malloc/free per step
  ctx->opLimit = limits::xpath_operations;
  ctx->error = [](void*, xmlErrorPtr) {};  // an evaluation that fails is undecided or over the limit, said as a finding or error
  for (const auto& rule : rules) {
    if (rule.id == likely_reading_rule_id && rule.kind == "engine") add_likely_readings(rule, report, lang, findings);
    if (rule.kind == "exceptions" || rule.kind == "engine" || !rule.applies_to(report)) continue;
    limits::check_deadline();
    ctx->opCount = 0;  // the limit is per rule
    if (rule.pattern) run_pattern_rule(rule, report, ctx.get(), lang, findings);
    else if (!rule.levels.empty()) run_outline_rule(rule, report, lang, findings);
    else if (!rule.series.empty()) run_enumeration_rule(rule, report, lang, findings);
    else run_xpath_rule(rule, undecided_rule, ctx.get(), lang, findings);
    xmlXPathRegisteredVariablesCleanup(ctx.get());  // one rule's lets are not the next one's
    if (ctx->opCount >= ctx->opLimit) throw_over_limit(rule);
  }
  outline_identity_cells(rules, report, lang, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.page, a.location.line, a.location.column) <
           std::tie(b.location.page, b.location.line, b.location.column);
  });
  // The same fingerprint twice in one report: number the repeats.
  std::map<std::string, int> seen;
  for (auto& f : findings)
    if (const int n = seen[f.fingerprint]++; n > 0) f.fingerprint += "-" + std::to_string(n);
  return findings;
}

}  // namespace ogi
