// Reading libxml2 trees: the few helpers every stage that reads XML needs.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace ogi {

// An element with this name (namespace prefixes ignored).
bool xml_is(const xmlNode* n, const char* name);
// Its first child element with this name, or null.
xmlNode* xml_child(xmlNode* n, const char* name);
// An attribute's value by name (namespace ignored), empty when absent.
std::string xml_attr(xmlNode* n, const char* name);
// The text content of a node and its descendants.
std::string xml_text(xmlNode* n);

}  // namespace ogi
