// The Report as an XML tree, the model the XPath rules are written against.
// Every node carries its source span (page, line, column attributes).
#pragma once

#include <libxml/tree.h>

#include <memory>

#include "segment/profile.h"
#include "segment/report.h"

namespace ogi {

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// previous: last year's report, for the year-over-year rules (may be null).
XmlDoc report_to_xml(const Report& report, const Profile& profile, const Report* previous = nullptr);

}  // namespace ogi
