#pragma once
// SSE2 byte classes shared by the tokenizers that scan 16 or 64 bytes at a time.
#include <byline/version.hpp>

#if defined(__SSE2__)
#  include <emmintrin.h>

BYLINE_BEGIN_NAMESPACE
namespace detail {

/// One bit per byte of `v` that is an ASCII letter or digit: (b | 0x20) in 'a'..'z' or b in
/// '0'..'9', each a signed compare after shifting the range's start to -128.
[[nodiscard, gnu::always_inline]] inline unsigned ascii_alnum_mask(__m128i v) noexcept {
    auto const letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                                       _mm_set1_epi8(static_cast<char>(-128 + 26)));
    auto const digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                      _mm_set1_epi8(static_cast<char>(-128 + 10)));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
}

} // namespace detail
BYLINE_END_NAMESPACE
#endif
