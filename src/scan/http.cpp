#include "scan/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <thread>

namespace ogi::scan {

struct HttpClient::Host {
  CURL* handle = nullptr;
  curl_slist* connect_to = nullptr;  // the handle refers to it: freed after the handle
  std::chrono::steady_clock::time_point last{};
  bool used = false;
  ~Host() {
    curl_easy_cleanup(handle);
    curl_slist_free_all(connect_to);
  }
};

namespace {

struct Transfer {
  Response* response;
  std::uint64_t cap;
  bool too_big = false;
  double retry_after = -1;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->response->body.size() + n > t->cap) {
    t->too_big = true;
    return 0;  // aborts the transfer
  }
  t->response->body.append(data, n);
  return n;
}

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect): forget the last one's headers
    t->response->etag.clear(), t->response->last_modified.clear(), t->retry_after = -1;
  }
  if (colon == std::string::npos) return size * count;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string value = trimmed(line.substr(colon + 1));
  if (name == "etag") t->response->etag = value;
  else if (name == "last-modified") t->response->last_modified = value;
  else if (name == "content-type") t->response->content_type = value;
  else if (name == "retry-after") {
    // seconds, or an HTTP date (then taken as the back-off would)
    char* end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (end != value.c_str() && *end == '\0' && seconds >= 0) t->retry_after = seconds;
    else if (const time_t when = curl_getdate(value.c_str(), nullptr); when > 0) t->retry_after = std::max<double>(0, static_cast<double>(when - time(nullptr)));
  }
  return size * count;
}

double jitter(double seconds) {
  thread_local std::mt19937 random{std::random_device{}()};
  return seconds * (1.0 + std::uniform_real_distribution<double>(0, 0.25)(random));
}

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) { curl_global_init(CURL_GLOBAL_DEFAULT); }

HttpClient::~HttpClient() {
  hosts_.clear();
  curl_global_cleanup();
}

void HttpClient::pause_for(Host& host, double seconds) {
  if (!host.used) return;
  const auto due = host.last + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
  const auto now = std::chrono::steady_clock::now();
  if (due > now) {
    waited_ += std::chrono::duration<double>(due - now).count();
    std::this_thread::sleep_until(due);
  }
}

Response HttpClient::once(Host& host, const std::string& url, const std::string& form, const Validators& validators, double& retry_after) {
  Response response;
  Transfer transfer{&response, options_.max_file_bytes};
  CURL* h = host.handle;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  if (form.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {  // curl sends it as application/x-www-form-urlencoded
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, form.c_str());
  }
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  curl_slist* headers = nullptr;
  if (!validators.etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + validators.etag).c_str());
  if (!validators.last_modified.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + validators.last_modified).c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  const CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  host.last = std::chrono::steady_clock::now();
  host.used = true;
  ++requests_;
  bytes_ += response.body.size();
  char* effective = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
  response.final_url = effective ? effective : url;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  char* location = nullptr;
  if (response.status >= 300 && response.status < 400 && curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
    response.redirect = location;
  retry_after = transfer.retry_after;
  if (transfer.too_big) {
    response.status = 0, response.body.clear();
    response.error = "larger than " + std::to_string(options_.max_file_bytes) + " bytes";
  } else if (rc != CURLE_OK) {
    response.status = 0;
    response.error = curl_easy_strerror(rc);
  }
  response.transient = response.status == 429 || response.status >= 500 || rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT ||
                       rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE;
  return response;
}

Response HttpClient::get(const std::string& url, const Validators& validators, double extra_delay, const RedirectCheck& refuse) {
  return request(url, {}, validators, extra_delay, refuse);
}

Response HttpClient::post(const std::string& url, const std::string& form, double extra_delay, const RedirectCheck& refuse) {
  return request(url, form, {}, extra_delay, refuse);
}

Response HttpClient::request(const std::string& url, const std::string& form, const Validators& validators, double extra_delay,
                             const RedirectCheck& refuse) {
  std::string at = url;
  for (long redirects = 0;; ++redirects) {
    Response response = request_once(at, redirects == 0 ? form : std::string(), validators, extra_delay);
    if (response.redirect.empty()) return response;
    if (redirects >= options_.max_redirects) {
      response.status = 0, response.error = "more than " + std::to_string(options_.max_redirects) + " redirects";
      return response;
    }
    at = response.redirect;
    if (const std::string why = refuse ? refuse(at) : std::string(); !why.empty()) {
      response.status = 0, response.error = why + ": " + at;
      return response;
    }
  }
}

Response HttpClient::request_once(const std::string& url, const std::string& form, const Validators& validators, double extra_delay) {
  const std::string origin = split_url(url).origin;
  auto& slot = hosts_[origin];
  if (!slot) {
    slot = std::make_unique<Host>();
    CURL* h = slot->handle = curl_easy_init();
    // redirects are followed here, not by curl: each waits its turn like any request
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_MAXCONNECTS, 1L);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_file_bytes));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, options_.timeout_seconds);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.insecure ? 0L : 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.insecure ? 0L : 2L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    for (const auto& m : options_.connect_to) slot->connect_to = curl_slist_append(slot->connect_to, m.c_str());
    if (slot->connect_to) curl_easy_setopt(h, CURLOPT_CONNECT_TO, slot->connect_to);
  }
  Host& host = *slot;
  const double delay = std::max(options_.delay_seconds, extra_delay);
  Response response;
  double backoff = 1;
  for (int attempt = 0;; ++attempt) {
    pause_for(host, jitter(delay));
    double retry_after = -1;
    response = once(host, url, form, validators, retry_after);
    response.attempts = attempt + 1;
    if (!response.transient || attempt >= options_.retries) break;
    const double wait = retry_after >= 0 ? retry_after : backoff;
    if (wait > options_.max_retry_wait) break;
    pause_for(host, std::max(wait, delay));
    backoff *= 2;
  }
  return response;
}

UrlParts split_url(const std::string& url) {
  UrlParts parts;
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return parts;
  const auto path = url.find_first_of("/?#", scheme + 3);
  parts.origin = url.substr(0, path);
  std::string authority = url.substr(scheme + 3, path == std::string::npos ? std::string::npos : path - scheme - 3);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (const auto colon = authority.rfind(':'); colon != std::string::npos && authority.find(']') == std::string::npos) authority.erase(colon);
  std::transform(authority.begin(), authority.end(), authority.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  parts.host = authority;
  parts.path = path == std::string::npos ? "/" : url.substr(path);
  if (const auto hash = parts.path.find('#'); hash != std::string::npos) parts.path.erase(hash);
  if (parts.path.empty() || parts.path[0] != '/') parts.path.insert(0, "/");
  return parts;
}

std::string resolve_url(const std::string& base, const std::string& link) {
  CURLU* u = curl_url();
  std::string out;
  if (curl_url_set(u, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
      curl_url_set(u, CURLUPART_URL, link.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
    char* scheme = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    const bool web = scheme && (std::string(scheme) == "http" || std::string(scheme) == "https");
    curl_free(scheme);
    curl_url_set(u, CURLUPART_FRAGMENT, nullptr, 0);
    char* full = nullptr;
    if (web && curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK) out = full;
    curl_free(full);
  }
  curl_url_cleanup(u);
  return out;
}

std::string form_encoded(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    char* n = curl_easy_escape(nullptr, name.c_str(), static_cast<int>(name.size()));
    char* v = curl_easy_escape(nullptr, value.c_str(), static_cast<int>(value.size()));
    out += (out.empty() ? "" : "&") + std::string(n ? n : "") + "=" + (v ? v : "");
    curl_free(n);
    curl_free(v);
  }
  return out;
}

std::string url_decoded(const std::string& text) {
  if (text.find('%') == std::string::npos) return text;
  int length = 0;
  char* decoded = curl_easy_unescape(nullptr, text.c_str(), static_cast<int>(text.size()), &length);
  std::string out = decoded ? std::string(decoded, static_cast<std::size_t>(length)) : text;
  curl_free(decoded);
  return out;
}

}  // namespace ogi::scan
