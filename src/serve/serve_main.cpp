// ogicheck-serve (run as `ogicheck serve`): a local page where a clerk drops
// a draft and reads the verdict, the findings with their fix texts and basis.
// A program of its own so that cpp-httplib's large header stays out of the
// checker. Checks run in a child `ogicheck check --format json` (the CLI's
// limits, timeout and error boundary; a crash in a PDF library cannot take
// the server down) on a private temporary folder removed after each
// response. Hardening: loopback by default, a random token on every request,
// the Host header checked (DNS rebinding), uploads capped, no CORS, a strict
// Content-Security-Policy (no inline script, nothing from elsewhere).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "ogicheck.h"
#include "report/escape.h"
#include "serve/assets.h"

extern char** environ;

namespace {

constexpr std::size_t upload_cap = 64u << 20;     // bytes of one upload (all its files)
constexpr std::size_t output_cap = 256u << 20;    // bytes of the child's JSON read back
constexpr int files_per_upload = 50;

struct Options {
  std::string host = "127.0.0.1", ogicheck, rules_dir;
  int port = 8765;
  bool open = false;
};

std::string random_token() {
  std::array<unsigned char, 16> bytes{};
  std::ifstream random("/dev/urandom", std::ios::binary);
  if (!random.read(reinterpret_cast<char*>(bytes.data()), bytes.size())) throw std::runtime_error("no /dev/urandom");
  std::string hex;
  for (unsigned char b : bytes) hex += "0123456789abcdef"[b >> 4], hex += "0123456789abcdef"[b & 15];
  return hex;
}

bool same(const std::string& a, const std::string& b) {  // in constant time: the token is a secret
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

// A private folder for one check, removed with everything in it.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ogicheck-serve-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// The child's standard output (standard error to /dev/null), at most output_cap bytes; run in cwd.
std::string run(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string text;
  char buf[65536];
  for (ssize_t n; spawned == 0 && (n = read(out[0], buf, sizeof buf)) > 0;)
    if (text.size() < output_cap) text.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  if (spawned != 0) throw std::runtime_error("cannot run ogicheck");
  int status = 0;
  waitpid(pid, &status, 0);
  return text;
}

// The fix text and basis of every rule, in both languages, for the page.
nlohmann::json rule_texts(const std::string& rules_dir) {
  ogi::CheckerConfig config;
  config.rules_dir = rules_dir;
  const ogi::Checker checker(config);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& r : checker.rules())
    if (!out.contains(r.id))
      out[r.id] = {{"fix", {{"zh", r.fix_zh}, {"en", r.fix_en}}}, {"basis", {{"zh", r.basis_zh}, {"en", r.basis_en}}}};
  return out;
}

// How the form prints each profile's tables (rules/profiles: captions, the
// header bands and groups, the rows' sub-tables and label groups), for the
// page to draw the tables as the form looks, from data.
nlohmann::json table_layouts(const std::string& rules_dir) {
  ogi::CheckerConfig config;
  config.rules_dir = rules_dir;
  const ogi::Checker checker(config);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& p : checker.profiles()) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : p.tables) {
      nlohmann::json table{{"id", t.id}, {"caption", t.caption}, {"one_line", t.one_line}, {"header", t.header},
                           {"corner", t.corner}, {"columns", nlohmann::json::array()}, {"rows", nlohmann::json::array()}};
      for (const auto& c : t.columns) table["columns"].push_back({{"id", c.id}, {"label", c.label}, {"group", c.group}});
      for (const auto& r : t.rows)
        table["rows"].push_back({{"id", r.id}, {"label", r.label}, {"group", r.group}, {"within", r.within},
                                 {"block", r.block}, {"columns", t.columns_of(r)}, {"replaced", !r.replaced_by.empty()}});
      tables.push_back(std::move(table));
    }
    out[p.id] = std::move(tables);
  }
  return out;
}

// The uploaded files of one form field, in the order sent.
std::vector<httplib::MultipartFormData> files_named(const httplib::Request& req, const std::string& field) {
  std::vector<httplib::MultipartFormData> files;
  for (auto [it, end] = req.files.equal_range(field); it != end; ++it) files.push_back(it->second);
  return files;
}

// One upload saved in a private folder: the drafts (field "draft", several)
// and optionally last year's report (field "previous"), each in a numbered
// subfolder (same names never collide), and the check's arguments over them,
// relative to the folder (the outputs name "1/草稿.docx", not a temporary path).
struct Upload {
  TempDir dir;
  std::vector<std::string> inputs;  // --previous FILE, then the drafts
  std::vector<std::string> names;   // the clerk's names of the drafts
};

void save(Upload& up, const httplib::MultipartFormData& file, int n) {
  if (n > files_per_upload) throw std::length_error("too many files");
  const std::string folder = std::to_string(n);
  std::filesystem::create_directory(up.dir.path / folder);
  const std::string name = ogi::file_token(std::filesystem::path(file.filename).filename().string());
  const std::string path = folder + "/" + (name.empty() || name[0] == '.' ? "draft" + name : name);
  std::ofstream(up.dir.path / path, std::ios::binary).write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
  up.inputs.push_back(path);
}

void read_upload(const httplib::Request& req, Upload& up) {
  int n = 0;
  if (req.has_file("previous") && !req.get_file_value("previous").content.empty()) {
    up.inputs.push_back("--previous");
    save(up, req.get_file_value("previous"), ++n);
  }
  for (const auto& file : files_named(req, "draft")) {
    save(up, file, ++n);
    up.names.push_back(std::filesystem::path(file.filename).filename().string());
  }
  if (up.names.empty()) throw std::invalid_argument("no file");
}

std::vector<std::string> check_args(const Options& o, const Upload& up, const std::string& format, const std::string& lang) {
  std::vector<std::string> args{o.ogicheck, "check", "--format", format, "--lang", lang == "en" ? "en" : "zh"};
  if (format == "docx") args.insert(args.end(), {"--output", "out"});
  args.insert(args.end(), up.inputs.begin(), up.inputs.end());
  return args;
}

// The page's check: the JSON Lines as an array, each report under the clerk's file name.
nlohmann::json check_upload(const httplib::Request& req, const Options& o) {
  Upload up;
  read_upload(req, up);
  nlohmann::json reports = nlohmann::json::array();
  std::istringstream lines(run(check_args(o, up, "json", req.get_param_value("lang")), up.dir.path));
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json report = nlohmann::json::parse(line, nullptr, false);
    if (report.is_discarded()) continue;
    if (reports.size() < up.names.size()) report["source"] = up.names[reports.size()];
    reports.push_back(std::move(report));
  }
  return reports;
}

// A download: the results as JSON Lines, CSV or SARIF, the first DOCX draft
// back with Word comments (check --format docx), or one draft's HTML report
// (its three tables with the wrong cells marked; a file of its own, opened
// from disk under its own CSP).
void download(const httplib::Request& req, httplib::Response& res, const Options& o) {
  static const std::map<std::string, std::string> types{
      {"json", "application/x-ndjson"}, {"csv", "text/csv; charset=utf-8"}, {"sarif", "application/sarif+json"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"html", "text/html; charset=utf-8"}};
  const std::string format = req.get_param_value("format");
  if (!types.count(format)) throw std::invalid_argument("format: json, csv, sarif, docx or html");
  Upload up;
  read_upload(req, up);
  if (format == "html" && up.names.size() != 1) throw std::invalid_argument("html: one draft at a time");
  std::string body = run(check_args(o, up, format, req.get_param_value("lang")), up.dir.path);
  if (format == "docx") {
    body.clear();
    std::error_code none;
    for (const auto& entry : std::filesystem::directory_iterator(up.dir.path / "out", none)) {
      std::ifstream in(entry.path(), std::ios::binary);
      body.assign(std::istreambuf_iterator<char>(in), {});
      break;
    }
    if (body.empty()) throw std::invalid_argument("no DOCX draft to annotate");
  }
  res.set_header("Content-Disposition", "attachment; filename=\"ogicheck." + format + "\"");
  res.set_content(body, types.at(format));
}

void serve(const Options& o) {
  const std::string token = random_token();
  const nlohmann::json rules = rule_texts(o.rules_dir);
  const nlohmann::json layouts = table_layouts(o.rules_dir);
  httplib::Server server;
  server.set_payload_max_length(upload_cap);
  server.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      {"X-Frame-Options", "DENY"},
  });
  int port = o.port;
  const std::set<std::string> hosts{"127.0.0.1", "localhost", "[::1]"};
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    const std::string host = req.get_header_value("Host");
    const std::string name = host.substr(0, host.rfind(':'));
    const bool host_ok = !loopback(o.host) || (hosts.count(name) && host.substr(host.rfind(':') + 1) == std::to_string(port));
    const std::string given = req.has_param("token") ? req.get_param_value("token") : req.get_header_value("X-Ogicheck-Token");
    if (host_ok && same(given, token)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content(host_ok ? "403: 缺少或错误的令牌 / missing or wrong token\n" : "403: Host 不符 / foreign Host\n",
                    "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get("/", [&](const httplib::Request&, httplib::Response& res) {
    std::string page = ogi::assets::page_html;
    for (std::size_t at; (at = page.find("@TOKEN@")) != std::string::npos;) page.replace(at, 7, token);
    res.set_content(page, "text/html; charset=utf-8");
  });
  server.Get("/app.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(ogi::assets::app_js, "text/javascript; charset=utf-8");
  });
  server.Get("/app.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(ogi::assets::app_css, "text/css; charset=utf-8");
  });
  server.Get("/rules.json", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(rules.dump(), "application/json");
  });
  server.Get("/layouts.json", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(layouts.dump(), "application/json");
  });
  server.Post("/check", [&](const httplib::Request& req, httplib::Response& res) {
    try {
      res.set_content(nlohmann::json{{"reports", check_upload(req, o)}}.dump(), "application/json");
    } catch (const std::exception& e) {
      res.status = 400;
      res.set_content(nlohmann::json{{"error", e.what()}}.dump(), "application/json");
    }
  });
  server.Post("/download", [&](const httplib::Request& req, httplib::Response& res) {
    try {
      download(req, res, o);
    } catch (const std::exception& e) {
      res.status = 400;
      res.set_content(nlohmann::json{{"error", e.what()}}.dump(), "application/json");
    }
  });
  port = o.port == 0 ? server.bind_to_any_port(o.host) : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    std::cerr << "ogicheck serve: 无法监听 " << o.host << ':' << o.port << " / cannot listen there\n";
    std::exit(2);
  }
  if (!loopback(o.host))
    std::cerr << "ogicheck serve: 警告：监听 " << o.host << "，本机以外也可访问；请置于单位的反向代理之后 / "
              << "warning: listening beyond this machine; put it behind the office's reverse proxy\n";
  const std::string shown = o.host == "::1" ? "[::1]" : o.host == "0.0.0.0" ? "127.0.0.1" : o.host;
  const std::string url = "http://" + shown + ":" + std::to_string(port) + "/?token=" + token;
  std::cout << "ogicheck serve: " << url << std::endl;  // one line, as Jupyter: a person or a script opens it
  if (o.open) {
    pid_t pid = 0;
    std::vector<char*> argv{const_cast<char*>("xdg-open"), const_cast<char*>(url.c_str()), nullptr};
    posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv.data(), environ);
  }
  server.listen_after_bind();
}

int usage(const std::string& problem) {
  std::cerr << "ogicheck serve: " << problem << "\n用法 / usage: ogicheck serve [--listen HOST:PORT] [--open]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::cout << "用法 / usage: ogicheck serve [--listen 主机:端口 / HOST:PORT] [--open]\n"
                   "  本地检查网页，默认 127.0.0.1:8765；端口 0 为任一空闲端口；输出一行带令牌的网址\n"
                   "  a local page, default 127.0.0.1:8765; port 0 picks a free one; prints its URL with a token\n"
                   "  --open   用浏览器打开 / open it in the browser (xdg-open)\n";
      return 0;
    }
    if (a == "--open") o.open = true;
    else if (a == "--ogicheck" && has_value) o.ogicheck = argv[++i];
    else if (a == "--rules-dir" && has_value) o.rules_dir = argv[++i];
    else if (a == "--listen" && has_value) {
      const std::string listen = argv[++i];
      const std::size_t colon = listen.rfind(':');
      if (colon == std::string::npos) return usage("--listen 应为 主机:端口 / --listen takes HOST:PORT");
      o.host = listen.substr(0, colon);
      if (o.host.size() > 2 && o.host.front() == '[') o.host = o.host.substr(1, o.host.size() - 2);
      try {
        o.port = std::stoi(listen.substr(colon + 1));
      } catch (const std::exception&) {
        o.port = -1;
      }
      if (o.port < 0 || o.port > 65535) return usage("端口无效 / bad port");
    } else return usage("未知选项 " + a + " / unknown option");
  }
  if (o.ogicheck.empty() || o.rules_dir.empty()) return usage("请用 ogicheck serve 启动 / start it as ogicheck serve");
  try {
    serve(o);
  } catch (const std::exception& e) {
    std::cerr << "ogicheck serve: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
