// kind structure: the parts, tables, rows and pages of a report against the
// profile. `of` names what, `is` what is wrong with it:
//   part    missing | misnumbered (ordinal or order) | reworded (heading)
//           | unheaded (no heading, found by its first subheading （一）…)
//   table   missing | picture (an image instead of a table)
//   row     missing | extra (a row the standard lacks) | reworded (label)
//           | superseded (an earlier format's row, e.g. 2019's （六）其他处理)
//   columns miscounted (most rows hold another number of figures)
//   page    picture (no extractable text: a scan)
// A part or table not found, or a table's rows, that may stand on a page
// without text (@picture-pages) is never missing: PUB-03 says it is
// undecided, once, on the page.
// The model's attributes (@found, @canonical, @match…) carry what the
// segmenter compared with the profile.
#include <map>

#include "rules/kinds/kinds.h"

namespace ogi {

std::vector<Rule> read_structure(const CheckSource& s, Rule r) {
  static const std::map<std::string, std::string> contexts = {
      {"part missing", "part[@found='false'][not(@picture-pages)]"},
      // a heading read by OCR may have lost or misread its ordinal or words
      {"part misnumbered",
       "part[@found='true'][not(@unheaded)][not(@ocr-confidence)][@ordinal != @expected-ordinal or @order != count(preceding-sibling::part[@found='true']) + 1]"},
      {"part reworded", "part[@found='true'][@canonical='false'][not(@unheaded)][not(@ocr-confidence)]"},
      {"part unheaded", "part[@found='true'][@unheaded='true']"},
      {"table missing", "table[@found='false'][not(@image)][not(@picture-pages)]"},
      {"table picture", "table[@image='true']"},
      // a superseded row is never expected, and the rows that replace it
      // are not missing when the report printed it (is superseded); rows of
      // a table that may stand on a page without text are not missing either
      {"row missing",
       "table[@found='true'][not(@picture-pages)]/*[@found='false'][not(@replaced-by)][not(@replaces = ../*[@found='true']/@id)]"},
      {"row superseded", "table[@found='true']/*[@replaced-by][@found='true']"},
      // a label read by OCR is not the author's wording: an unknown or
      // reworded one is as likely misread (the cells' checks say undecided)
      {"row extra", "table[@found='true']/extra[@printed != ''][not(@ocr-confidence)]"},
      {"row reworded", "table/*[@match='variant' or @match='fuzzy'][not(@ocr-confidence)]"},
      // rows read by OCR may have lost or split figures (EXT-01 says so per row)
      {"columns miscounted",
       "table[@found='true'][not(*/@ocr-confidence)][count(*[@problem='count']) * 2 > count(*[@found='true'])]"},
      {"page picture", "page[@text='none']"},
  };
  const std::string what = s.attr("of") + " " + s.attr("is");
  const auto context = contexts.find(what);
  if (context == contexts.end()) s.fail("of=\"" + s.attr("of") + "\" is=\"" + s.attr("is") + "\" is no structure check (rules/README.md)");
  r.context = context->second;
  return {std::move(r)};
}

}  // namespace ogi
