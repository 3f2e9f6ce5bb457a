#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/escape.h"
#include "doc/sha256.h"
#include "report/html.h"

using namespace ogi;

TEST_CASE("escape: bytes that are not UTF-8 become hex escapes and UTF-8 stays") {
  CHECK(valid_utf8("报告.pdf") == "报告.pdf");
  CHECK(valid_utf8("\xb9\xfa.pdf") == "\\xb9\\xfa.pdf");      // GBK 国
  CHECK(valid_utf8("a\xe6\x8a") == "a\\xe6\\x8a");            // a cut-off sequence
  CHECK(valid_utf8("\xed\xa0\x80") == "\\xed\\xa0\\x80");      // a surrogate
  CHECK(valid_utf8("line\nnext") == "line\nnext");
}

TEST_CASE("escape: printable keeps one line one line") {
  CHECK(printable("某市某局“（八）撤回申请”。") == "某市某局“（八）撤回申请”。");
  CHECK(printable("a\nb\r\tc") == "a\\nb\\r\\tc");
  CHECK(printable("\x1b[31m\x7f") == "\\x1b[31m\\x7f");
  CHECK(printable("\xc2\x85") == "\\u0085");                   // C1 NEL
  CHECK(printable("x\xe2\x80\xa8y") == "x\\u2028y");
  CHECK(printable("evil\xe2\x80\xaetxt.exe") == "evil\\u202etxt.exe");
  CHECK(printable("\xe2\x81\xa6") == "\\u2066");
  CHECK(printable("\xb9\xfa") == "\\xb9\\xfa");
  CHECK(printable("C:\\dir") == "C:\\dir");                     // backslashes as they are
}

TEST_CASE("escape: HTML text, attributes and ids") {
  CHECK(html_text("<script>alert(1)</script>&") == "&lt;script&gt;alert(1)&lt;/script&gt;&amp;");
  CHECK(html_text("\"><img src=x onerror=alert(1)>") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  CHECK(html_text("a\nb\xe2\x80\xae") == "a\\nb\\u202e");
  CHECK(html_attr("\"'<>&\n") == "&quot;&#39;&lt;&gt;&amp;\n");
  CHECK(html_attr("\xb9") == "\\xb9");
  CHECK(html_id("new_total") == "new_total");
  CHECK(html_id("page-1") == "page-1");
  CHECK(html_id("extra:（八）撤回申请") == "extra.3a（八）撤回申请");
  CHECK(html_id("\"><img src=x>") == ".22.3e.3cimg.20src.3dx.3e");
  CHECK(html_id("a.b") != html_id("a.2eb"));
  CHECK(html_id("\xb9\xe2\x80\xae") == ".b9.e2.80.ae");
}

TEST_CASE("escape: file tokens and URIs") {
  CHECK(file_token("淮安市2024年报.pdf") == "淮安市2024年报.pdf");
  CHECK(file_token("a b\n\"<x>\xb9.txt") == "a_b___x__.txt");
  CHECK(file_token(std::string(300, 'a')).size() == 200);
  CHECK(file_token(std::string(150, 'a') + std::string(30, 'x') + "报告报告报告报告报告报告报告报告").size() <= 200);
  CHECK(uri_path("dir/报 告.pdf") == "dir/%E6%8A%A5%20%E5%91%8A.pdf");
  CHECK(uri_path("javascript:alert(1)") == "javascript%3Aalert%281%29");
}

TEST_CASE("escape: CSV fields quoted and formulas neutralised") {
  CHECK(csv_field("淮安市人民政府") == "淮安市人民政府");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("a\nb") == "\"a\nb\"");
  CHECK(csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csv_field("+1+2") == "'+1+2");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("-2+3") == "'-2+3");
  CHECK(csv_field("\t=1") == "'\t=1");
  CHECK(csv_field("\r=1") == "\"'\r=1\"");
  CHECK(csv_field("-3") == "-3");  // a number stays a number
  CHECK(csv_field("-3.5") == "-3.5");
  CHECK(csv_field("+4") == "+4");
  CHECK(csv_field("-") == "'-");
  CHECK(csv_field("-.5") == "'-.5");
  CHECK(csv_field("\xb9\xfa") == "\\xb9\\xfa");
}

TEST_CASE("escape: JSON dump survives bytes that are not UTF-8") {
  nlohmann::ordered_json j{{"source", "\xb9\xfa.txt"}};
  CHECK_THROWS(j.dump());
  CHECK(json_dump(j) == "{\"source\":\"\xef\xbf\xbd\xef\xbf\xbd.txt\"}");
  CHECK(json_dump({{"source", valid_utf8("\xb9\xfa.txt")}}) == "{\"source\":\"\\\\xb9\\\\xfa.txt\"}");
}

TEST_CASE("html index: the policy's hash is the hash of the page's script") {
  // A stale one makes browsers refuse the sort and filter script: write the new value in src/report/html_index.cpp.
  CHECK(sha256_base64(index_script) == index_script_sha256);
}

TEST_CASE("sha256: FIPS 180-4 test vectors, base64") {
  CHECK(sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(sha256_base64("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
  CHECK(sha256_base64(std::string(1000000, 'a')) == "zcduXJkU+5KBocfihNc+Z/GAmkiklyAOBG05zMcRLNA=");
}
