// DOCX drafts: a file -> minizip + libxml2 -> Document.
#include "extract/extract.h"
#include "fuzz_common.h"

void fuzz::init() {}
void fuzz::one(const Input& in) { ogi::extract_docx(in.path()); }
