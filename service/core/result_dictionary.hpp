#pragma once
// The register's dictionary for one program's results: what a result of this program
// is mostly made of, so that a record's result compresses to the little that differs.
#include <memory>

#include "proviso/program/program.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/service/register.hpp"

namespace proviso::service::internal {

// At most this much text: past it, a very large program's later rules compress less.
inline constexpr std::size_t kResultDictionaryLimit = 128 * 1024;

std::shared_ptr<const ResultDictionary> make_result_dictionary(const Program& p, const JsonFragments& fragments);

}  // namespace proviso::service::internal
