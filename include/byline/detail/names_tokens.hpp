#pragma once
// The name finder's tokenizer: words with their case and what separates them from the word
// before, in one pass over the text.
#include <byline/version.hpp>
#include <byline/span.hpp>
#include <byline/detail/utf8.hpp>

#include <cstddef>
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
    if (!line_break && !other && !paren) {
        if (commas == 0 && !gap.empty()) f |= after_space;
        if (commas == 1) f |= after_comma;
    }
    if (paren && !line_break && !other && commas == 0) f |= after_paren;
    return f;
}

/// Splits `text` into words: letters, digits and marks, joined by inner apostrophes (O'Brien)
/// and hyphens (Jean-Luc, al-Assad); initials keep their period (J., U.S.). Invalid UTF-8 bytes
/// are separators. `sentences` (sorted) marks clause starts the punctuation does not show.
inline void tokenize(std::string_view text, std::vector<byte_span> const& sentences, std::vector<token>& out) {
    out.clear();
    std::size_t const n = text.size();
    std::size_t i = 0, prev_end = 0, next_sentence = 0;
    bool first = true;
    while (i < n) {
        auto d = decode(text, i);
        if (!is_word_char(d.cp) || is_mark(d.cp)) {
            i += d.length;
            continue;
        }
        token t{i, i, 0};
        t.flags = gap_flags(text.substr(prev_end, i - prev_end));
        if (first) t.flags |= clause_start;
        first = false;
        while (next_sentence < sentences.size() && sentences[next_sentence].begin < i) ++next_sentence;
        if (next_sentence < sentences.size() && sentences[next_sentence].begin == i) t.flags |= clause_start;
        if (is_upper(d.cp)) t.flags |= capitalised;
        else if (is_lower(d.cp)) t.flags |= lower_case;

        int letters = 0, segment_letters = 0;
        bool any_lower = false;
        for (;;) {
            segment_letters = 0;
            while (i < n) {
                d = decode(text, i);
                if (!is_word_char(d.cp)) break;
                if (is_letter(d.cp)) ++letters, ++segment_letters;
                any_lower = any_lower || is_lower(d.cp);
                i += d.length;
            }
            t.end = i;
            if (i >= n) break;
            auto const joint = decode(text, i);
            std::size_t const after = i + joint.length;
            // An initial keeps its period; "U.S." continues through letter-period pairs.
            if (joint.cp == '.' && segment_letters == 1 && !any_lower) {
                t.end = after;
                if (after + 1 < n && is_upper(decode(text, after).cp) && text[after + 1] == '.') {
                    i = after;
                    continue;
                }
                i = after;
                break;
            }
            if (after >= n) break;
            auto const next = decode(text, after);
            if (!is_word_char(next.cp) || is_mark(next.cp)) break;
            if (is_apostrophe(joint.cp)) {
                std::size_t const past_s = after + 1;
                if ((next.cp == 's' || next.cp == 'S') && (past_s >= n || !is_word_char(decode(text, past_s).cp))) {
                    t.flags |= possessive; // token ends before the apostrophe
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
        if (letters >= 2 && !any_lower && t.has(capitalised)) t.flags |= all_caps;
        prev_end = t.has(possessive) ? i : t.end;
        out.push_back(t);
    }
}

} // namespace detail::names
BYLINE_END_NAMESPACE
