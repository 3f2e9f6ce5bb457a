#include "scan/sites.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "doc/xml.h"

namespace ogi::scan {

namespace {

constexpr std::uint64_t max_family_bytes = 256 << 10;

std::unique_ptr<RE2> compiled(const std::string& pattern, const std::string& file) {
  auto re = std::make_unique<RE2>(pattern, RE2::Quiet);
  if (!re->ok()) throw std::runtime_error(file + ": " + pattern + ": " + re->error());
  return re;
}

SiteFamilies::Records records_of(xmlNode* n, const std::string& file) {
  SiteFamilies::Records r;
  r.when = compiled(xml_attr(n, "when"), file);
  r.url = xml_attr(n, "url");
  r.post = xml_attr(n, "method") == "post";
  r.range = xml_int(xml_attr(n, "range"), 0, 100000, 0);
  if (const std::string total = xml_attr(n, "total"); !total.empty()) r.total = compiled(total, file);
  if (r.range > 0 && (!r.total || r.url.find("{start}") == std::string::npos || r.url.find("{end}") == std::string::npos))
    throw std::runtime_error(file + ": <records range> needs a total pattern and {start} and {end} in its url");
  for (xmlNode* f = n->children; f; f = f->next) {
    if (f->type != XML_ELEMENT_NODE || !xml_is(f, "field")) continue;
    SiteFamilies::Field field;
    field.name = xml_attr(f, "name"), field.value = xml_attr(f, "value");
    if (const std::string pattern = xml_attr(f, "pattern"); !pattern.empty()) field.pattern = compiled(pattern, file);
    field.in_url = xml_attr(f, "in") == "url", field.required = xml_attr(f, "required") == "yes";
    r.fields.push_back(std::move(field));
  }
  return r;
}

}  // namespace

SiteFamilies load_site_families(const std::string& dir, const std::string& schema) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".xml") files.push_back(entry.path().string());
  if (files.empty()) throw std::runtime_error(dir + ": no site family (*.xml)");
  std::sort(files.begin(), files.end());
  SiteFamilies families;
  for (const auto& file : files) {
    const XmlDoc doc = read_data_file(file, max_family_bytes, 0);
    validate(doc, file, schema);
    xmlNode* root = xmlDocGetRootElement(doc.get());
    families.ids.push_back(xml_attr(root, "id"));
    for (xmlNode* n = root->children; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (xml_is(n, "page-count")) families.page_count.push_back(compiled(xml_attr(n, "pattern"), file));
      else if (xml_is(n, "list")) families.list.push_back(compiled(xml_attr(n, "pattern"), file));
      else if (xml_is(n, "article")) families.article.push_back(compiled(xml_attr(n, "pattern"), file));
      else if (xml_is(n, "page-url")) families.page_url.push_back({xml_attr(n, "template"), xml_int(xml_attr(n, "from"), 0, 1, 1)});
      else if (xml_is(n, "records")) families.records.push_back(records_of(n, file));
      else if (xml_is(n, "report-marker")) families.report_markers.push_back(xml_text(n));
      else if (xml_is(n, "body-marker")) families.body_markers.push_back(xml_text(n));
      else if (xml_is(n, "attachment")) families.attachments.push_back({xml_attr(n, "ext"), xml_attr(n, "readable") == "yes"});
    }
  }
  return families;
}

}  // namespace ogi::scan
