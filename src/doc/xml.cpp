#include "doc/xml.h"

#include <charconv>
#include <algorithm>

#include "doc/input_error.h"
#include "doc/limits.h"

namespace ogi {

bool xml_is(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

xmlNode* xml_child(xmlNode* n, const char* name) {
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (xml_is(c, name)) return c;
  return nullptr;
}

std::string xml_attr(xmlNode* n, const char* name) {
  if (!n) return {};
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string xml_text(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

int xml_int(std::string_view value, int lo, int hi, int absent) {
  const std::size_t first = value.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) return absent;
  value.remove_prefix(first);
  if (value.starts_with('+')) value.remove_prefix(1);
  long long n = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (error == std::errc::result_out_of_range) return value.starts_with('-') ? lo : hi;
  if (error != std::errc()) return absent;
  return static_cast<int>(std::clamp<long long>(n, lo, hi));
}

void throw_too_deep(const char* what) {
  const std::string depth = std::to_string(limits::xml_depth);
  throw InputError("limit", std::string(what) + " 的元素嵌套超过 " + depth + " 层，无法读取",
                   std::string(what) + " nests elements more than " + depth + " deep and cannot be read");
}

}  // namespace ogi
