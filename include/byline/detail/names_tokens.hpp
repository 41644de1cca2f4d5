#pragma once
// The name finder's tokenizer: words with their case and what separates them from the word
// before, in one pass over the text.
#include <byline/version.hpp>
#include <byline/span.hpp>
#include <byline/detail/utf8.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail::names {

enum token_flags : std::uint16_t {
    capitalised = 1,    ///< first letter upper case
    all_caps = 2,       ///< two or more letters, none lower case (AMLO, U.S.)
    lower_case = 4,     ///< first letter lower case
    possessive = 8,     ///< followed by 's or ’s (not part of the token)
    clause_start = 16,  ///< first word of the text, of a sentence, a line, or after : ; “ ( —
    after_space = 32,   ///< only horizontal white space since the previous word
    after_comma = 64,   ///< one comma (and white space) since the previous word
    after_paren = 128,  ///< an opening parenthesis (and white space) since the previous word
    adjacent = 256,     ///< not the first word (the token before it is the word before it)
    line_start = 512,   ///< first word of the text or of a line
};

struct token {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::uint16_t flags = 0;
    [[nodiscard]] bool has(std::uint16_t f) const noexcept { return (flags & f) != 0; }
};

[[nodiscard]] inline bool is_apostrophe(char32_t c) noexcept { return c == '\'' || c == 0x2019; }
[[nodiscard]] inline bool is_hyphen(char32_t c) noexcept { return c == '-' || c == 0x2010 || c == 0x2011; }

/// What the characters between two words say about the second one.
[[nodiscard]] inline std::uint16_t gap_flags(std::string_view gap) noexcept {
    if (gap.size() == 1 && gap[0] == ' ') return after_space;
    if (gap.size() == 2 && gap[0] == ',' && gap[1] == ' ') return after_comma;
    bool line_break = false, other = false, paren = false, starts_clause = false;
    int commas = 0;
    for (std::size_t i = 0; i < gap.size();) {
        auto const d = decode(gap, i);
        i += d.length;
        switch (d.cp) {
        case '\n': case '\r': case 0x2028: case 0x2029: line_break = true; break;
        case ',': ++commas; break;
        case '(': case '[': paren = true; starts_clause = true; break;
        case '.': case '!': case '?': case ':': case ';': case '"': case 0x201C: case 0x201D:
        case 0x2018: case 0xAB: case 0xBB: case 0x2014: case 0x2013: case 0x2022:
            starts_clause = true; other = true; break;
        default:
            if (!is_space(d.cp)) other = true;
        }
    }
    std::uint16_t f = 0;
    if (line_break || starts_clause) f |= clause_start;
    if (line_break) f |= line_start;
    if (!line_break && !other && !paren) {
        if (commas == 0 && !gap.empty()) f |= after_space;
        if (commas == 1) f |= after_comma;
    }
    if (paren && !line_break && !other && commas == 0) f |= after_paren;
    return f;
}

/// Byte classes: 1 for ASCII letters and digits, 2 for the bytes of multi-byte sequences.
inline constexpr auto byte_classes = [] {
    std::array<std::uint8_t, 256> c{};
    for (int b = 0; b < 256; ++b)
        c[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(
            (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ? 1 : b >= 0x80 ? 2 : 0);
    return c;
}();

[[nodiscard]] inline bool is_ascii_word(unsigned char b) noexcept { return byte_classes[b] == 1; }

/// The end of the letters, digits and marks that start at `i`.
[[nodiscard]] inline std::size_t word_end(std::string_view text, std::size_t i) noexcept {
    auto const* const data = reinterpret_cast<unsigned char const*>(text.data());
    std::size_t const n = text.size();
    for (;;) {
        // Eight ASCII bytes at a time: a byte is a word byte when it is a letter or a digit.
        while (i + 8 <= n) {
            std::uint64_t x;
            std::memcpy(&x, data + i, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
            if (x & high) break; // a multi-byte sequence: the byte loop decides
            std::uint64_t const y = x | (0x20 * ones); // A-Z as a-z
            std::uint64_t const letter = (y + (0x80 - 'a') * ones) & ~(y + (0x80 - 'z' - 1) * ones);
            std::uint64_t const digit = (x + (0x80 - '0') * ones) & ~(x + (0x80 - '9' - 1) * ones);
            std::uint64_t const word = (letter | digit) & high;
            if (word != high) {
                i += static_cast<std::size_t>(std::countr_zero(~word & high)) / 8;
                return i;
            }
            i += 8;
        }
        while (i < n && byte_classes[data[i]] == 1) ++i;
        if (i >= n || data[i] < 0x80) return i;
        auto const d = decode(text, i);
        if (!is_word_char(d.cp)) return i;
        i += d.length;
    }
}

/// Two or more letters and none of them lower case.
[[nodiscard]] inline bool shouts(std::string_view word) noexcept {
    int letters = 0;
    for (std::size_t i = 0; i < word.size();) {
        auto const d = decode(word, i);
        i += d.length;
        if (is_lower(d.cp)) return false;
        letters += is_letter(d.cp);
    }
    return letters >= 2;
}

/// Splits `text` into words: letters, digits and marks, joined by inner apostrophes (O'Brien)
/// and hyphens (Jean-Luc, al-Assad); initials keep their period (J., U.S.). Invalid UTF-8 bytes
/// are separators. `sentences` (sorted) marks clause starts the punctuation does not show.
inline void tokenize(std::string_view text, std::vector<byte_span> const& sentences, std::vector<token>& out) {
    out.clear();
    out.reserve(text.size() / 6);
    std::size_t const n = text.size();
    std::size_t i = 0, prev_end = 0, next_sentence = 0;
    bool first = true;
    auto const* const data = reinterpret_cast<unsigned char const*>(text.data());
    while (i < n) {
        if (byte_classes[data[i]] == 0) { // the common case: spaces and punctuation
            ++i;
            continue;
        }
        auto const d = decode(text, i);
        if (!is_word_char(d.cp) || is_mark(d.cp)) {
            i += d.length;
            continue;
        }
        token t{i, i, 0};
        t.flags = gap_flags(text.substr(prev_end, i - prev_end));
        if (first) t.flags |= clause_start | line_start;
        first = false;
        if (is_upper(d.cp)) {
            t.flags |= capitalised;
            // Only a capitalised word's position in its sentence matters.
            while (next_sentence < sentences.size() && sentences[next_sentence].begin < i) ++next_sentence;
            if (next_sentence < sentences.size() && sentences[next_sentence].begin == i) t.flags |= clause_start;
        } else if (is_lower(d.cp)) {
            t.flags |= lower_case;
        }

        for (;;) {
            std::size_t const segment = i;
            i = word_end(text, i);
            t.end = i;
            if (i >= n) break;
            // Most words end at a space or punctuation that cannot join two words.
            if (auto const b = static_cast<unsigned char>(text[i]); b < 0x80 && b != '.' && b != '\'' && b != '-') break;
            auto const joint = decode(text, i);
            std::size_t const after = i + joint.length;
            // An initial keeps its period; "U.S." continues through letter-period pairs.
            if (joint.cp == '.' && segment + decode(text, segment).length == i && is_upper(decode(text, segment).cp)) {
                t.end = i = after;
                if (after + 1 < n && is_upper(decode(text, after).cp) && text[after + 1] == '.') continue;
                break;
            }
            if (after >= n) break;
            auto const next = decode(text, after);
            if (!is_word_char(next.cp) || is_mark(next.cp)) break;
            if (is_apostrophe(joint.cp)) {
                std::size_t const past_s = after + 1;
                if ((next.cp == 's' || next.cp == 'S') && (past_s >= n || !is_word_char(decode(text, past_s).cp))) {
                    t.flags |= possessive; // the token ends before the apostrophe
                    i = past_s;
                    break;
                }
                i = after;
                continue;
            }
            if (is_hyphen(joint.cp)) {
                i = after;
                continue;
            }
            break;
        }
        if (t.has(capitalised) && shouts(text.substr(t.begin, t.end - t.begin))) t.flags |= all_caps;
        prev_end = i;
        if (!out.empty()) t.flags |= adjacent;
        out.push_back(t);
    }
}

} // namespace detail::names
BYLINE_END_NAMESPACE
