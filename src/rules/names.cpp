#include "rules/names.h"

#include <re2/re2.h>

#include <cctype>
#include <stdexcept>

#include "doc/limits.h"
#include "doc/xml.h"

namespace ogi {

namespace {

void collect(xmlNode* n, ModelNames& names) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string name = xml_attr(n, "name");
    if (xml_is(n, "element") && !name.empty()) names.elements.insert(name);
    if (xml_is(n, "attribute") && !name.empty()) names.attributes.insert(name);
    if (xml_is(n, "name")) names.elements.insert(xml_text(n));  // <element><choice><name>number</name>…
    collect(n->children, names);
  }
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

std::size_t skip_spaces(const std::string& s, std::size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

[[noreturn]] void unknown(const std::string& where, const std::string& what, const std::string& expr) {
  throw std::runtime_error(where + ": " + what + " in “" + expr + "” (the report model: rules/schema/report.rng, `ogicheck extract --format xml`)");
}

}  // namespace

ModelNames schema_names(const std::string& schema) {
  ModelNames names;
  const XmlDoc doc = read_data_file(schema, limits::rule_file_bytes, 0);
  collect(xmlDocGetRootElement(doc.get()), names);
  return names;
}

void check_vocabulary(xmlNode* root, const ModelNames& rule_schema, const std::string& file, const std::string& id) {
  for (xmlNode* n = root; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string where = file + ":" + std::to_string(xmlGetLineNo(n)) + ": rule " + id + ": ";
    const std::string name = reinterpret_cast<const char*>(n->name);
    if (!rule_schema.elements.contains(name)) throw std::runtime_error(where + "unknown element <" + name + "> (rules/schema/rule.rng)");
    for (xmlAttr* a = n->properties; a; a = a->next) {
      const std::string attribute = reinterpret_cast<const char*>(a->name);
      if (!rule_schema.attributes.contains(attribute) && !xml_is(n, "each"))
        throw std::runtime_error(where + "unknown attribute " + attribute + " of <" + name + "> (rules/schema/rule.rng)");
    }
    if (const std::string severity = xml_attr(n, "severity"); xmlHasProp(n, reinterpret_cast<const xmlChar*>("severity")) &&
                                                              severity != "error" && severity != "warning" && severity != "info")
      throw std::runtime_error(where + "severity=\"" + severity + "\" is none of error, warning, info");
    check_vocabulary(n->children, rule_schema, file, id);
  }
}

ModelNames model_names(const std::string& report_schema, const std::vector<Profile>& profiles) {
  ModelNames names = schema_names(report_schema);
  for (const Profile& p : profiles) {
    for (const auto& part : p.parts) names.ids.insert(part.id);
    for (const auto& table : p.tables) {
      names.ids.insert(table.id);
      for (const auto& row : table.rows) names.ids.insert(row.id), names.elements.insert(row.id);
      for (const auto& col : table.columns) names.ids.insert(col.id);
    }
  }
  return names;
}

// A small XPath 1.0 tokenizer: literals are skipped; a name after @ is an
// attribute, after $ a variable; a name before ( is a function or node
// test, before :: an axis; and, or, div, mod are operators; every other
// name is an element.
void check_names(const std::string& expr, const ModelNames& names, const std::set<std::string>& variables,
                 const std::string& where) {
  static const std::set<std::string> operators = {"and", "or", "div", "mod"};
  for (std::size_t i = 0; i < expr.size();) {
    const char c = expr[i];
    if (c == '\'' || c == '"') {
      const std::size_t close = expr.find(c, i + 1);
      i = close == std::string::npos ? expr.size() : close + 1;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < expr.size() && (std::isdigit(static_cast<unsigned char>(expr[i])) || expr[i] == '.')) ++i;
      continue;
    }
    const bool attribute = c == '@', variable = c == '$';
    const std::size_t start = attribute || variable ? i + 1 : i;
    std::size_t end = start;
    while (end < expr.size() && name_char(expr[end])) ++end;
    if (end == start || !(std::isalpha(static_cast<unsigned char>(expr[start])) || expr[start] == '_')) {
      i = std::max(end, i + 1);
      continue;
    }
    const std::string name = expr.substr(start, end - start);
    const std::size_t next = skip_spaces(expr, end);
    i = end;
    if (attribute && !names.attributes.contains(name)) unknown(where, "unknown attribute @" + name, expr);
    if (variable && !variables.contains(name)) unknown(where, "unknown variable $" + name, expr);
    if (attribute || variable || operators.contains(name)) continue;
    if (expr.compare(next, 1, "(") == 0 || expr.compare(next, 2, "::") == 0) continue;
    if (!names.elements.contains(name)) unknown(where, "unknown element " + name, expr);
  }
  static const RE2 id_value(R"(@(?:id|col)\s*!?=\s*'([^']*)')");
  re2::StringPiece input(expr);
  std::string value;
  while (RE2::FindAndConsume(&input, id_value, &value))
    if (!names.ids.contains(value)) unknown(where, "unknown ID '" + value + "'", expr);
}

}  // namespace ogi
