#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "doc/input_error.h"
#include "doc/limits.h"
#include "ogicheck.h"

using namespace ogi;

TEST_CASE("limits: a report past its time is a timeout error and is said once") {
  limits::start_report_clock(std::chrono::seconds(0));
  try {
    limits::check_deadline();
    FAIL("no timeout");
  } catch (const InputError& e) {
    CHECK(e.code == "timeout");
    CHECK(e.en.find("0 s") != std::string::npos);
  }
  CHECK_NOTHROW(limits::check_deadline());
  limits::start_report_clock(std::chrono::hours(1));
  CHECK_NOTHROW(limits::check_deadline());
}

TEST_CASE("batch: what one report throws is that report's error and the others are checked") {
  CheckerConfig config;
  config.rules_dir = OGICHECK_RULES_DIR;
  const Checker checker(config);
  const std::string specimens = std::string(OGICHECK_RULES_DIR) + "/../corpus/specimens/";
  const std::vector<std::string> files = {specimens + "clean.txt", specimens + "no-such-file.txt", specimens + "ari01-unbalanced.txt"};
  for (int jobs : {1, 2}) {
    std::vector<BatchItem> items;
    auto prepare = [&](BatchItem& item) {  // a formatting step that fails for one report
      if (item.path.find("ari01") != std::string::npos) throw std::logic_error("reporter failed");
    };
    run_batch(checker, files, false, jobs, prepare, [&](BatchItem& item) { items.push_back(std::move(item)); });
    REQUIRE(items.size() == 3);
    CHECK(items[0].result.has_value());
    CHECK(items[1].error_code == "open");
    CHECK(!items[2].result.has_value());
    CHECK(items[2].error_code == "internal");
    CHECK(items[2].error_en.find("reporter failed") != std::string::npos);
  }
}
