// A moment in UTC as strftime's `format` writes it ("" when it does not
// fit 63 bytes): the one formatter of dates for the reports, the PDF's
// creation day and the scan's manifest.
#pragma once

#include <ctime>
#include <string>

namespace ogi {

inline std::string utc_text(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  return std::strftime(buffer, sizeof buffer, format, &tm) ? buffer : "";
}

}  // namespace ogi
