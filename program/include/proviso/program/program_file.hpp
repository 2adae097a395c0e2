#pragma once
// The program file: a compiled Program on disk, loaded by the runtime without the
// compiler (`proviso build` writes one; `eval` and `batch` read one).
//
//   offset  size  field
//        0     8  magic: 0x89 "PROVISO"
//        8     4  format version, u32 little-endian (kProgramFileVersion)
//       12     8  payload length in bytes, u64 little-endian
//       20    32  SHA-256 of the payload
//       52     …  payload: every field of the Program, in declaration order;
//                 integers little-endian and fixed-width, strings and vectors
//                 prefixed by a u32 count, bools and enums one byte each
//
// Writing is deterministic: a program always gives the same bytes. Reading trusts
// nothing: it checks the magic, the version, the length and the hash before decoding,
// never allocates for a count the remaining bytes cannot hold, rejects any byte a
// rewrite would not reproduce, and runs Program::index() and verify(). So a file it
// accepts is sound, and writing what it returns gives the file's bytes back.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "proviso/program/program.hpp"

namespace proviso {

inline constexpr std::string_view kProgramFileMagic{"\x89PROVISO", 8};
inline constexpr std::uint32_t kProgramFileVersion = 2;  // 2: constraints, effective dates, scenario dates
inline constexpr std::size_t kProgramFileHeaderSize = 8 + 4 + 8 + 32;

// Whether `bytes` start with the magic: how a command tells a program file from sources.
bool is_program_file(std::string_view bytes);

// The file's bytes for `program`. Throws std::length_error only for a program no file
// could hold (a text or vector of 4 GiB or more).
std::string write_program_file(const Program& program);

enum class ProgramFileError : std::uint8_t {
  none,
  not_program_file,  // no magic
  other_version,     // a format version this reader does not read
  truncated,         // shorter than its header says
  corrupt,           // the hash does not match, or the payload does not decode
  unsound,           // decodes, but verify() finds problems
};

struct ProgramFileRead {
  std::unique_ptr<Program> program;  // set exactly when error == none, indexed and verified
  ProgramFileError error = ProgramFileError::none;
  std::string message;               // one sentence when error != none
};

ProgramFileRead read_program_file(std::string_view bytes);

}  // namespace proviso
