#include "segment/profile.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xinclude.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ogi {
namespace {

std::string attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string text_of(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

bool is(xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
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
    if (is(c, "variant")) out.push_back(text_of(c));
  return out;
}

TableSpec read_table(xmlNode* n) {
  TableSpec t;
  t.id = attr(n, "id");
  t.part = attr(n, "part");
  t.caption = attr(n, "caption");
  t.anchor = attr(n, "anchor");
  t.one_line = attr(n, "layout") == "one-line";
  for (xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "column")) {
      t.columns.push_back({attr(c, "id"), attr(c, "label"), attr(c, "value") == "decimal"});
    } else if (is(c, "row")) {
      RowSpec r{attr(c, "id"), attr(c, "label"), attr(c, "group"), attr(c, "core"),
                attr(c, "ordinal"), variants_of(c), words(attr(c, "columns"))};
      if (r.core.empty()) r.core = r.label;
      t.rows.push_back(std::move(r));
    } else if (is(c, "identity")) {
      t.identities.push_back({attr(c, "kind"), attr(c, "total"), words(attr(c, "parts")),
                              words(attr(c, "left")), words(attr(c, "right"))});
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

Profile load_profile(const std::string& path) {
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOBLANKS), xmlFreeDoc);
  if (!doc) throw std::runtime_error("cannot read profile " + path);
  if (xmlXIncludeProcessFlags(doc.get(), XML_PARSE_NONET) < 0)
    throw std::runtime_error("cannot resolve includes in profile " + path);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !is(root, "profile")) throw std::runtime_error("not a profile: " + path);
  Profile p;
  p.id = attr(root, "id");
  p.name = attr(root, "name");
  if (auto y = attr(root, "first-year"); !y.empty()) p.first_year = std::stoi(y);
  if (auto y = attr(root, "last-year"); !y.empty()) p.last_year = std::stoi(y);
  for (xmlNode* c = root->children; c; c = c->next) {
    if (is(c, "markers")) {
      for (xmlNode* m = c->children; m; m = m->next)
        if (is(m, "marker")) p.markers.push_back(text_of(m));
    } else if (is(c, "part")) {
      p.parts.push_back({attr(c, "id"), attr(c, "ordinal"), attr(c, "label"), attr(c, "anchor"),
                         variants_of(c)});
    } else if (is(c, "table")) {
      p.tables.push_back(read_table(c));
    }
  }
  return p;
}

std::vector<Profile> load_profiles(const std::string& dir) {
  std::vector<Profile> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(load_profile(e.path()));
  std::sort(out.begin(), out.end(), [](const Profile& a, const Profile& b) { return a.id < b.id; });
  return out;
}

}  // namespace ogi
