// The workbook of `--format xlsx --output DIR` (DIR/ogicheck.xlsx), through
// Debian's libxlsxwriter: the sheets summary, findings and cells (`extract`:
// cells only) hold the rows of the CSV tables (report/tables.h), with
// counts, years, pages and figures as number cells, so that a supervisor
// sorts and filters them in Excel or WPS without importing anything.
//
// An XLSX string cell is never a formula, so no formula guard is needed;
// text is valid_utf8'd and cut at Excel's limit of a cell. Written as the
// results come (constant memory: each sheet streams to a temporary file).
//
// libxlsxwriter is opened when a workbook is first written, not linked:
// it brings libminizip and OpenSSL's libcrypto, and loading and binding
// those cost every run of ogicheck 0.6 ms of CPU (`perf stat` of an empty
// program with and without -lxlsxwriter), while few runs write a workbook.
// The .deb declares the package (CMakeLists.txt), since dpkg-shlibdeps
// sees only linked libraries.
#include <dlfcn.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <memory>

#include "doc/input_error.h"
#include "doc/utf8.h"
#include "report/escape.h"
#include "report/reporters.h"
#include "report/tables.h"

namespace ogi {
namespace {

// The functions used, bound by name from OGICHECK_XLSXWRITER_SONAME (the
// library the build found; CMakeLists.txt), each with its header's type.
#define OGI_XLSXWRITER_FUNCTIONS(X)                                                                             \
  X(workbook_new_opt) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) X(format_set_bold)     \
  X(worksheet_write_number) X(worksheet_write_string) X(worksheet_set_column) X(worksheet_freeze_panes)         \
  X(worksheet_autofilter) X(lxw_strerror)

struct Xlsxwriter {
#define OGI_DECLARE(name) decltype(&::name) name = nullptr;
  OGI_XLSXWRITER_FUNCTIONS(OGI_DECLARE)
#undef OGI_DECLARE
};

const Xlsxwriter& xlsxwriter() {
  static const Xlsxwriter library = [] {
    const auto missing = [](const std::string& what) {
      return InputError("setup", "无法写出 xlsx：缺少 " + what + "（请安装 libxlsxwriter4）",
                        "cannot write xlsx: " + what + " is missing (install libxlsxwriter4)");
    };
    void* handle = dlopen(OGICHECK_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);  // kept open: the process ends with it
    if (!handle) throw missing(OGICHECK_XLSXWRITER_SONAME);
    Xlsxwriter l;
#define OGI_BIND(name)                                                    \
  l.name = reinterpret_cast<decltype(l.name)>(dlsym(handle, #name));     \
  if (!l.name) throw missing(#name);
    OGI_XLSXWRITER_FUNCTIONS(OGI_BIND)
#undef OGI_BIND
    return l;
  }();
  return library;
}

// Excel's limits: the rows of a sheet (a table past it goes on in a sheet
// "findings 2", …) and the bytes we put in a cell (Excel allows 32,767
// characters; as many bytes is always within it).
constexpr lxw_row_t sheet_rows = LXW_ROW_MAX;
constexpr std::size_t cell_bytes = 32767;

// s cut at cell_bytes, at a character's start.
std::string cell_text(const std::string& s) {
  std::string out = valid_utf8(s);
  if (out.size() <= cell_bytes) return out;
  std::size_t cut = cell_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut);
}

// One table, over as many worksheets as Excel's row limit needs.
class Sheet {
 public:
  Sheet(lxw_workbook* book, std::string name, const std::vector<const char*>& columns, lxw_format* header)
      : book_(book), name_(std::move(name)), columns_(columns), header_(header) {
    open();
  }

  void add(const TableRow& row) {
    if (row_ == sheet_rows) open();
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (row[c].number) xlsxwriter().worksheet_write_number(sheet_, row_, col, *row[c].number, nullptr);
      else if (!row[c].text.empty()) xlsxwriter().worksheet_write_string(sheet_, row_, col, cell_text(row[c].text).c_str(), nullptr);
    }
    ++row_;
  }

  // Filter buttons over what was written.
  void finish() { filter(); }

 private:
  void open() {
    if (sheet_) filter();
    const std::string name = parts_++ ? name_ + " " + std::to_string(parts_) : name_;
    sheet_ = xlsxwriter().workbook_add_worksheet(book_, name.c_str());
    if (!sheet_) throw InputError("write", "无法建立工作表 " + name, "cannot add the worksheet " + name);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string column = columns_[c];
      const bool wide = column == "source" || column == "title" || column == "message" || column == "error";
      const auto col = static_cast<lxw_col_t>(c);
      xlsxwriter().worksheet_set_column(sheet_, col, col, wide ? 40 : 12, nullptr);
      xlsxwriter().worksheet_write_string(sheet_, 0, col, columns_[c], header_);
    }
    xlsxwriter().worksheet_freeze_panes(sheet_, 1, 0);
    row_ = 1;
  }
  void filter() {
    xlsxwriter().worksheet_autofilter(sheet_, 0, 0, row_ - 1, static_cast<lxw_col_t>(columns_.size() - 1));
  }

  lxw_workbook* book_;
  std::string name_;
  const std::vector<const char*>& columns_;
  lxw_format* header_;
  lxw_worksheet* sheet_ = nullptr;
  lxw_row_t row_ = 0;
  int parts_ = 0;
};

class XlsxReporter : public Reporter {
 public:
  XlsxReporter(const std::string& dir, bool extract) : path_((std::filesystem::path(dir) / "ogicheck.xlsx").string()) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;  // a national run's cells sheet passes 4 GB
    book_.reset(xlsxwriter().workbook_new_opt(path_.c_str(), &options));
    if (!book_) throw InputError("write", "无法写入 " + printable(path_), "cannot write " + printable(path_));
    lxw_format* header = xlsxwriter().workbook_add_format(book_.get());
    xlsxwriter().format_set_bold(header);
    if (!extract) {  // the sheets in this order: summary, findings, cells
      summary_ = std::make_unique<Sheet>(book_.get(), "summary", summary_columns, header);
      findings_ = std::make_unique<Sheet>(book_.get(), "findings", finding_columns, header);
    }
    cells_ = std::make_unique<Sheet>(book_.get(), "cells", cell_columns, header);
  }

  bool streams() const override { return false; }

  void report(const Report& report, const std::vector<Finding>* findings) override {
    if (findings) {
      summary_->add(summary_row(summarize(report, *findings)));
      for (const auto& row : finding_rows(report, *findings)) findings_->add(row);
    }
    for (const auto& row : cell_rows(report)) cells_->add(row);
  }

  void unreadable(const std::string& source, const std::string& code, const std::string& message) override {
    if (summary_) summary_->add(summary_row(summarize_unreadable(source, code, message)));
  }

  void finish() override {
    for (Sheet* sheet : {summary_.get(), findings_.get(), cells_.get()})
      if (sheet) sheet->finish();
    const lxw_error error = xlsxwriter().workbook_close(book_.release());
    if (error != LXW_NO_ERROR)
      throw InputError("write", "无法写入 " + printable(path_) + "：" + xlsxwriter().lxw_strerror(error),
                       "cannot write " + printable(path_) + ": " + xlsxwriter().lxw_strerror(error));
  }

 private:
  // A run that stops before finish() still frees the workbook (and writes what it has).
  struct Close {
    void operator()(lxw_workbook* book) const { xlsxwriter().workbook_close(book); }
  };
  std::string path_;
  std::unique_ptr<lxw_workbook, Close> book_;
  std::unique_ptr<Sheet> summary_, findings_, cells_;
};

}  // namespace

std::unique_ptr<Reporter> make_xlsx_reporter(const ReporterOptions& o) {
  if (o.output_dir.empty()) return nullptr;
  return std::make_unique<XlsxReporter>(o.output_dir, o.extract);
}

}  // namespace ogi
