#include "doc/xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xinclude.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/limits.h"

namespace ogi {
namespace {

namespace fs = std::filesystem;

// What the loader may open on this thread (read_data_file's include root),
// and the first resource it refused.
thread_local fs::path allowed_root;
thread_local std::string refused;

bool inside(const fs::path& root, const fs::path& file) {
  const auto rel = file.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

xmlParserInputPtr guarded_loader(const char* url, const char*, xmlParserCtxtPtr ctxt) {
  std::string name = url ? url : "";
  if (name.starts_with("file://")) name.erase(0, 7);
  std::error_code ec;
  const fs::path file = fs::weakly_canonical(name, ec);
  if (!allowed_root.empty() && !ec && name.find("://") == std::string::npos && inside(allowed_root, file) &&
      fs::is_regular_file(file, ec))
    return xmlNewInputFromFile(ctxt, file.c_str());
  if (refused.empty()) refused = url ? url : "?";
  return nullptr;
}

}  // namespace

void xml_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(guarded_loader);
  });
}

std::string read_data_bytes(const std::string& path, std::uint64_t max_bytes) {
  try {
    return read_regular_file(path, max_bytes, "文件", "the file");
  } catch (const InputError& e) {
    throw std::runtime_error(e.en);
  }
}

XmlDoc read_data_file(const std::string& path, std::uint64_t max_bytes, int options, const std::string& include_root) {
  return parse_data(read_data_bytes(path, max_bytes), path, options, include_root);
}

XmlDoc parse_data(std::string_view bytes, const std::string& path, int options, const std::string& include_root) {
  xml_init();
  std::error_code ec;
  allowed_root = include_root.empty() ? fs::path() : fs::weakly_canonical(include_root, ec);
  refused.clear();
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(), xmlFreeParserCtxt);
  XmlDoc doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), path.c_str(), nullptr,
                               options | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             xmlFreeDoc);
  if (doc && !include_root.empty() && xmlXIncludeProcessFlags(doc.get(), options | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING) < 0) doc.reset();
  allowed_root.clear();
  if (!refused.empty())
    throw std::runtime_error(path + ": refers to " + refused +
                             " (an external entity or DTD, or an include that is missing or outside the profiles folder): not read");
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string why = e && e->message ? e->message : "not well-formed XML\n";
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw std::runtime_error(path + ":" + std::to_string(e ? e->line : 0) + ": " + why);
  }
  return doc;
}

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

namespace {

using Schema = std::shared_ptr<xmlRelaxNG>;

// Schemas are ours (rules/schema), read like any data file: no loader of
// its own, so no include or external reference is followed.
Schema schema_at(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, Schema> schemas;
  const std::lock_guard lock(mutex);
  Schema& schema = schemas[path];
  if (schema) return schema;
  const XmlDoc doc = read_data_file(path, 1 << 20, 0);
  std::unique_ptr<xmlRelaxNGParserCtxt, decltype(&xmlRelaxNGFreeParserCtxt)> parser(xmlRelaxNGNewDocParserCtxt(doc.get()),
                                                                                   xmlRelaxNGFreeParserCtxt);
  xmlRelaxNGSetParserStructuredErrors(parser.get(), [](void*, xmlErrorPtr) {}, nullptr);
  xmlRelaxNGPtr parsed = xmlRelaxNGParse(parser.get());
  if (parsed == nullptr) throw std::runtime_error(path + ": not a valid RELAX NG schema");
  schema = Schema(parsed, xmlRelaxNGFree);
  return schema;
}

}  // namespace

void validate(const XmlDoc& doc, const std::string& path, const std::string& schema, const std::string& who) {
  const Schema rng = schema_at(schema);
  std::unique_ptr<xmlRelaxNGValidCtxt, decltype(&xmlRelaxNGFreeValidCtxt)> ctxt(xmlRelaxNGNewValidCtxt(rng.get()),
                                                                               xmlRelaxNGFreeValidCtxt);
  std::string first;  // the first error is the one to fix; later ones often follow from it
  xmlRelaxNGSetValidStructuredErrors(
      ctxt.get(),
      [](void* into, xmlErrorPtr e) {
        auto& said = *static_cast<std::string*>(into);
        if (!said.empty() || e == nullptr) return;
        std::string why = e->message ? e->message : "invalid";
        while (!why.empty() && why.back() == '\n') why.pop_back();
        said = std::to_string(e->line) + ": " + why;
      },
      &first);
  if (xmlRelaxNGValidateDoc(ctxt.get(), doc.get()) == 0) return;
  if (first.empty()) first = "0: invalid";
  const std::size_t colon = first.find(':');
  throw std::runtime_error(path + ":" + first.substr(0, colon) + ":" + (who.empty() ? "" : " " + who + ":") + first.substr(colon + 1) +
                           " (schema " + std::filesystem::path(schema).filename().string() + ")");
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
