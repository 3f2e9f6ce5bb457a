// HTML pages: bytes (the charset sniffed by the extractor) -> Document.
#include "extract/extract.h"
#include "fuzz_common.h"

void fuzz::init() {}
void fuzz::one(const Input& in) { ogi::extract_html(in.bytes, "fuzz.html"); }
