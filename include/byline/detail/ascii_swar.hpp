#pragma once
// ASCII byte tricks on eight bytes in one 64-bit word, shared by the lexicon lookups.
#include <byline/version.hpp>

#include <cstddef>
#include <cstdint>

BYLINE_BEGIN_NAMESPACE
namespace detail {

/// ASCII upper-case letters to lower case in eight bytes at once: a byte is A..Z when its
/// low seven bits are >= 'A' and <= 'Z' and its high bit is clear.
[[nodiscard]] constexpr std::uint64_t ascii_lower8(std::uint64_t x) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    std::uint64_t const low7 = x & ~high;
    std::uint64_t const at_least_a = low7 + (0x80 - 'A') * ones;
    std::uint64_t const above_z = low7 + (0x80 - 'Z' - 1) * ones;
    return x | ((at_least_a & ~above_z & ~x & high) >> 2);
}

/// The high bit of each of the eight bytes of `x` that is an ASCII letter or digit: per-byte range
/// tests on the low seven bits, which cannot carry into the next byte.
[[nodiscard]] constexpr std::uint64_t ascii_alnum8(std::uint64_t x) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    std::uint64_t const low7 = x & ~high;
    std::uint64_t const folded = low7 | 0x20 * ones; // A-Z as a-z
    std::uint64_t const letter = (folded + (0x80 - 'a') * ones) & ~(folded + (0x80 - 'z' - 1) * ones);
    std::uint64_t const digit = (low7 + (0x80 - '0') * ones) & ~(low7 + (0x80 - '9' - 1) * ones);
    return (letter | digit) & ~x & high;
}

/// The mask keeping the first `n` (1..8) bytes of a little-endian load.
[[nodiscard]] constexpr std::uint64_t first_bytes(std::size_t n) noexcept { return ~0ull >> (64 - 8 * n); }

} // namespace detail
BYLINE_END_NAMESPACE
