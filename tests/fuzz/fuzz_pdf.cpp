// PDF: a file -> poppler-cpp -> Document.
#include "extract/extract.h"
#include "fuzz_common.h"

void fuzz::init() {}
void fuzz::one(const Input& in) { ogi::extract_pdf_file(in.path()); }
