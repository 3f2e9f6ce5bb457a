// Why one input could not be checked: a stable machine-readable code for
// scripts, and the message in Chinese and English. Every stage throws it;
// the batch turns it into that report's error and goes on.
#pragma once

#include <stdexcept>
#include <string>

namespace ogi {

// The codes (JSON "code", SARIF notification id, the HTML index):
//   open           the file cannot be opened or read (missing, a folder, a FIFO)
//   empty          nothing but white space
//   legacy-format  .doc/.wps/.ofd and other formats ogicheck does not read
//   damaged        a PDF or DOCX that its library cannot parse
//   encrypted      a PDF that needs a password
//   binary         not text in any encoding
//   not-a-report   readable, but no part or table of the standard found
//   profile        the format profile asked for (--profile) does not exist
//   limit          a limit of doc/limits.h was exceeded
//   timeout        the report took longer than the time limit
//   ocr            pages without text could not be read: ogicheck-ocr missing or failed (--no-ocr skips them)
//   previous       --previous FILE is not this report's year before (another agency or year)
//   write          an output (a page, the baseline, standard output) could not be written
//   setup          not a report's: the run's rules or options (SetupError in ogicheck.h)
//   internal       anything else that went wrong while checking this report
struct InputError : std::runtime_error {
  InputError(std::string error_code, const std::string& zh_message, const std::string& en_message)
      : std::runtime_error(en_message), code(std::move(error_code)), zh(zh_message), en(en_message) {}
  std::string code, zh, en;
  const std::string& message(const std::string& lang) const { return lang == "en" ? en : zh; }
};

}  // namespace ogi
