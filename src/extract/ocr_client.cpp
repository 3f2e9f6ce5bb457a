// Runs ogicheck-ocr as a child process, reads its lines from a pipe, and
// stops it at the time cap. Only pages it finished ("PAGE done") are used.
// With OGICHECK_OCR_CACHE=DIR, a complete reading is kept in DIR, keyed by
// the file's and the OCR program's contents and the pages, and read back on
// the next run of the same file: the tests check one scan in every output
// format, and OCR is most of the time of each check.
#include "extract/ocr_client.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <utility>

#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/limits.h"

extern char** environ;

namespace ogi {
namespace {

std::atomic<bool> enabled{true};
thread_local OcrCost spent;

// Waits for the child and counts its CPU (a worker's own, as reports run on threads).
int reap(pid_t pid) {
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) == pid)
    spent.cpu_ms += 1000.0 * static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  return status;
}

std::string ocr_program() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : self.parent_path()) / "ogicheck-ocr";
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

// "PAGE x0 y0 x1 y1 CONFIDENCE KIND TEXT", "PAGE size W H", "PAGE blank
// x0 y0 x1 y1" or "PAGE done".
void parse_line(const std::string& line, std::map<int, OcrPage>& pending, std::map<int, OcrPage>& done) {
  const auto f = fields(line);
  if (f.size() < 2) return;
  const int page = std::atoi(f[0].c_str());
  if (f[1] == "done") {
    done[page] = std::move(pending[page]);
    pending.erase(page);
  } else if (f[1] == "blank" && f.size() == 6) {
    pending[page].blanks.push_back(OcrText{"", std::atof(f[2].c_str()), std::atof(f[3].c_str()), std::atof(f[4].c_str()),
                                           std::atof(f[5].c_str()), 100, true});
  } else if (f[1] == "size" && f.size() == 4) {
    pending[page].width = std::atof(f[2].c_str());
    pending[page].height = std::atof(f[3].c_str());
  } else if (f.size() == 8) {
    pending[page].texts.push_back(OcrText{f[7], std::atof(f[1].c_str()), std::atof(f[2].c_str()), std::atof(f[3].c_str()),
                                          std::atof(f[4].c_str()), std::atoi(f[5].c_str()), f[6] == "cell"});
  }
}

struct Child {
  pid_t pid = -1;
  int out = -1;
  ~Child() {
    if (out >= 0) close(out);
    if (pid > 0) {
      kill(pid, SIGKILL);
      reap(pid);
    }
  }
};

void start(Child& child, const std::vector<std::string>& args) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw InputError("ocr", "无法启动 OCR", "cannot start OCR");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // Tesseract's OpenMP threads spin against each other and the batch's
  // workers: one thread read a page in less than half the time on 2 cores.
  // libgomp reads this when it loads, so the child must start with it.
  std::vector<std::string> env_strings{"OMP_THREAD_LIMIT=1"};
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("OMP_THREAD_LIMIT=")) env_strings.emplace_back(*e);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  const int rc = posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  child.out = fds[0];
  if (rc != 0) {
    child.pid = -1;
    throw InputError("ocr", "找不到 OCR 程序 " + args[0] + "（用 --no-ocr 跳过图片页的识别）",
                     "the OCR program " + args[0] + " was not found (--no-ocr skips reading picture pages)");
  }
}

std::string file_contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The cache file of one reading, or "" when no cache is asked for. Named
// by a hash of the OCR program, the file and the pages: a test's own
// folder (tests/testlib.py), no trust boundary, so std::hash serves (and
// ogicheck links no SHA-256, README "Speed").
std::string cache_path(const std::vector<std::string>& args) {
  const char* dir = std::getenv("OGICHECK_OCR_CACHE");
  if (!dir || !*dir) return {};
  std::string key = file_contents(args[0]) + '\0' + file_contents(args[1]);
  for (std::size_t i = 2; i < args.size(); ++i) key += '\0' + args[i];
  std::ostringstream name;
  name << std::hex << std::hash<std::string>{}(key) << '-' << std::dec << key.size() << ".ocr";
  return (std::filesystem::path(dir) / name.str()).string();
}

std::map<int, OcrPage> parse_all(const std::string& lines) {
  std::map<int, OcrPage> pending, done;
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) parse_line(line, pending, done);
  return done;
}

}  // namespace

void set_ocr_enabled(bool on) { enabled = on; }

OcrCost take_ocr_cost() { return std::exchange(spent, OcrCost{}); }
bool ocr_enabled() { return enabled; }

std::map<int, OcrPage> read_by_ocr(const std::string& path, const std::vector<int>& pages) {
  std::vector<std::string> args{ocr_program(), path};
  for (std::size_t i = 0; i < pages.size() && i < static_cast<std::size_t>(limits::ocr_pages); ++i)
    args.push_back(std::to_string(pages[i]));
  const std::string cached = cache_path(args);
  std::error_code ec;
  if (!cached.empty() && std::filesystem::exists(cached, ec)) return parse_all(file_contents(cached));
  Child child;
  start(child, args);
  const auto deadline = std::chrono::steady_clock::now() + limits::ocr_time;
  std::map<int, OcrPage> pending, done;
  std::string buffer, all;
  char chunk[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {  // the time cap: the pages finished so far
      spent.pages += static_cast<int>(done.size());
      return done;
    }
    pollfd p{child.out, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = read(child.out, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    if (!cached.empty()) all.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos; buffer.erase(0, nl + 1))
      parse_line(buffer.substr(0, nl), pending, done);
  }
  const int status = reap(child.pid);
  child.pid = -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw InputError("ocr", "OCR 识别失败（用 --no-ocr 跳过图片页的识别）", "OCR failed (--no-ocr skips reading picture pages)");
  if (!cached.empty()) write_file_whole(cached, all);  // a parallel run never reads half; one not kept is read again
  spent.pages += static_cast<int>(done.size());
  return done;
}

}  // namespace ogi
