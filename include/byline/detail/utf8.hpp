#pragma once
// The one seam to utf8proc's C API: decoding, categories, case folding.
// Invalid UTF-8 is never an error here: each byte that does not start a valid sequence decodes
// as U+FFFD of length 1, so offsets stay on the caller's bytes and scanning always advances.
#include <byline/version.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <utf8proc.h>

BYLINE_BEGIN_NAMESPACE
namespace detail {

inline constexpr char32_t replacement_char = 0xFFFD;

struct decoded {
    char32_t cp;
    std::uint32_t length; ///< bytes consumed, at least 1
};

/// Decodes the code point at `pos` (< text.size()).
[[nodiscard]] inline decoded decode(std::string_view text, std::size_t pos) noexcept {
    auto const b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) return {b, 1};
    // A byte that starts no sequence, or a sequence cut short, is rejected before the library
    // call: garbage should not cost a call per byte. utf8proc_iterate answers the same for them.
    if (b < 0xC2 || b > 0xF4) return {replacement_char, 1};
    std::size_t const continuations = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    for (std::size_t k = 1; k <= continuations; ++k)
        if (pos + k >= text.size() || (static_cast<unsigned char>(text[pos + k]) & 0xC0) != 0x80)
            return {replacement_char, 1};
    utf8proc_int32_t cp = 0;
    auto const n = utf8proc_iterate(reinterpret_cast<utf8proc_uint8_t const*>(text.data() + pos),
                                    static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) return {replacement_char, 1};
    return {static_cast<char32_t>(cp), static_cast<std::uint32_t>(n)};
}

/// The end of the run of invalid bytes (each decoded as U+FFFD of length 1) from `pos`, at most
/// `end`. Tokenizers take such a run as one symbol: per byte, garbage would cost several times
/// the work of ordinary text. A literal U+FFFD (3 bytes) is valid text and ends the run.
[[nodiscard]] inline std::size_t invalid_run_end(std::string_view text, std::size_t pos, std::size_t end) noexcept {
    while (pos < end && static_cast<unsigned char>(text[pos]) >= 0x80) {
        auto const d = decode(text, pos);
        if (d.cp != replacement_char || d.length != 1) break;
        ++pos;
    }
    return pos;
}

/// Decodes the code point that ends just before `pos` (> 0); the inverse step of decode().
[[nodiscard]] inline decoded decode_before(std::string_view text, std::size_t pos) noexcept {
    std::size_t start = pos - 1;
    // At most 3 continuation bytes precede a lead byte.
    while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    auto const d = decode(text, start);
    if (start + d.length == pos) return d;
    return {replacement_char, 1}; // a stray continuation byte is its own (invalid) character
}

[[nodiscard]] inline utf8proc_category_t category(char32_t cp) noexcept {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

[[nodiscard]] inline bool is_letter(char32_t cp) noexcept {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    auto const c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

[[nodiscard]] inline bool is_upper(char32_t cp) noexcept {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    auto const c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

[[nodiscard]] inline bool is_lower(char32_t cp) noexcept {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return category(cp) == UTF8PROC_CATEGORY_LL;
}

[[nodiscard]] inline bool is_digit(char32_t cp) noexcept {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

[[nodiscard]] inline bool is_mark(char32_t cp) noexcept {
    if (cp < 0x300) return false;
    auto const c = category(cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

/// Letters, digits and combining marks: the characters that make up a word.
[[nodiscard]] inline bool is_word_char(char32_t cp) noexcept {
    if (cp < 0x80) return is_letter(cp) || (cp >= '0' && cp <= '9');
    auto const c = category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_ND;
}

/// White space including NBSP, the Unicode space separators and line/paragraph separators.
[[nodiscard]] inline bool is_space(char32_t cp) noexcept {
    if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
    if (cp == 0x85 || cp == 0xA0 || cp == 0x2028 || cp == 0x2029) return true;
    auto const c = category(cp);
    return c == UTF8PROC_CATEGORY_ZS;
}

/// Simple full case folding of one code point (first code point of the folding).
[[nodiscard]] inline char32_t fold_case(char32_t cp) noexcept {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

/// Appends the UTF-8 encoding of `cp` to `out`.
template <class String>
void append_utf8(String& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    auto const n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<char const*>(buf), static_cast<std::size_t>(n));
}

} // namespace detail
BYLINE_END_NAMESPACE
