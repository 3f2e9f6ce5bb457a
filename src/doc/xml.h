// Reading libxml2 trees: the few helpers every stage that reads XML needs.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <exception>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ogi {

// An element with this name (namespace prefixes ignored).
bool xml_is(const xmlNode* n, const char* name);
// Its first child element with this name, or null.
xmlNode* xml_child(xmlNode* n, const char* name);
// An attribute's value by name (namespace ignored), empty when absent.
std::string xml_attr(xmlNode* n, const char* name);
// The text content of a node and its descendants.
std::string xml_text(xmlNode* n);

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Once per process, before any parse: initialises libxml2 and replaces its
// loader of external resources, so that no parser of any input, rule file
// or profile ever reads a file or the network by itself (external
// entities, external DTDs, XInclude). The only files it lets through are
// the XIncludes of read_data_file's `include_root`.
void xml_init();

// A data file of ours or a user's (rule files, profiles): a regular file of
// at most `max_bytes`, parsed with `options` (XML_PARSE_NONET is always
// added). Entities of its internal DTD may be substituted (XML_PARSE_NOENT);
// an external entity or DTD is a load error. With an `include_root`,
// <xi:include> is resolved for files inside that folder only. Throws
// std::runtime_error "path:line: problem".
XmlDoc read_data_file(const std::string& path, std::uint64_t max_bytes, int options, const std::string& include_root = {});
// The same in two steps: the file's bytes, then their parse (`path` names
// the file in errors).
std::string read_data_bytes(const std::string& path, std::uint64_t max_bytes);
XmlDoc parse_data(std::string_view bytes, const std::string& path, int options, const std::string& include_root = {});
// Checks a data file against a RELAX NG schema (rules/schema/*.rng, read
// once per process). Throws std::runtime_error "path:line: problem" with
// `who` (the rule ID, say) after the line.
void validate(const XmlDoc& doc, const std::string& path, const std::string& schema, const std::string& who = {});

// A number read from the file, clamped to [lo, hi], so that "-1", "2e9" or
// "99999999999" can neither overflow nor size anything: leading white space
// and '+' are skipped and trailing text ignored (as browsers read
// colspan="2px"); a value that is no number at all is `absent`.
int xml_int(std::string_view value, int lo, int hi, int absent);

// libxml2 is C: an exception must not unwind through its frames. A SAX
// callback runs its work through run(); the first exception stops the
// parser and is kept, and rethrow() raises it once the parser returned.
class SaxGuard {
 public:
  template <typename F>
  void run(xmlParserCtxtPtr ctxt, F&& work) {
    if (error_) return;
    try {
      work();
    } catch (...) {
      error_ = std::current_exception();
      xmlStopParser(ctxt);
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::exception_ptr error_;
};

// The InputError of an element nested deeper than limits::xml_depth.
[[noreturn]] void throw_too_deep(const char* what);

}  // namespace ogi
