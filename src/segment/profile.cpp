#include "segment/profile.h"

#include "doc/limits.h"
#include "doc/valid_cache.h"
#include "doc/xml.h"
#include "segment/normalize.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ogi {
namespace {

// "问题 计划": a part's anchor or content words, as written in the profile.
std::vector<std::string> space_separated(const std::string& list) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while ((pos = list.find_first_not_of(' ', pos)) != std::string::npos) {
    const std::size_t end = std::min(list.find(' ', pos), list.size());
    words.push_back(list.substr(pos, end - pos));
    pos = end;
  }
  return words;
}


std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> variants_of(xmlNode* n) {
  std::vector<std::string> out;
  for (xmlNode* c = n->children; c; c = c->next)
    if (xml_is(c, "variant")) out.push_back(xml_text(c));
  return out;
}

TableSpec read_table(xmlNode* n) {
  TableSpec t;
  t.id = xml_attr(n, "id");
  t.part = xml_attr(n, "part");
  t.caption = xml_attr(n, "caption");
  t.anchor = xml_attr(n, "anchor");
  t.one_line = xml_attr(n, "layout") == "one-line";
  t.header = xml_attr(n, "header");
  t.corner = xml_attr(n, "corner");
  for (xmlNode* c = n->children; c; c = c->next) {
    if (xml_is(c, "column")) {
      t.columns.push_back({xml_attr(c, "id"), xml_attr(c, "label"), xml_attr(c, "value") == "decimal", xml_attr(c, "group")});
    } else if (xml_is(c, "row")) {
      RowSpec r{xml_attr(c, "id"), xml_attr(c, "label"), xml_attr(c, "group"), xml_attr(c, "core"),
                xml_attr(c, "ordinal"), variants_of(c), words(xml_attr(c, "columns")), {}, {}, {},
                words(xml_attr(c, "replaced-by")), xml_attr(c, "within"), xml_attr(c, "block")};
      if (r.core.empty()) r.core = r.label;
      r.core_key = r.sorted_key = key_of(r.core);
      std::sort(r.sorted_key.begin(), r.sorted_key.end());
      for (const auto& v : r.variants) r.variant_keys.push_back(key_of(v));
      t.rows.push_back(std::move(r));
    } else if (xml_is(c, "identity")) {
      t.identities.push_back({xml_attr(c, "kind"), xml_attr(c, "total"), words(xml_attr(c, "parts")),
                              words(xml_attr(c, "left")), words(xml_attr(c, "right"))});
    }
  }
  return t;
}

}  // namespace

const ColumnSpec* TableSpec::column(const std::string& col) const {
  for (const auto& c : columns)
    if (c.id == col) return &c;
  return nullptr;
}

std::vector<std::string> TableSpec::columns_of(const RowSpec& row) const {
  if (!row.columns.empty()) return row.columns;
  std::vector<std::string> ids;
  for (const auto& c : columns) ids.push_back(c.id);
  return ids;
}

Profile load_profile(const std::string& path, ValidCache* validated) {
  // The shared tables (common/) come in by XInclude, from the profiles' own folder only.
  const XmlDoc doc = read_data_file(path, limits::rule_file_bytes, XML_PARSE_NOBLANKS,
                                    std::filesystem::path(path).parent_path().string());
  const std::filesystem::path rules = std::filesystem::path(path).parent_path().parent_path();
  const bool known = validated && validated->known(path, "profile");
  if (!known) validate(doc, path, (rules / "schema" / "profile.rng").string());
  xmlNode* root = xmlDocGetRootElement(doc.get());
  Profile p;
  p.id = xml_attr(root, "id");
  p.name = xml_attr(root, "name");
  auto year = [&](const char* attribute, int& into) {
    const std::string y = xml_attr(root, attribute);
    if (y.empty()) return;
    const auto [end, ec] = std::from_chars(y.data(), y.data() + y.size(), into);
    if (ec != std::errc() || end != y.data() + y.size() || into < 1900 || into > 2200)
      throw std::runtime_error(path + ": " + attribute + " is not a year: " + y);
  };
  year("first-year", p.first_year);
  year("last-year", p.last_year);
  for (xmlNode* c = root->children; c; c = c->next) {
    if (xml_is(c, "title")) {
      (xml_attr(c, "lang") == "en" ? p.title_en : p.title_zh) = xml_text(c);
    } else if (xml_is(c, "markers")) {
      for (xmlNode* m = c->children; m; m = m->next)
        if (xml_is(m, "marker")) p.markers.push_back(xml_text(m));
    } else if (xml_is(c, "part")) {
      PartSpec part{xml_attr(c, "id"), xml_attr(c, "ordinal"), xml_attr(c, "label"), xml_attr(c, "anchor"),
                    variants_of(c), {}, {}, {}, {}};
      part.label_key = key_of(part.label);
      for (const auto& word : space_separated(part.anchor)) part.anchor_keys.push_back(key_of(word));
      for (const auto& word : space_separated(xml_attr(c, "content"))) part.content_keys.push_back(key_of(word));
      for (const auto& v : part.variants) part.variant_keys.push_back(key_of(v));
      p.parts.push_back(std::move(part));
    } else if (xml_is(c, "table")) {
      p.tables.push_back(read_table(c));
    }
  }
  if (validated && !known) validated->add(path, "profile");
  return p;
}

std::vector<Profile> load_profiles(const std::string& dir) {
  std::vector<Profile> out;
  if (std::error_code ec; !std::filesystem::is_directory(dir, ec))
    throw std::runtime_error("no folder " + dir + " (the profiles)");
  // What a profile's validity depends on besides itself: the schema and the shared tables it includes.
  std::vector<std::string> inputs = {(std::filesystem::path(dir).parent_path() / "schema" / "profile.rng").string()};
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(dir) / "common", ec))
    if (e.path().extension() == ".xml") inputs.push_back(e.path().string());
  std::sort(inputs.begin() + 1, inputs.end());
  ValidCache validated("profiles", inputs);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(load_profile(e.path(), &validated));
  validated.save();
  std::sort(out.begin(), out.end(), [](const Profile& a, const Profile& b) { return a.id < b.id; });
  return out;
}

}  // namespace ogi
