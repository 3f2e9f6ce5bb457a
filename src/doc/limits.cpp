#include "doc/limits.h"

#include <string>

#include "doc/input_error.h"

namespace ogi::limits {
namespace {

thread_local std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
thread_local std::chrono::steady_clock::duration budget_given{};

}  // namespace

void start_report_clock(std::chrono::steady_clock::duration budget) {
  budget_given = budget;
  deadline = std::chrono::steady_clock::now() + budget;
}

void check_deadline() {
  if (std::chrono::steady_clock::now() <= deadline) return;
  deadline = std::chrono::steady_clock::time_point::max();  // said once
  const auto seconds = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(budget_given).count());
  throw InputError("timeout", "检查超时（超过 " + seconds + " 秒），已跳过此报告",
                   "checking took longer than " + seconds + " s; the report was skipped");
}

}  // namespace ogi::limits
