#pragma once
// Tokenizing and folding for gazetteer matching. Text and aliases go through the same tokenizer,
// so an alias matches exactly the texts that fold to the same token sequence:
//  - a word token is a maximal run of letters, digits and combining marks; any other character
//    that is not white space is a token of its own (so "Mexico’s" is mexico ' s, and
//    "Russia-Ukraine" is russia - ukraine: possessives and compounds match their parts);
//  - folding is NFKD + case folding + mark stripping (utf8proc), so case, accents and NFC/NFD
//    spelling do not matter; curly apostrophes fold to ' and dashes to -;
//  - each token remembers its original byte span, so results never point into folded text.
#include <byline/detail/utf8.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

BYLINE_BEGIN_NAMESPACE
namespace detail {

/// What separates a token from the one before it.
enum class token_gap : std::uint8_t { none = 0, space = 1, paragraph = 2 };

/// The folded bytes of one token. Tokens longer than `capacity` bytes cannot be alias words
/// (the builder rejects such aliases), so overflowing only has to be detected, not stored.
struct fold_buffer {
    static constexpr std::size_t capacity = 128;
    std::array<char, capacity> data{};
    std::size_t size = 0;
    bool overflow = false;

    void clear() noexcept {
        size = 0;
        overflow = false;
    }
    void push(char c) noexcept {
        if (size < capacity) data[size++] = c;
        else overflow = true;
    }
    void push_utf8(char32_t cp) noexcept {
        utf8proc_uint8_t buf[4];
        auto const n = static_cast<std::size_t>(utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf));
        for (std::size_t i = 0; i < n; ++i) push(static_cast<char>(buf[i]));
    }
    [[nodiscard]] std::string_view view() const noexcept { return {data.data(), size}; }
};

struct raw_token {
    std::size_t begin = 0, end = 0; ///< original bytes
    token_gap gap = token_gap::none;
    bool word = false;      ///< letters/digits/marks, not a single punctuation or symbol character
    bool has_lower = false; ///< a lowercase letter in the original: acronym aliases reject it
    bool has_upper = false;
};

namespace ascii_class {
inline constexpr std::uint8_t space = 1, newline = 2, word = 4, lower = 8, upper = 16;
inline constexpr std::array<std::uint8_t, 128> table = [] {
    std::array<std::uint8_t, 128> t{};
    for (int c = 0; c < 128; ++c) {
        std::uint8_t v = 0;
        if (c == ' ' || (c >= '\t' && c <= '\r')) v |= space;
        if (c == '\n') v |= newline;
        if (c >= 'a' && c <= 'z') v |= word | lower;
        if (c >= 'A' && c <= 'Z') v |= word | upper;
        if (c >= '0' && c <= '9') v |= word;
        t[static_cast<std::size_t>(c)] = v;
    }
    return t;
}();
} // namespace ascii_class

inline constexpr auto fold_options =
    static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK);

/// Appends the folded form of a non-ASCII code point (possibly nothing: a combining mark).
inline void fold_into(fold_buffer& out, char32_t cp) noexcept {
    utf8proc_int32_t mapped[32];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    auto const n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), mapped, 32, fold_options, &boundclass);
    if (n < 0 || n > 32) {
        out.push_utf8(cp);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
        auto const m = static_cast<char32_t>(mapped[i]);
        if (m < 0x80) out.push(static_cast<char>(m));
        else out.push_utf8(m);
    }
}

/// Folds a punctuation or symbol character: typographic apostrophes and dashes to ASCII.
inline void fold_symbol_into(fold_buffer& out, char32_t cp) noexcept {
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0xFF07: out.push('\''); return;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: out.push('-'); return;
    default: break;
    }
    if (category(cp) == UTF8PROC_CATEGORY_PD) out.push('-');
    else fold_into(out, cp);
}

/// Splits UTF-8 text into tokens, folding each on the fly. Invalid bytes are U+FFFD symbols.
class tokenizer {
public:
    explicit tokenizer(std::string_view text) noexcept : text_(text) {}

    /// Reads the next token into `tok` and its folded bytes into `folded`; false at the end.
    bool next(raw_token& tok, fold_buffer& folded) noexcept {
        auto const n = text_.size();
        unsigned newlines = 0;
        bool spaced = false;
        while (pos_ < n) {
            auto const b = static_cast<unsigned char>(text_[pos_]);
            if (b < 0x80) {
                auto const cls = ascii_class::table[b];
                if (!(cls & ascii_class::space)) break;
                newlines += (cls & ascii_class::newline) ? 1u : 0u;
                spaced = true;
                ++pos_;
                continue;
            }
            auto const d = decode(text_, pos_);
            if (!is_space(d.cp)) break;
            if (d.cp == 0x2029) newlines += 2;
            else if (d.cp == 0x2028 || d.cp == 0x85) ++newlines;
            spaced = true;
            pos_ += d.length;
        }
        if (pos_ >= n) return false;

        tok.begin = pos_;
        tok.gap = newlines >= 2 ? token_gap::paragraph : spaced ? token_gap::space : token_gap::none;
        tok.has_lower = tok.has_upper = false;
        folded.clear();

        auto const first = static_cast<unsigned char>(text_[pos_]);
        if (first < 0x80 ? !(ascii_class::table[first] & ascii_class::word) : !is_word_char(decode(text_, pos_).cp)) {
            tok.word = false;
            if (first < 0x80) {
                folded.push(static_cast<char>(first));
                ++pos_;
            } else {
                auto const d = decode(text_, pos_);
                fold_symbol_into(folded, d.cp);
                pos_ += d.length;
            }
            tok.end = pos_;
            return true;
        }

        tok.word = true;
        while (pos_ < n) {
            auto const b = static_cast<unsigned char>(text_[pos_]);
            if (b < 0x80) {
                auto const cls = ascii_class::table[b];
                if (!(cls & ascii_class::word)) break;
                tok.has_lower |= (cls & ascii_class::lower) != 0;
                tok.has_upper |= (cls & ascii_class::upper) != 0;
                folded.push(static_cast<char>(b | ((cls & ascii_class::upper) ? 0x20 : 0)));
                ++pos_;
                continue;
            }
            auto const d = decode(text_, pos_);
            if (!is_word_char(d.cp)) break;
            tok.has_lower |= is_lower(d.cp);
            tok.has_upper |= is_upper(d.cp);
            fold_into(folded, d.cp);
            pos_ += d.length;
        }
        tok.end = pos_;
        return true;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

/// A fast 64-bit hash of a short byte string (folded tokens are short).
[[nodiscard]] inline std::uint64_t hash_bytes(std::string_view s) noexcept {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = s.size() * k;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (i < s.size()) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

} // namespace detail
BYLINE_END_NAMESPACE
