#pragma once
// Tokens for quotation finding: words, the punctuation attribution patterns care about, and
// quotation-mark candidates with the flanking facts needed to tell openers, closers and
// apostrophes apart. One line (paragraph) is tokenised at a time, on the caller's bytes.
#include <byline/detail/utf8.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

BYLINE_BEGIN_NAMESPACE
namespace detail {

enum class qtok : std::uint8_t {
    word,
    comma,
    terminal,  ///< . ! ?
    colon,
    semicolon,
    dash,      ///< — ― – and a spaced hyphen
    open_paren,
    close_paren,
    ellipsis,
    mark,      ///< a quotation-mark candidate (see mark_glyph)
    other,
};

/// Quotation-mark glyphs. Double family: the marks news uses for utterances; single family:
/// nested quotes, British style, or apostrophes.
enum class mark_glyph : std::uint8_t {
    straight_double, // "
    left_double,     // “
    right_double,    // ”
    low_double,      // „
    reversed_double, // ‟
    left_guillemet,  // «
    right_guillemet, // »
    backticks,       // ``
    two_apostrophes, // ''
    left_corner,     // 「 『
    right_corner,    // 」 』
    straight_single, // '
    left_single,     // ‘
    right_single,    // ’
    low_single,      // ‚
    left_angle,      // ‹
    right_angle,     // ›
    backtick,        // `
};

[[nodiscard]] constexpr bool is_double_family(mark_glyph g) noexcept { return g <= mark_glyph::right_corner; }

/// Word flags.
inline constexpr std::uint8_t w_cap = 1;        ///< first letter upper case
inline constexpr std::uint8_t w_lower = 2;      ///< first letter lower case
inline constexpr std::uint8_t w_allcaps = 4;    ///< two or more letters, all upper case
inline constexpr std::uint8_t w_possessive = 8; ///< ends in 's / ’s
inline constexpr std::uint8_t w_ascii = 16;     ///< pure ASCII letters (cue lookups)
inline constexpr std::uint8_t w_digit = 32;     ///< starts with a digit
/// Mark flags.
inline constexpr std::uint8_t m_space_before = 1; ///< white space, line start or opening punctuation before
inline constexpr std::uint8_t m_space_after = 2;  ///< white space, line end or closing punctuation after
inline constexpr std::uint8_t m_word_before = 4;  ///< a letter or digit right before
inline constexpr std::uint8_t m_word_after = 8;   ///< a letter or digit right after
inline constexpr std::uint8_t m_digit_before = 16;

struct qtoken {
    std::size_t begin = 0;
    std::size_t end = 0;
    qtok kind = qtok::other;
    std::uint8_t flags = 0;
    mark_glyph glyph = mark_glyph::straight_double;
    std::uint32_t hash = 0; ///< words: word_hash of the bytes (for lexicon lookups)
};

/// A hash of a word for lexicon lookups, ASCII case folded (bytes | 0x20; the lookup compares
/// the spelling, so folding punctuation along with letters costs nothing but a rare probe).
/// Two 8-byte loads: the first 16 bytes and the length. `p` must have 16 readable bytes.
[[nodiscard]] inline std::uint32_t word_hash_padded(char const* p, std::size_t n) noexcept {
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    auto keep = [](std::size_t bytes) { return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1; };
    a = (a | 0x2020202020202020ull) & keep(n);
    b = n > 8 ? (b | 0x2020202020202020ull) & keep(n - 8) : 0;
    std::uint64_t h = (a ^ (0x9E3779B97F4A7C15ull * (n + 1))) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 31) ^ b) * 0x94D049BB133111EBull;
    return static_cast<std::uint32_t>(h ^ (h >> 29));
}

/// word_hash_padded for any string: copies it to a padded buffer when it may end early.
[[nodiscard]] inline std::uint32_t word_hash(std::string_view w, std::size_t readable) noexcept {
    if (readable >= 16) return word_hash_padded(w.data(), w.size());
    char buf[16] = {};
    std::memcpy(buf, w.data(), w.size() < 16 ? w.size() : 16);
    return word_hash_padded(buf, w.size());
}
[[nodiscard]] inline std::uint32_t word_hash(std::string_view w) noexcept { return word_hash(w, 0); }

/// ASCII byte classes for the tokenizer's fast path.
inline constexpr std::uint8_t qb_alpha = 1, qb_upper = 2, qb_word = 4, qb_joiner = 8;
inline constexpr auto quote_byte_class = [] {
    std::array<std::uint8_t, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = qb_alpha | qb_word;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = qb_alpha | qb_upper | qb_word;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = qb_word;
    for (char c : {'\'', '-', '.', '&'}) t[static_cast<std::size_t>(c)] = qb_joiner;
    return t;
}();

/// The end of the run of ASCII letters and digits starting at `p` (at most `end`).
[[nodiscard]] inline std::size_t ascii_alnum_run_end(std::string_view text, std::size_t p, std::size_t end) noexcept {
#if defined(__SSE2__)
    // 16 bytes at a time: (b | 0x20) in a..z, or b in 0..9, via the signed-compare range trick
    while (p + 16 <= end) {
        __m128i const x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + p));
        __m128i const lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
        __m128i const alpha = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(128 - 'a'))),
                                             _mm_set1_epi8(static_cast<char>(-128 + 26)));
        __m128i const digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(128 - '0'))),
                                             _mm_set1_epi8(static_cast<char>(-128 + 10)));
        auto const mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(alpha, digit)));
        if (mask != 0xFFFFu) return p + static_cast<std::size_t>(__builtin_ctz(~mask));
        p += 16;
    }
#endif
    while (p < end) {
        auto const b = static_cast<unsigned char>(text[p]);
        if (b >= 0x80 || !(quote_byte_class[b] & qb_word)) break;
        ++p;
    }
    return p;
}

/// Where the line starting at `pos` ends: at the next LF, or at a lone CR (old Mac line ends);
/// a CRLF's line ends at its LF, the CR staying in the line as white space.
[[nodiscard]] inline std::size_t line_end_from(std::string_view text, std::size_t pos) noexcept {
    std::size_t const n = text.size();
    for (;;) {
#if defined(__SSE2__)
        while (pos + 16 <= n) {
            __m128i const x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + pos));
            auto const hits = static_cast<unsigned>(_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')))));
            if (hits != 0) {
                pos += static_cast<std::size_t>(__builtin_ctz(hits));
                break;
            }
            pos += 16;
        }
#endif
        while (pos < n && text[pos] != '\n' && text[pos] != '\r') ++pos;
        if (pos >= n || text[pos] == '\n' || pos + 1 >= n || text[pos + 1] != '\n') return pos;
        ++pos; // CRLF: the LF ends the line
    }
}

/// Title abbreviations whose period belongs to the word ("Mr. Smith" is one name).
[[nodiscard]] inline bool is_title_abbreviation(std::string_view w) noexcept {
    constexpr std::string_view titles[] = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col",
                                           "Sgt", "Rev", "Prof", "St", "Jr", "Sr", "Capt", "Adm", "Cmdr",
                                           "Maj", "Pres", "Sens", "Reps", "Atty", "Supt", "Mt", "No"};
    for (auto t : titles)
        if (w == t) return true;
    return false;
}

/// Whether `c` is one of the quotation-mark characters the tokenizer knows.
[[nodiscard]] constexpr bool is_quotation_mark(char32_t c) noexcept {
    switch (c) {
    case '"': case '\'': case '`': case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB:
    case 0x2018: case 0x2019: case 0x201A: case 0x2039: case 0x203A: case 0x300C: case 0x300D: case 0x300E:
    case 0x300F: return true;
    default: return false;
    }
}

/// Adjacent quotation marks still delimit quotes up to three: a nested quote's closer and its
/// outer closer (’” '"), or NYT style ('''). A longer run encloses no word: one symbol.
inline constexpr std::size_t max_mark_run = 3;

/// The end of the run of quotation marks at `pos` when it is longer than max_mark_run, else `pos`.
[[nodiscard]] inline std::size_t long_mark_run_end(std::string_view text, std::size_t pos, std::size_t end) noexcept {
    std::size_t q = pos, marks = 0;
    while (q < end) {
        auto const b = static_cast<unsigned char>(text[q]);
        auto const d = b < 0x80 ? decoded{b, 1} : decode(text, q);
        if (!is_quotation_mark(d.cp)) break;
        q += d.length;
        ++marks;
    }
    return marks > max_mark_run ? q : pos;
}

/// Splits `text[from, end)`, the rest of the line `text[begin, end)`, into tokens appended to
/// `out` (a token's flags see the whole line, so a line tokenised in parts gives the tokens of
/// the whole). Once `budget` tokens are out it stops at the next sentence end (a terminal before
/// white space), or at twice the budget, before a token; it makes at least one token. Returns
/// where it stopped (`end` when it did not).
inline std::size_t tokenize_line_part(std::string_view text, std::size_t begin, std::size_t from, std::size_t end,
                                      std::vector<qtoken>& out, std::size_t budget) {
    auto is_word_at = [&](std::size_t p) noexcept {
        if (p >= end) return false;
        auto const b = static_cast<unsigned char>(text[p]);
        if (b < 0x80) return is_word_char(b);
        return is_word_char(decode(text, p).cp);
    };
    auto is_word_before = [&](std::size_t p) noexcept {
        if (p <= begin) return false;
        auto const b = static_cast<unsigned char>(text[p - 1]);
        if (b < 0x80) return is_word_char(b);
        return is_word_char(decode_before(text, p).cp);
    };
    auto opening_context = [&](std::size_t p) noexcept { // what may stand before an opening mark
        if (p <= begin) return true;
        auto const d = decode_before(text, p);
        auto const c = d.cp;
        return is_space(c) || c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 || c == 0x2015 ||
               c == '-' || c == '/' || c == 0x201C || c == 0x201E || c == 0x2018 || c == 0xAB || c == '"' ||
               c == 0x300C || c == 0x300E;
    };
    auto closing_context = [&](std::size_t p) noexcept { // what may follow a closing mark
        if (p >= end) return true;
        auto const d = decode(text, p);
        auto const c = d.cp;
        return is_space(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
               c == ']' || c == '}' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2026 || c == '-' ||
               c == 0x201D || c == 0x2019 || c == 0xBB || c == '"' || c == '\'' || c == '*' || c == 0x300D ||
               c == 0x300F;
    };
    std::size_t const first = out.size();
    std::size_t tokens_left = budget > 0 ? budget : 1; // counts the tokens pushed down to 0
    auto push_mark = [&](std::size_t b, std::size_t e, mark_glyph g) {
        qtoken t{b, e, qtok::mark, 0, g, 0};
        if (opening_context(b)) t.flags |= m_space_before;
        if (closing_context(e)) t.flags |= m_space_after;
        if (is_word_before(b)) t.flags |= m_word_before;
        if (is_word_at(e)) t.flags |= m_word_after;
        if (b > begin && text[b - 1] >= '0' && text[b - 1] <= '9') t.flags |= m_digit_before;
        out.push_back(t);
        --tokens_left;
    };
    auto push = [&](std::size_t b, std::size_t e, qtok k) {
        out.push_back(qtoken{b, e, k, 0, {}, 0});
        --tokens_left;
    };

    std::size_t p = from;
    while (p < end) {
        auto const b = static_cast<unsigned char>(text[p]);
        if (b <= ' ' && (b == ' ' || b == '\t' || b == '\r')) {
            ++p;
            continue;
        }
        if (tokens_left == 0) [[unlikely]] { // at a token's start, with the budget spent
            bool const sentence_end = out.back().kind == qtok::terminal && out.back().end < p; // white space between
            if (sentence_end || out.size() - first >= 2 * budget) return p;
            tokens_left = 1; // look again before the next token
        }
        if (b < 0x80 && (quote_byte_class[b] & qb_word)) {
            // The common word, ASCII letters and digits before white space or punctuation that
            // joins nothing: the general path below gives the same token, decoding each byte.
            std::size_t q = ascii_alnum_run_end(text, p + 1, end);
            std::size_t const after = q < end ? static_cast<unsigned char>(text[q]) : 0u;
            bool const period = after == '.';
            std::size_t const after_period = period && q + 1 < end ? static_cast<unsigned char>(text[q + 1]) : 0u;
            if (after < 0x80 && (period ? after_period < 0x80 && !(quote_byte_class[after_period] & qb_word)
                                        : !(quote_byte_class[after] & qb_joiner))) {
                auto const cls = quote_byte_class[b];
                bool const upper = (cls & qb_upper) != 0;
                // the period an initial or title keeps (see below); the word holds no joiner
                if (period && ((q == p + 1 && upper) || after_period == ',' ||
                               (q - p <= 4 && upper && is_title_abbreviation({text.data() + p, q - p}))))
                    ++q;
                auto const flags = static_cast<std::uint8_t>(w_ascii | (upper ? w_cap : (cls & qb_alpha) ? w_lower : w_digit));
                out.push_back(qtoken{p, q, qtok::word, flags, {}, word_hash({text.data() + p, q - p}, text.size() - p)});
                --tokens_left;
                p = q < end && text[q] == ' ' ? q + 1 : q; // (the space the loop would skip)
                continue;
            }
        }
        auto const d = b < 0x80 ? decoded{b, 1} : decode(text, p);
        auto const c = d.cp;
        std::size_t const next = p + d.length;
        if (is_word_char(c)) {
            // A word: letters/digits/marks, joined by inner apostrophes, hyphens and periods
            // (don’t, Russia-Ukraine, U.S.) and by a period after an initial or a title.
            std::size_t q = next;
            std::uint8_t flags = 0;
            bool ascii = c < 0x80;
            if (is_upper(c)) flags |= w_cap;
            else if (is_lower(c)) flags |= w_lower;
            else if (is_digit(c)) flags |= w_digit;
            bool has_period = false;
            auto single_letter = [&] { return q == next && is_letter(c); }; // the word so far is one letter
            while (q < end) {
                auto const qb = static_cast<unsigned char>(text[q]);
                if (qb < 0x80) { // ASCII fast path: one table lookup per byte
                    auto const f = quote_byte_class[qb];
                    if (f & qb_word) {
                        q = ascii_alnum_run_end(text, q + 1, end);
                        continue;
                    }
                    if (!(f & qb_joiner)) break;
                }
                auto const qd = qb < 0x80 ? decoded{qb, 1} : decode(text, q);
                if (qd.cp >= 0x80 && is_word_char(qd.cp)) {
                    ascii = false;
                    q += qd.length;
                    continue;
                }
                bool const joiner = qd.cp == '\'' || qd.cp == 0x2019 || qd.cp == '-' || qd.cp == 0x2011 ||
                                    qd.cp == '.' || qd.cp == '&';
                if (joiner && is_word_at(q + qd.length)) {
                    // a period or ampersand joins only initialisms: U.S., A&M
                    if ((qd.cp == '.' || qd.cp == '&') && !single_letter() && !has_period) break;
                    has_period = has_period || qd.cp == '.';
                    if (qd.cp >= 0x80) ascii = false;
                    q += qd.length;
                    continue;
                }
                break;
            }
            // a period after an initial ("E.") or inside/after an initialism ("U.S.") or a title
            if (q < end && text[q] == '.') {
                std::string_view const w(text.data() + p, q - p);
                bool const initial = q == next && is_upper(c);
                bool const before_comma = q + 1 < end && text[q + 1] == ','; // "R-Ky., said"
                if (initial || has_period || before_comma || (w.size() <= 4 && is_upper(c) && is_title_abbreviation(w))) ++q;
            }
            std::string_view const w(text.data() + p, q - p);
            if (w.size() > 2 && w.back() == 's' &&
                (w[w.size() - 2] == '\'' || (w.size() >= 4 && w.substr(w.size() - 4, 3) == "\xE2\x80\x99")))
                flags |= w_possessive;
            if (ascii) flags |= w_ascii;
            out.push_back(qtoken{p, q, qtok::word, flags, {}, word_hash(w, text.size() - p)});
            --tokens_left;
            p = q;
            continue;
        }
        if (is_quotation_mark(c)) {
            if (auto const run_end = long_mark_run_end(text, p, end); run_end != p) {
                push(p, run_end, qtok::other);
                p = run_end;
                continue;
            }
        }
        switch (c) {
        case ',': push(p, next, qtok::comma); break;
        case '.':
            if (next + 1 < end && text[next] == '.' && text[next + 1] == '.') {
                push(p, next + 2, qtok::ellipsis);
                p = next + 2;
                continue;
            }
            push(p, next, qtok::terminal);
            break;
        case '!': case '?': push(p, next, qtok::terminal); break;
        case ':': push(p, next, qtok::colon); break;
        case ';': push(p, next, qtok::semicolon); break;
        case '(': case '[': case '{': push(p, next, qtok::open_paren); break;
        case ')': case ']': case '}': push(p, next, qtok::close_paren); break;
        case 0x2026: push(p, next, qtok::ellipsis); break;
        case 0x2014: case 0x2013: case 0x2015: push(p, next, qtok::dash); break;
        case '-':
            if (next < end && text[next] == '-') { // "--" as a dash
                push(p, next + 1, qtok::dash);
                p = next + 1;
                continue;
            }
            push(p, next, (p == begin || is_space(decode_before(text, p).cp)) ? qtok::dash : qtok::other);
            break;
        case '"': push_mark(p, next, mark_glyph::straight_double); break;
        case 0x201C: push_mark(p, next, mark_glyph::left_double); break;
        case 0x201D: push_mark(p, next, mark_glyph::right_double); break;
        case 0x201E: push_mark(p, next, mark_glyph::low_double); break;
        case 0x201F: push_mark(p, next, mark_glyph::reversed_double); break;
        case 0xAB: push_mark(p, next, mark_glyph::left_guillemet); break;
        case 0xBB: push_mark(p, next, mark_glyph::right_guillemet); break;
        case 0x300C: case 0x300E: push_mark(p, next, mark_glyph::left_corner); break;
        case 0x300D: case 0x300F: push_mark(p, next, mark_glyph::right_corner); break;
        case 0x2018: push_mark(p, next, mark_glyph::left_single); break;
        case 0x2019: push_mark(p, next, mark_glyph::right_single); break;
        case 0x201A: push_mark(p, next, mark_glyph::low_single); break;
        case 0x2039: push_mark(p, next, mark_glyph::left_angle); break;
        case 0x203A: push_mark(p, next, mark_glyph::right_angle); break;
        case '`':
            if (next < end && text[next] == '`') {
                push_mark(p, next + 1, mark_glyph::backticks);
                p = next + 1;
                continue;
            }
            push_mark(p, next, mark_glyph::backtick);
            break;
        case '\'':
            if (next < end && text[next] == '\'') {
                push_mark(p, next + 1, mark_glyph::two_apostrophes);
                p = next + 1;
                continue;
            }
            push_mark(p, next, mark_glyph::straight_single);
            break;
        default:
            if (c == replacement_char && d.length == 1) { // a run of invalid bytes is one symbol
                auto const run_end = invalid_run_end(text, next, end);
                push(p, run_end, qtok::other);
                p = run_end;
                continue;
            }
            if (!is_space(c)) push(p, next, qtok::other);
            break;
        }
        p = next;
    }
    return end;
}

/// Splits `text[begin, end)` (one line) into tokens appended to `out`.
inline void tokenize_line(std::string_view text, std::size_t begin, std::size_t end, std::vector<qtoken>& out) {
    (void)tokenize_line_part(text, begin, begin, end, out, static_cast<std::size_t>(-1));
}

} // namespace detail
BYLINE_END_NAMESPACE
