#include <catch2/catch.hpp>

#include <string>

#include "scan/crawl.h"
#include "scan/http.h"
#include "scan/robots.h"
#include "scan/sites.h"
#include "scan/status_line.h"

using namespace ogi::scan;

TEST_CASE("robots.txt: longest match, Allow wins a tie, * and $") {
  const std::string text =
      "User-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\nAllow: /a\nDisallow: /a\n"
      "Crawl-delay: 2\n\nUser-agent: other\nDisallow: /\n";
  const Robots r = Robots::from_response(200, text, "ogicheck");
  CHECK(r.allowed("/index.html"));
  CHECK_FALSE(r.allowed("/private/x.html"));
  CHECK(r.allowed("/private/open/x.html"));
  CHECK_FALSE(r.allowed("/files/report.pdf"));
  CHECK(r.allowed("/files/report.pdf?x=1"));
  CHECK(r.allowed("/a"));  // the same length: Allow wins
  CHECK(r.crawl_delay() == 2);
  CHECK(robots_match("/*/t2024*.html$", "/xxgk/t20240120_1.html"));
  CHECK_FALSE(robots_match("/*/t2024*.html$", "/xxgk/t20240120_1.htmlx"));
}

TEST_CASE("robots.txt: our own group wins over *, 4xx allows all, 5xx and no answer disallow all") {
  const Robots mine = Robots::from_response(200, "User-agent: *\nDisallow: /\n\nUser-agent: ogicheck\nDisallow: /x/\n", "ogicheck/1.0");
  CHECK(mine.allowed("/index.html"));
  CHECK_FALSE(mine.allowed("/x/y"));
  CHECK(Robots::from_response(404, "", "ogicheck").allowed("/anything"));
  CHECK_FALSE(Robots::from_response(503, "", "ogicheck").allowed("/anything"));
  CHECK_FALSE(Robots::from_response(0, "", "ogicheck").allowed("/anything"));
}

TEST_CASE("scope: the registrable domain, gov.cn a public suffix") {
  CHECK(registrable_domain("www.pingtan.gov.cn") == "pingtan.gov.cn");
  CHECK(registrable_domain("gov.cn") == "gov.cn");
  CHECK(registrable_domain("127.0.0.1") == "127.0.0.1");
  CHECK(in_scope("zwgk.pingtan.gov.cn", "pingtan.gov.cn"));
  CHECK_FALSE(in_scope("fuzhou.gov.cn", "pingtan.gov.cn"));
  CHECK_FALSE(in_scope("evilpingtan.gov.cn", "pingtan.gov.cn"));
  CHECK_FALSE(in_scope("fuzhou.gov.cn", "gov.cn"));
  CHECK(in_scope("gov.cn", "gov.cn"));
}

TEST_CASE("urls: resolving links, splitting") {
  CHECK(resolve_url("http://a.gov.cn/xxgk/ndbg/index_1.html", "./202401/t20240120_1.html") ==
        "http://a.gov.cn/xxgk/ndbg/202401/t20240120_1.html");
  CHECK(resolve_url("http://a.gov.cn/x/", "../y.pdf#p2") == "http://a.gov.cn/y.pdf");
  CHECK(resolve_url("http://a.gov.cn/x/", "javascript:void(0)").empty());
  const UrlParts p = split_url("http://WWW.A.gov.cn:8080/x?y=1#z");
  CHECK(p.host == "www.a.gov.cn");
  CHECK(p.origin == "http://WWW.A.gov.cn:8080");
  CHECK(p.path == "/x?y=1");
}

TEST_CASE("article pages: PubDate and 发布日期") {
  CHECK(page_published(R"(<meta name="PubDate" content="2025-1-20 09:30">)") == "2025-01-20");
  CHECK(page_published(R"(<meta content="2025/02/03" name="pubdate" />)") == "2025-02-03");
  CHECK(page_published("<span>发布日期：2024年3月5日</span>") == "2024-03-05");
  CHECK(page_published("<p>no date</p>").empty());
  CHECK(meta_content(R"(<meta name="ContentSource" content="某县人民政府">)", "ContentSource") == "某县人民政府");
}

TEST_CASE("site families: the bundled files load and say TRS pagination and Hanweb records") {
  const SiteFamilies f = load_site_families(std::string(OGICHECK_RULES_DIR) + "/sites", std::string(OGICHECK_RULES_DIR) + "/schema/site.rng");
  int pages = 0;
  bool counted = false;
  for (const auto& re : f.page_count) counted = counted || RE2::PartialMatch("createPageHTML(7, 0, \"index\", \"html\");", *re, &pages);
  CHECK(counted);
  CHECK(pages == 7);
  const auto hanweb = std::find_if(f.records.begin(), f.records.end(),
                                   [](const auto& r) { return RE2::PartialMatch("proxyUrl: '/module/web/jpage/dataproxy.jsp'", *r.when); });
  REQUIRE(hanweb != f.records.end());
  CHECK(hanweb->post);
  CHECK(hanweb->range == 45);
  long long total = 0;
  CHECK(RE2::PartialMatch("<datastore><totalrecord>320</totalrecord>", *hanweb->total, &total));
  CHECK(total == 320);
  std::string column;
  const bool from_url = std::any_of(hanweb->fields.begin(), hanweb->fields.end(), [&](const auto& field) {
    return field.name == "columnid" && field.in_url && field.required && RE2::PartialMatch("/col/col4521/index.html", *field.pattern, &column);
  });
  CHECK(from_url);
  CHECK(column == "4521");
  bool article = false;
  for (const auto& re : f.article) article = article || RE2::PartialMatch("/art/2025/1/15/art_4521_1.html", *re);
  CHECK(article);
}

TEST_CASE("status line: widths of CJK text, URLs shortened in the middle at character boundaries") {
  CHECK(ogi::scan::display_width("abc") == 3);
  CHECK(ogi::scan::display_width("年报 1") == 6);
  CHECK(ogi::scan::shortened("http://a.gov.cn/x", 40) == "http://a.gov.cn/x");
  const std::string cut = ogi::scan::shortened("http://www.example.gov.cn/col/col4521/art/2025/1/15/art_4521_1.html", 21);
  CHECK(cut == "http://www…521_1.html");
  CHECK(ogi::scan::display_width(cut) <= 21);
  const std::string wide = ogi::scan::shortened("年报年报年报年报年报年报", 9);
  CHECK(wide == "年报…年报");
  CHECK(ogi::scan::display_width(wide) <= 9);
}

TEST_CASE("forms: encoded once, whether a value was read raw or percent-encoded off a link") {
  using ogi::scan::form_encoded, ogi::scan::url_decoded;
  CHECK(form_encoded({{"path", "/"}, {"webname", "某县"}}) == "path=%2F&webname=%E6%9F%90%E5%8E%BF");
  CHECK(url_decoded("%E6%9F%90%E5%8E%BF") == "某县");
  CHECK(url_decoded("某县") == "某县");
}
