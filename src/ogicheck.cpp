#include "ogicheck.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "doc/xml.h"
#include "extract/extract.h"
#include "extract/ocr_client.h"
#include "segment/segmenter.h"

namespace ogi {

namespace {

// Edit distance, for "did you mean" on a mistyped rule ID.
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      diagonal = std::exchange(row[j], std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])}));
  }
  return row[b.size()];
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string canonical_id(const std::string& typed, const std::vector<Rule>& rules) {
  const std::string wanted = upper(typed);
  std::string closest;
  std::size_t best = 3;  // suggest only IDs within two edits
  for (const auto& r : rules) {
    if (upper(r.id) == wanted) return r.id;
    if (const std::size_t d = distance(upper(r.id), wanted); d < best) best = d, closest = r.id;
  }
  throw SetupError("没有编号为 " + typed + " 的规则" + (closest.empty() ? "" : "，是否是 " + closest + "？") + "（规则列表见 ogicheck rules）",
                   "no rule " + typed + (closest.empty() ? "" : "; did you mean " + closest + "?") + " (see ogicheck rules)");
}

namespace {

std::vector<std::string> canonical_ids(const std::vector<std::string>& typed, const std::vector<Rule>& rules) {
  std::vector<std::string> ids;
  for (const auto& id : typed) ids.push_back(canonical_id(id, rules));
  return ids;
}

std::vector<Rule> read_rule_files(const CheckerConfig& config, const std::vector<Profile>& profiles) {
  try {
    const RuleContext context = rule_context(config.rules_dir, profiles, config.with_examples);
    auto rules = load_rule_dir(config.rules_dir + "/checks", context);
    for (const auto& file : config.extra_rules) {
      auto more = load_rules(file, context);
      rules.insert(rules.end(), more.begin(), more.end());
    }
    link_rules(rules);
    context.validated->save();
    return rules;
  } catch (const std::runtime_error& e) {
    throw SetupError(std::string("规则文件无法加载：") + e.what(), std::string("cannot load the rules: ") + e.what());
  }
}

// The rule set as configured: the bundled files and --rules files, linked,
// selected by --enable/--disable, with --severity applied.
std::vector<Rule> load_rule_set(const CheckerConfig& config, const std::vector<Profile>& profiles) {
  auto rules = read_rule_files(config, profiles);
  const auto enable = canonical_ids(config.enable, rules), disable = canonical_ids(config.disable, rules);
  auto listed = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::vector<std::pair<std::string, Severity>> severity;
  for (const auto& [id, level] : config.severity) severity.push_back({canonical_id(id, rules), level});
  std::erase_if(rules, [&](const Rule& r) { return (!enable.empty() && !listed(enable, r.id)) || listed(disable, r.id); });
  for (auto& r : rules)
    for (const auto& [id, level] : severity)
      if (r.id == id) r.severity = level;
  return rules;
}

std::vector<Profile> read_profiles(const std::string& dir) {
  try {
    return load_profiles(dir);
  } catch (const std::runtime_error& e) {
    throw SetupError(std::string("格式配置无法加载：") + e.what(), std::string("cannot load the profiles: ") + e.what());
  }
}

}  // namespace

Checker::Checker(CheckerConfig config) : config_(std::move(config)) {
  xml_init();  // once, before any thread parses: no parser ever loads a file or URL by itself
  auto profiles = std::make_shared<std::promise<std::vector<Profile>>>();
  profiles_ = profiles->get_future().share();
  rules_ = std::async(std::launch::async, [config = config_, profiles] {
             // Reading the input is the critical path: when the two threads
             // share a core, the loader yields (on Huai'an's PDF: 3 ms of 47).
             setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
             std::vector<Profile> loaded;
             try {  // first: segmenting the first input needs them
               loaded = read_profiles(config.rules_dir + "/profiles");
               profiles->set_value(loaded);
             } catch (...) {
               profiles->set_exception(std::current_exception());
               throw;
             }
             return load_rule_set(config, loaded);
           }).share();
  if (config_.previous.empty() || pairs_by_folder()) return;
  try {
    limits::start_report_clock(config_.time_limit);
    previous_ = extract(config_.previous);
  } catch (const InputError& e) {
    throw InputError(e.code, "上年报告 " + config_.previous + "：" + e.zh, "last year's report " + config_.previous + ": " + e.en);
  }
}

namespace {

// CPU time of this thread: stages of one input, whatever the other workers do.
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return 1000.0 * static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

Report Checker::extract(const std::string& path) const {
  Report report = segment(extract_file(path), profiles(), config_.profile);
  apply_overrides(report);
  return report;
}

void Checker::apply_overrides(Report& report) const {
  if (const auto meta = config_.input_meta.find(report.source); meta != config_.input_meta.end()) {
    report.source = meta->second.url;
    if (!meta->second.published.empty()) report.published = meta->second.published, report.published_source = "page";
    if (report.agency.empty()) report.agency = meta->second.agency;
  }
  if (!config_.published.empty()) report.published = config_.published, report.published_source = "option";
  if (!config_.entity.empty()) report.entity = config_.entity;
}

const Profile& Checker::profile_of(const Report& report) const {
  for (const auto& p : profiles())
    if (p.id == report.profile) return p;
  return profiles().front();
}

bool Checker::pairs_by_folder() const {
  std::error_code ec;
  return !config_.previous.empty() && std::filesystem::is_directory(config_.previous, ec);
}

const Report* Checker::previous_for(const std::string& path, const Report& report, std::optional<Report>& holder) const {
  if (pairing_) {
    const auto it = pairing_->previous.find(path);
    if (it == pairing_->previous.end()) return nullptr;
    holder = extract(it->second);
    return &*holder;
  }
  if (!previous_) return nullptr;
  const Unpaired why = mismatch({report.source, report.agency, report.year}, {previous_->source, previous_->agency, previous_->year});
  if (!why.en.empty()) throw InputError("previous", "上年报告 " + why.zh, "last year's report " + why.en);
  return &*previous_;
}

void Checker::note_unpaired(const std::string& path, const Report& report, std::vector<Finding>& findings) const {
  if (!pairing_) return;
  const auto it = pairing_->unpaired.find(path);
  const auto rule = std::find_if(rules().begin(), rules().end(), [](const Rule& r) { return r.id == "YR-04"; });
  // paired, YR-04 disabled, or a format without the year-over-year checks
  if (it == pairing_->unpaired.end() || rule == rules().end() || !rule->applies_to(report)) return;
  Finding f;
  f.rule = rule->id;
  f.severity = rule->severity;
  f.message = config_.lang == "en" ? rule->message_en : rule->message_zh;
  const std::string& reason = config_.lang == "en" ? it->second.en : it->second.zh;
  if (const auto at = f.message.find("{reason}"); at != std::string::npos) f.message.replace(at, 8, reason);
  f.fingerprint = "YR-04";  // one per report: its key and the rule name it
  findings.insert(findings.begin(), std::move(f));
}

CheckResult Checker::check(const std::string& path) const {
  CheckResult result;
  take_ocr_cost();  // what this thread's earlier work read is not this report's
  double t0 = cpu_ms();
  const Document doc = extract_file(path);
  double t1 = cpu_ms();
  result.report = segment(doc, profiles(), config_.profile);
  apply_overrides(result.report);
  double t2 = cpu_ms();
  std::optional<Report> paired;
  const Report* previous = previous_for(path, result.report, paired);
  if (previous) result.report.previous = previous->source;
  result.findings = run_rules(rules(), result.report, profile_of(result.report), config_.lang, previous);
  note_unpaired(path, result.report, result.findings);
  const OcrCost ocr = take_ocr_cost();
  result.times = {t1 - t0, t2 - t1, cpu_ms() - t2, ocr.cpu_ms, ocr.pages};
  return result;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  // with the formats ogicheck does not read: each gets its message (legacy-format), not silence
  static const std::vector<std::string> kinds = {".pdf", ".html", ".htm", ".shtml", ".docx", ".txt", ".md", ".doc", ".wps", ".ofd"};
  std::vector<std::string> files;
  for (const auto& arg : args) {
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) {
      files.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec || !it->is_regular_file(ec)) continue;
      std::string ext = it->path().extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (std::find(kinds.begin(), kinds.end(), ext) != kinds.end()) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

namespace {

// Runs one stage of one input; anything it throws becomes the item's error.
template <typename Stage>
void guarded(BatchItem& item, Stage&& stage) {
  auto fail = [&](std::string code, std::string zh, std::string en) {
    item.result.reset();
    item.error_code = std::move(code), item.error_zh = std::move(zh), item.error_en = std::move(en);
  };
  try {
    stage();
  } catch (const SetupError&) {
    throw;  // the run's, not this report's: it stops the run
  } catch (const InputError& e) {
    fail(e.code, e.zh, e.en);
  } catch (const std::bad_alloc&) {
    fail("limit", "内存不足，无法检查此报告", "out of memory while checking this report");
  } catch (const std::exception& e) {
    fail("internal", std::string("内部错误：") + e.what(), std::string("internal error: ") + e.what());
  } catch (...) {
    fail("internal", "内部错误", "internal error");
  }
}

BatchItem check_one(const Checker& checker, const std::string& path, bool extract_only,
                    const std::function<void(BatchItem&)>& prepare) {
  BatchItem item{path, std::nullopt, {}, {}, {}, {}, {}, {0, 0, 0}};
  limits::start_report_clock(checker.time_limit());
  guarded(item, [&] { item.result = extract_only ? CheckResult{checker.extract(path), {}, {}} : checker.check(path); });
  if (item.result && prepare) guarded(item, [&] { prepare(item); });
  return item;
}

}  // namespace

void run_batch(const Checker& checker, const std::vector<std::string>& files, bool extract_only, int jobs,
               const std::function<void(BatchItem&)>& prepare, const std::function<void(BatchItem&)>& emit) {
  const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), files.size());
  const auto pdf_state = files.size() > 1 ? hold_pdf_state() : nullptr;
  if (threads <= 1) {  // one at a time: no threads to start
    for (const auto& file : files) {
      BatchItem item = check_one(checker, file, extract_only, prepare);
      emit(item);
    }
    return;
  }
  checker.profiles();  // a bad profile or rule file throws here, not on a worker
  if (!extract_only) checker.rules();

  const std::size_t window = threads * 4;  // results that may wait
  std::mutex mutex;
  std::condition_variable ready, room;
  std::map<std::size_t, BatchItem> done;
  std::size_t next = 0, emitted = 0;
  // What stops the run (a failed write in `emit`, a SetupError): the workers
  // take no more files, finish the one they have, and it is rethrown here.
  std::exception_ptr stopped;
  auto stop = [&](std::exception_ptr why) {
    std::lock_guard lock(mutex);
    if (!stopped) stopped = why;
    next = files.size();
    ready.notify_all();
    room.notify_all();
  };
  auto work = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return next >= files.size() || next < emitted + window; });
        if (next >= files.size()) return;
        i = next++;
      }
      try {
        BatchItem item = check_one(checker, files[i], extract_only, prepare);
        std::lock_guard lock(mutex);
        done.emplace(i, std::move(item));
        ready.notify_all();
      } catch (...) {
        return stop(std::current_exception());
      }
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t k = 0; k < threads; ++k) workers.emplace_back(work);
  for (;;) {
    BatchItem item;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return stopped || emitted >= files.size() || done.count(emitted) > 0; });
      if (stopped || emitted >= files.size()) break;
      item = std::move(done.at(emitted));
      done.erase(emitted);
    }
    try {
      emit(item);
    } catch (...) {
      stop(std::current_exception());
      break;
    }
    {
      std::lock_guard lock(mutex);
      ++emitted;
    }
    room.notify_all();
  }
  for (auto& w : workers) w.join();
  if (stopped) std::rethrow_exception(stopped);
}

std::string default_rules_dir(const char* argv0) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("OGICHECK_RULES_DIR")) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  for (const fs::path& candidate : {exe.parent_path() / ".." / "rules", exe.parent_path() / ".." / "share" / "ogicheck" / "rules"})
    if (fs::is_directory(candidate / "profiles", ec)) return fs::weakly_canonical(candidate, ec).string();
  return OGICHECK_SOURCE_RULES_DIR;
}

}  // namespace ogi
