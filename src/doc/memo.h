// A per-thread memo of a pure function's results by key text: a load or a
// table's label matching asks for the same few texts again and again. The
// memo is emptied when it holds `most` entries, so a long batch or a server
// does not grow it; a result that throws is not kept.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace ogi {

template <typename Value, typename Make>
Value memoised(std::unordered_map<std::string, Value>& memo, const std::string& key, std::size_t most, Make&& make) {
  if (memo.size() >= most) memo.clear();
  if (const auto known = memo.find(key); known != memo.end()) return known->second;
  return memo.emplace(key, make()).first->second;
}

}  // namespace ogi
