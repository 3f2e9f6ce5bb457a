// HTTP for the website scanner: libcurl, one connection per host, a
// jittered delay between requests to a host, Retry-After and exponential
// back-off on 429/5xx, bounded redirects, a size cap, TLS verified.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ogi::scan {

struct HttpOptions {
  double delay_seconds = 1.0;       // between two requests to one host (at least; jitter adds up to a quarter)
  int retries = 3;                  // on 429, 5xx and transport errors; never on other 4xx
  double max_retry_wait = 60;       // a Retry-After longer than this gives up on the URL
  long max_redirects = 5;
  std::uint64_t max_file_bytes = 64ull << 20;
  long timeout_seconds = 60;        // one request
  std::string user_agent;           // names ogicheck and the contact URL
  std::vector<std::string> connect_to;  // curl's HOST:PORT:CONNECT-HOST:CONNECT-PORT (tests map hosts to 127.0.0.1)
  bool insecure = false;            // --insecure: do not verify TLS certificates
};

// What a conditional request sends: the validators of the stored copy.
struct Validators {
  std::string etag, last_modified;
};

struct Response {
  long status = 0;  // 0: no HTTP answer (error says why)
  std::string body, final_url, content_type, etag, last_modified, error;
  std::string redirect;  // where a 3xx points
  int attempts = 0;
  bool transient = false;  // worth a retry: 429, 5xx, a connection or timeout failure
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  // GET with the politeness rules above; `extra_delay` is a host's
  // Crawl-delay (the larger wins).
  // `refuse`, if given, is asked about each redirect target: a non-empty
  // answer (why) stops there, as an error.
  using RedirectCheck = std::function<std::string(const std::string& url)>;
  Response get(const std::string& url, const Validators& validators = {}, double extra_delay = 0, const RedirectCheck& refuse = {});
  // POST of a form (application/x-www-form-urlencoded, `form` already
  // encoded: a=1&b=%E6%9F%90), under the same rules; never conditional. A
  // redirect is followed with a GET, as browsers do for 301, 302 and 303
  // (they post again on 307 and 308; a form is not sent to a second address).
  Response post(const std::string& url, const std::string& form, double extra_delay = 0, const RedirectCheck& refuse = {});
  std::size_t requests() const { return requests_; }
  std::uint64_t bytes() const { return bytes_; }
  double wait_seconds() const { return waited_; }  // spent sleeping for politeness

 private:
  struct Host;
  // `form` non-empty: a POST
  Response request(const std::string& url, const std::string& form, const Validators& validators, double extra_delay,
                   const RedirectCheck& refuse);
  Response request_once(const std::string& url, const std::string& form, const Validators& validators, double extra_delay);  // no redirect followed
  Response once(Host& host, const std::string& url, const std::string& form, const Validators& validators, double& retry_after);
  void pause_for(Host& host, double seconds);
  HttpOptions options_;
  std::map<std::string, std::unique_ptr<Host>> hosts_;
  std::size_t requests_ = 0;
  std::uint64_t bytes_ = 0;
  double waited_ = 0;
};

// "http://a.b:8080/x/y?z" → scheme://host:port, host, path?query.
struct UrlParts {
  std::string origin, host, path;
};
UrlParts split_url(const std::string& url);
// A link as written on `base`'s page, made absolute (fragment dropped);
// empty for javascript:, mailto: and the like.
std::string resolve_url(const std::string& base, const std::string& link);
// name=value pairs as a form body or query: a=1&b=%E6%9F%90
std::string form_encoded(const std::vector<std::pair<std::string, std::string>>& fields);
// %XX escapes decoded (a value read off a link's query); `text` unchanged when it has none.
std::string url_decoded(const std::string& text);

}  // namespace ogi::scan
