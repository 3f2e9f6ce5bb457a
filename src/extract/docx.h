// What the DOCX extractor shares with the writer of the annotated copy
// (report/docx_annotator.cpp): parts read within the limits.
#pragma once

#include <string>

#include <unzip.h>

namespace ogi {

// One part of the package, never more than limits::docx_part_bytes whatever
// the archive claims; empty when it is absent and not required.
std::string read_docx_part(unzFile zip, const char* name, bool required);

}  // namespace ogi
