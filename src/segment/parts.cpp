// Finds the six part headings: numbered 一、…六、 with any of 、.．,， or
// spaces, full or half width, at a line start or inside a run-together page,
// split over two lines, with or without their number, and with wording that
// deviates from the template (then reported, not ignored).
#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "doc/utf8.h"
#include "segment/locate.h"
#include "segment/normalize.h"
#include "segment/segmenter.h"

namespace ogi {
namespace {

struct Hit {
  std::size_t part = 0;
  TextPos begin, end;  // heading text from its ordinal to its last character
  std::string ordinal;
  double quality = 0;
  bool canonical = false;
  bool unheaded = false;  // found by its first subheading, the heading itself absent
};

// A part's heading forms as keys, made once per profile: the label first.
struct PartKeys {
  std::vector<std::pair<std::u32string, bool>> forms;  // key, is the label
  std::vector<std::u32string> anchors;
};

std::vector<PartKeys> part_keys(const Profile& profile) {
  std::vector<PartKeys> out;
  for (const auto& part : profile.parts) {
    PartKeys k;
    k.forms.push_back({part.label_key, true});
    for (const auto& v : part.variant_keys) k.forms.push_back({v, false});
    k.anchors = part.anchor_keys;
    out.push_back(std::move(k));
  }
  return out;
}

// How well the text whose key is `rest` starts with the heading of `part`.
// Returns quality 0 when it does not; sets `used` to the key chars consumed.
double match_heading(const PartSpec& part, const PartKeys& keys, std::u32string_view rest, bool heading_only_line,
                     const std::string& ordinal, std::size_t& used, bool& canonical) {
  for (const auto& [form, is_label] : keys.forms) {
    if (rest.starts_with(form)) {
      used = form.size();
      canonical = is_label;
      return 1.0;
    }
  }
  for (const auto& [form, is_label] : keys.forms) {
    const std::size_t tolerance = std::max<std::size_t>(1, form.size() / 8);
    if (rest.size() + tolerance < form.size()) continue;
    std::size_t best = tolerance + 1;
    for (std::size_t len = form.size() > 2 ? form.size() - 2 : 1; len <= form.size() + 2 && len <= rest.size(); ++len) {
      const std::size_t d = edit_distance(form, std::u32string(rest.substr(0, len)));
      if (d <= best) best = d, used = len;  // ties: the longer heading
    }
    if (best <= tolerance) {
      canonical = false;
      return 0.9;
    }
  }
  // The part's own word under its own ordinal: on a line of its own the line
  // is the heading; in a run-together page only when the word comes at once.
  constexpr std::size_t anchor_window = 8;  // key characters after the ordinal
  if (ordinal != part.ordinal) return 0;
  for (const auto& anchor : keys.anchors) {
    const std::size_t at = rest.find(anchor);
    if (at == std::u32string_view::npos || (!heading_only_line && at > anchor_window)) continue;
    used = heading_only_line ? rest.size() : at + anchor.size();
    canonical = false;
    return heading_only_line ? 0.6 : 0.5;
  }
  return 0;
}

// Headings of the form 一、… anywhere in paragraph `b` (possibly continued
// on the next paragraph when the heading was broken over two lines).
void ordinal_hits(const Document& doc, std::size_t b, const Profile& profile, const std::vector<PartKeys>& keys,
                  std::vector<Hit>& hits) {
  static thread_local const RE2 ordinal_re(R"(([一二三四五六七八九十]{1,3})[\s\x{3000}]*[、.．，,][\s\x{3000}]*)");
  const std::string& text = doc.blocks[b].text;
  const re2::StringPiece input(text);
  re2::StringPiece groups[2];
  std::size_t pos = 0;
  Key whole;  // made at the first ordinal: most paragraphs have none
  while (pos < text.size() && ordinal_re.Match(input, pos, text.size(), RE2::UNANCHORED, groups, 2)) {
    const std::size_t m_begin = static_cast<std::size_t>(groups[0].data() - text.data());
    const std::size_t m_end = m_begin + groups[0].size();
    pos = m_end;
    if (whole.chars.empty()) whole = make_key(text);
    const std::string ordinal(groups[1].data(), groups[1].size());
    const std::size_t first = static_cast<std::size_t>(
        std::lower_bound(whole.begin.begin(), whole.begin.end(), m_end) - whole.begin.begin());
    const std::u32string_view rest = std::u32string_view(whole.chars).substr(first);
    const bool line_start = m_begin == 0;
    const bool heading_only = line_start && rest.size() <= 30;
    // A heading broken over two lines: try it joined with the next line.
    const bool can_join = line_start && b + 1 < doc.blocks.size() &&
                          doc.blocks[b + 1].kind == BlockKind::paragraph && rest.size() < 16;
    const std::string_view rest_text = std::string_view(text).substr(m_end);
    const Key joined = can_join ? make_key(std::string(rest_text) + doc.blocks[b + 1].text) : Key{};
    for (std::size_t p = 0; p < profile.parts.size(); ++p) {
      std::size_t used = 0;
      bool canonical = false;
      Hit hit{p, {b, m_begin}, {b, text.size()}, ordinal, 0, false, false};
      hit.quality = match_heading(profile.parts[p], keys[p], rest, heading_only, ordinal, used, canonical);
      if (hit.quality > 0) {
        hit.end.offset = used == 0 ? m_end : whole.end[first + used - 1];
      } else if (can_join) {
        hit.quality = match_heading(profile.parts[p], keys[p], joined.chars, false, ordinal, used, canonical);
        if (hit.quality < 1.0 || used <= rest.size()) continue;
        hit.end = {b + 1, joined.end[used - 1] - rest_text.size()};
      }
      if (hit.quality == 0) continue;
      hit.canonical = canonical;
      hits.push_back(hit);
    }
  }
}

// A heading printed without its number: the whole line is the heading.
void bare_hits(const Document& doc, std::size_t b, const std::vector<PartKeys>& keys, std::vector<Hit>& hits) {
  if (doc.blocks[b].text.size() > 120) return;  // a heading is short
  const std::u32string line = key_of(doc.blocks[b].text);
  for (std::size_t p = 0; p < keys.size(); ++p)
    for (const auto& [form, is_label] : keys[p].forms)
      if (line == form) hits.push_back(Hit{p, {b, 0}, {b, doc.blocks[b].text.size()}, "", 0.8, is_label, false});
}

// A part whose heading is absent but whose first subheading is there
// (“（一）…存在问题…” after part 四): the subheading stands for the heading,
// searched between the parts found before and after it.
std::optional<Hit> content_hit(const Document& doc, std::size_t part, const PartSpec& spec, TextPos from, TextPos to) {
  static thread_local const RE2 first_sub_re(R"([（(][\s\x{3000}]*一[\s\x{3000}]*[）)])");
  constexpr std::size_t content_window = 24;  // key characters of the subheading
  if (spec.content_keys.empty()) return std::nullopt;
  for (std::size_t b = from.block; b < doc.blocks.size() && b <= to.block; ++b) {
    if (doc.blocks[b].kind != BlockKind::paragraph) continue;
    const std::string& text = doc.blocks[b].text;
    re2::StringPiece sub;
    std::size_t pos = b == from.block ? from.offset : 0;
    while (pos < text.size() && first_sub_re.Match(text, pos, text.size(), RE2::UNANCHORED, &sub, 1)) {
      const std::size_t begin = static_cast<std::size_t>(sub.data() - text.data());
      pos = begin + sub.size();
      if (TextPos{b, begin} >= to) return std::nullopt;
      const std::u32string head = key_of(std::string_view(text).substr(pos, std::min<std::size_t>(text.size() - pos, 4 * content_window)));
      const std::u32string_view window = std::u32string_view(head).substr(0, content_window);
      for (const auto& word : spec.content_keys)
        if (window.find(word) != std::u32string_view::npos) {
          const std::size_t line_end = std::min(text.find('\n', begin), text.size());
          return Hit{part, {b, begin}, {b, std::min(line_end, pos + 3 * content_window)}, "", 0.4, false, true};
        }
    }
  }
  return std::nullopt;
}

std::string trim_spaces(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string text_between(const Document& doc, TextPos from, TextPos to,
                         std::vector<std::pair<std::size_t, Span>>* spans = nullptr) {
  std::string out;
  for (std::size_t b = from.block; b <= to.block && b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (block.kind != BlockKind::paragraph) continue;
    const std::size_t s = b == from.block ? from.offset : 0;
    const std::size_t e = b == to.block ? to.offset : block.text.size();
    if (s >= e) continue;
    if (!out.empty()) out += '\n';
    if (spans) spans->push_back({out.size(), span_at(doc, {b, s})});
    out += block.text.substr(s, e - s);
  }
  return out;
}

}  // namespace

Span span_at(const Document& doc, TextPos pos) {
  if (pos.block >= doc.blocks.size()) return {};
  const Block& block = doc.blocks[pos.block];
  Span s = block.span;
  if (block.kind == BlockKind::paragraph) s.column += code_points_before(block.text, pos.offset);
  return s;
}

std::vector<PartRegion> locate_parts(const Document& doc, const Profile& profile,
                                     std::vector<PartResult>& parts) {
  const std::vector<PartKeys> keys = part_keys(profile);
  std::vector<Hit> hits;
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    if (doc.blocks[b].kind != BlockKind::paragraph) continue;
    ordinal_hits(doc, b, profile, keys, hits);
    bare_hits(doc, b, keys, hits);
  }
  // Best hits first; each part and each position taken once.
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.quality != b.quality ? a.quality > b.quality : a.begin < b.begin;
  });
  std::vector<const Hit*> chosen(profile.parts.size(), nullptr);
  for (const Hit& h : hits) {
    if (chosen[h.part]) continue;
    const bool taken = std::any_of(chosen.begin(), chosen.end(),
                                   [&](const Hit* c) { return c && c->begin == h.begin; });
    if (!taken) chosen[h.part] = &h;
  }
  std::vector<Hit> by_content;
  by_content.reserve(profile.parts.size());  // chosen points into it
  for (std::size_t p = 0; p < profile.parts.size(); ++p) {
    if (chosen[p]) continue;
    TextPos from{0, 0}, to{doc.blocks.size(), 0};
    for (std::size_t q = 0; q < p; ++q)
      if (chosen[q]) from = std::max(from, chosen[q]->end);
    for (std::size_t q = profile.parts.size(); q-- > p + 1;)
      if (chosen[q]) to = std::min(to, chosen[q]->begin);
    if (from >= to) continue;
    if (auto hit = content_hit(doc, p, profile.parts[p], from, to)) chosen[p] = &by_content.emplace_back(*hit);
  }

  std::vector<TextPos> starts;
  for (const Hit* c : chosen)
    if (c) starts.push_back(c->begin);
  std::sort(starts.begin(), starts.end());
  const TextPos doc_end{doc.blocks.size(), 0};

  parts.clear();
  std::vector<PartRegion> regions;
  for (std::size_t p = 0; p < profile.parts.size(); ++p) {
    const PartSpec& spec = profile.parts[p];
    PartResult r;
    r.id = spec.id;
    r.ordinal_expected = spec.ordinal;
    r.label = spec.label;
    PartRegion region;
    if (const Hit* h = chosen[p]) {
      const auto next = std::upper_bound(starts.begin(), starts.end(), h->begin);
      region = {true, h->begin, h->end, next == starts.end() ? doc_end : *next};
      r.found = true;
      r.ordinal = h->ordinal;
      r.canonical = h->canonical;
      r.unheaded = h->unheaded;
      r.heading = trim_spaces(text_between(doc, h->begin, h->end));
      std::replace(r.heading.begin(), r.heading.end(), '\n', ' ');
      r.order = static_cast<int>(std::lower_bound(starts.begin(), starts.end(), h->begin) - starts.begin()) + 1;
      r.span = span_at(doc, h->begin);
      r.text = text_between(doc, region.body, region.end, &r.text_spans);
    }
    parts.push_back(std::move(r));
    regions.push_back(region);
  }
  return regions;
}

std::vector<PartResult> find_parts(const Document& doc, const Profile& profile) {
  std::vector<PartResult> parts;
  locate_parts(doc, profile, parts);
  return parts;
}

}  // namespace ogi
