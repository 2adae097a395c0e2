#pragma once
// SHA-256 (FIPS 180-4), for content hashes that must be stable across machines and
// versions: the program file's check that its payload arrived intact. Small and
// self-contained, so the runtime needs no crypto library to load a program.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace proviso {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  // Feeds more bytes; may be called any number of times before finish().
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  // The digest of everything fed; the object must not be used afterwards.
  Sha256Digest finish();

 private:
  void block(const std::uint8_t* p);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes fed so far
};

Sha256Digest sha256(std::string_view bytes);
// Lower-case hexadecimal, 64 characters.
std::string to_hex(const Sha256Digest& digest);

}  // namespace proviso
