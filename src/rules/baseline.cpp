#include "rules/baseline.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ogi {
namespace {

std::string file_name(const std::string& source) { return std::filesystem::path(source).filename().string(); }

}  // namespace

Baseline Baseline::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read baseline " + path);
  Baseline b;
  try {
    const auto j = nlohmann::json::parse(in);  // kept alive for the loop below
    for (const auto& f : j.at("findings"))
      b.entries_.insert({f.at("file"), f.value("rule", ""), f.at("fingerprint")});
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("bad baseline " + path + ": " + e.what());
  }
  return b;
}

void Baseline::filter(const std::string& source, std::vector<Finding>& findings) const {
  const std::string name = file_name(source);
  std::erase_if(findings, [&](const Finding& f) { return entries_.count({name, {}, f.fingerprint}) > 0; });
}

void Baseline::add(const std::string& source, const std::vector<Finding>& findings) {
  const std::string name = file_name(source);
  for (const auto& f : findings) entries_.insert({name, f.rule, f.fingerprint});
}

void Baseline::save(const std::string& path) const {
  nlohmann::ordered_json j{{"ogicheck-baseline", 1}, {"findings", nlohmann::ordered_json::array()}};
  for (const auto& e : entries_) j["findings"].push_back({{"file", e.file}, {"rule", e.rule}, {"fingerprint", e.fingerprint}});
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write baseline " + path);
  out << j.dump(1) << '\n';
}

}  // namespace ogi
