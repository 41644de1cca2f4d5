#pragma once
// The sentence boundary scanner: a byte loop that jumps between candidate bytes (terminators,
// line breaks, the lead bytes of the policy's non-ASCII glyphs) and decides each candidate with
// bounded look-behind (never before the sentence start) and bounded look-ahead (`window` bytes).
// That makes a boundary a pure function of the text from the sentence start, which is what lets
// sentence_stream give exactly the same sentences as a whole-text split.
#include <byline/detail/ascii_swar.hpp>
#include <byline/detail/sentence_abbreviation.hpp>
#include <byline/detail/utf8.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>

#if defined(__SSE2__)
#  include <emmintrin.h>
#endif

BYLINE_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t sentence_need_more = static_cast<std::size_t>(-1);

template <class Range>
[[nodiscard]] constexpr bool has_word(Range const& r, std::string_view w) noexcept {
    for (std::string_view x : r)
        if (x == w) return true;
    return false;
}

[[nodiscard]] constexpr unsigned char utf8_lead_byte(char32_t cp) noexcept {
    if (cp < 0x80) return static_cast<unsigned char>(cp);
    if (cp < 0x800) return static_cast<unsigned char>(0xC0 | (cp >> 6));
    if (cp < 0x10000) return static_cast<unsigned char>(0xE0 | (cp >> 12));
    return static_cast<unsigned char>(0xF0 | (cp >> 18));
}

[[nodiscard]] constexpr bool ascii_upper(unsigned char c) noexcept { return c >= 'A' && c <= 'Z'; }
[[nodiscard]] constexpr bool ascii_lower_letter(unsigned char c) noexcept { return c >= 'a' && c <= 'z'; }
/// One comparison, not two ranges tested in turn (a data-dependent branch on every letter's case).
[[nodiscard]] constexpr bool ascii_letter(unsigned char c) noexcept { return static_cast<unsigned>((c | 0x20) - 'a') < 26u; }
[[nodiscard]] constexpr bool ascii_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }

/// The code point at `i` (< text.size()): ASCII and valid 2- and 3-byte sequences inline, the
/// rest (4-byte and invalid) through detail::decode, with the same result.
[[nodiscard]] inline decoded code_point_at(std::string_view text, std::size_t i) noexcept {
    auto const b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) return {b, 1};
    if (b >= 0xC2 && b < 0xE0 && i + 1 < text.size()) {
        auto const c1 = static_cast<unsigned char>(text[i + 1]);
        if ((c1 & 0xC0) == 0x80) return {static_cast<char32_t>(((b & 0x1Fu) << 6) | (c1 & 0x3Fu)), 2};
    } else if (b >= 0xE0 && b < 0xF0 && i + 2 < text.size()) {
        auto const c1 = static_cast<unsigned char>(text[i + 1]);
        auto const c2 = static_cast<unsigned char>(text[i + 2]);
        if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
            auto const cp = static_cast<char32_t>(((b & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu));
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
        }
    }
    return decode(text, i);
}

/// A policy's glyph list with an ASCII table, so membership of ASCII bytes needs no search.
template <std::size_t N>
struct glyph_set {
    std::array<bool, 128> ascii{};
    std::array<char32_t, N> all{};

    [[nodiscard]] constexpr bool contains(char32_t cp) const noexcept {
        if (cp < 128) return ascii[cp];
        for (char32_t c : all)
            if (c == cp) return true;
        return false;
    }
    /// Byte length of a member at `i` (0 if none), within [i, limit).
    [[nodiscard]] std::size_t at(std::string_view text, std::size_t i, std::size_t limit) const noexcept {
        if (i >= limit) return 0;
        auto const b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) return ascii[b] ? 1 : 0;
        auto const d = code_point_at(text, i);
        return (i + d.length <= limit && contains(d.cp)) ? d.length : 0;
    }
};

template <class Array>
[[nodiscard]] constexpr auto make_glyph_set(Array const& glyphs) noexcept {
    glyph_set<std::tuple_size_v<Array>> set;
    for (std::size_t k = 0; k < glyphs.size(); ++k) {
        set.all[k] = glyphs[k];
        if (glyphs[k] < 128) set.ascii[glyphs[k]] = true;
    }
    return set;
}

[[nodiscard]] constexpr bool is_line_break(unsigned char c) noexcept { return c == '\n' || c == '\r'; }

/// Bit per ASCII white-space byte: space, tab to carriage return.
inline constexpr std::uint64_t ascii_blanks = std::uint64_t{1} << ' ' | std::uint64_t{0x1F} << '\t';

/// Byte length of the white-space character at `i` (0 if none). NBSP and the Unicode spaces count.
[[nodiscard]] inline std::size_t space_length(std::string_view text, std::size_t i, std::size_t limit) noexcept {
    if (i >= limit) return 0;
    auto const b = static_cast<unsigned char>(text[i]);
    // ASCII: a bit test, not a chain of comparisons (each a data-dependent branch)
    if (b < 0x80) return b < 64 ? static_cast<std::size_t>((ascii_blanks >> b) & 1u) : 0;
    if (b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3) return 0;
    auto const d = decode(text, i);
    return (i + d.length <= limit && is_space(d.cp)) ? d.length : 0;
}

/// The numbering of a list item and the marker that continues the list.
struct list_marker {
    std::size_t end = 0;       ///< just after the marker (0: no marker)
    std::array<char, 8> next{}; ///< the following marker, e.g. "2." for "1.", "(c)" for "(b)"
    std::array<char, 8> alt{};  ///< for "i", "v", "x": the letter successor besides the roman one
    std::uint8_t next_size = 0;
    std::uint8_t alt_size = 0;
    bool first = false;         ///< "1", "a", "A", "i": an item that (re)starts a list
    [[nodiscard]] constexpr std::string_view successor() const noexcept { return {next.data(), next_size}; }
    [[nodiscard]] constexpr std::string_view alternative() const noexcept { return {alt.data(), alt_size}; }
};

/// How many of the 8 bytes of `word` (in text order) are ASCII letters or digits before the first
/// that is not.
[[nodiscard]] constexpr std::size_t alnum_prefix(std::uint64_t word) noexcept {
    return static_cast<std::size_t>(std::countr_zero(~ascii_alnum8(word) & 0x8080808080808080ull)) / 8;
}

inline constexpr std::array<std::string_view, 12> roman_numerals{"i", "ii", "iii", "iv", "v", "vi", "vii",
                                                                 "viii", "ix", "x", "xi", "xii"};

/// The rest of read_enumerator, for a label [label_begin, j) followed by '.' or ')' at j.
[[gnu::noinline]] constexpr list_marker read_enumerator_label(std::string_view text, bool paren, std::size_t label_begin,
                                                           std::size_t j, std::size_t limit) noexcept {
    list_marker m;
    std::string_view const label = text.substr(label_begin, j - label_begin);
    bool const digits = std::all_of(label.begin(), label.end(), [](char c) { return ascii_digit(static_cast<unsigned char>(c)); });
    bool const roman = has_word(roman_numerals, label);
    bool const letter = label.size() == 1 && ascii_letter(static_cast<unsigned char>(label[0]));
    bool const upper = letter && ascii_upper(static_cast<unsigned char>(label[0]));
    if (!(digits && label.size() <= 2) && !roman && !letter) return m;
    std::string_view suffix;
    if (paren) {
        if (text[j] != ')') return m;
        suffix = ")";
    } else if (text.substr(j, 2) == ".)") {
        suffix = ".)";
    } else if (text[j] == ')') {
        suffix = ")";
    } else if (text[j] == '.') {
        if (upper) return m; // "L. Ron Hubbard": an initial, not an item
        suffix = ".";
    } else {
        return m;
    }
    std::size_t const end = j + suffix.size();
    // Followed by horizontal space and then something to say.
    if (end >= limit || (text[end] != ' ' && text[end] != '\t')) return m;
    std::size_t k = end;
    while (k < limit && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k >= limit || is_line_break(static_cast<unsigned char>(text[k]))) return m;

    // The successor label (and for a one-letter roman numeral, the next letter too).
    std::array<char, 4> next_label{};
    std::size_t next_size = 0;
    char alt_label = 0;
    if (digits) {
        unsigned value = 0;
        for (char c : label) value = value * 10 + static_cast<unsigned>(c - '0');
        ++value;
        if (value >= 100) return m;
        if (value >= 10) next_label[next_size++] = static_cast<char>('0' + value / 10);
        next_label[next_size++] = static_cast<char>('0' + value % 10);
    } else if (roman) {
        std::size_t r = 0;
        while (roman_numerals[r] != label) ++r;
        if (r + 1 >= roman_numerals.size()) return m;
        for (char c : roman_numerals[r + 1]) next_label[next_size++] = c;
        if (label.size() == 1) alt_label = static_cast<char>(label[0] + 1);
    } else {
        if (label[0] == 'z' || label[0] == 'Z') return m;
        next_label[next_size++] = static_cast<char>(label[0] + 1);
    }
    m.end = end;
    m.first = label == "1" || label == "a" || label == "A" || label == "i";
    std::size_t n = 0;
    if (paren) m.next[n++] = '(';
    for (std::size_t x = 0; x < next_size; ++x) m.next[n++] = next_label[x];
    for (char c : suffix) m.next[n++] = c;
    m.next_size = static_cast<std::uint8_t>(n);
    if (alt_label != 0) {
        n = 0;
        if (paren) m.alt[n++] = '(';
        m.alt[n++] = alt_label;
        for (char c : suffix) m.alt[n++] = c;
        m.alt_size = static_cast<std::uint8_t>(n);
    }
    return m;
}

/// Reads an enumerator at `i`: "1." "1)" "1.)" "(1)" "a." "a)" "(a)" "A)" "(A)" "iv)" "(iv)",
/// followed by white space and more text. Returns end == 0 when there is none.
[[nodiscard]] constexpr list_marker read_enumerator(std::string_view text, std::size_t i, std::size_t limit) noexcept {
    bool const paren = i < limit && text[i] == '(';
    std::size_t const label_begin = i + (paren ? 1 : 0);
    // Most words fail here, inline: a label is 1 to 4 characters followed by '.' or ')'.
    std::size_t j = label_begin;
    if constexpr (std::endian::native == std::endian::little) {
        if (!std::is_constant_evaluated() && label_begin + 8 <= text.size()) {
            // The label's length from 8 bytes at once, not a loop exiting at each word's length.
            std::uint64_t word;
            std::memcpy(&word, text.data() + label_begin, 8);
            std::size_t const label = alnum_prefix(word);
            auto const after = static_cast<unsigned char>(word >> (8 * std::min<std::size_t>(label, 5)));
            j = label_begin + label;
            if ((label - 1 >= 4) | (j >= limit) | ((after != '.') & (after != ')'))) return {};
            return read_enumerator_label(text, paren, label_begin, j, limit);
        }
    }
    // fewer than 8 bytes left, or at compile time: byte by byte
    while (j < limit && j - label_begin < 5 && (ascii_digit(static_cast<unsigned char>(text[j])) ||
                                                ascii_letter(static_cast<unsigned char>(text[j]))))
        ++j;
    if (j == label_begin || j - label_begin > 4 || j >= limit || (text[j] != '.' && text[j] != ')')) return {};
    return read_enumerator_label(text, paren, label_begin, j, limit);
}

/// Progress through one sentence, so that a streamed scan resumes where it stopped instead of
/// starting over (which would cost quadratic time when a long sentence arrives in small chunks).
struct sentence_scan {
    std::size_t skipped = 0;      ///< leading white space is skipped up to here
    bool line_start = true;       ///< the sentence starts a line (document start, or a break before it)
    bool content_found = false;   ///< `content` is set
    std::size_t content = 0;      ///< the first byte that is not white space
    bool resume_set = false;      ///< `resume` is set
    std::size_t resume = 0;       ///< candidates before this one are decided (no boundary)

    /// A new sentence at `start`.
    constexpr void restart(std::size_t start, bool at_document_start) noexcept {
        *this = sentence_scan{};
        skipped = start;
        line_start = at_document_start;
    }
    /// The text lost its first `bytes` (a stream dropping what it emitted).
    constexpr void shift(std::size_t bytes) noexcept {
        skipped -= bytes;
        if (content_found) content -= bytes;
        if (resume_set) resume -= bytes;
    }
};

/// Decides sentence boundaries for one policy. `extra` holds run-time abbreviations (may be empty).
template <class Policy>
class sentence_scanner {
public:
    /// Bytes of look-ahead a decision may read past its candidate.
    static constexpr std::size_t window = 256;

    sentence_scanner(std::string_view text, bool final, std::span<abbreviation const> extra) noexcept
        : text_(text), final_(final), extra_(extra) {}

    /// Where the sentence being scanned ends (the next one starts there, untrimmed), or
    /// sentence_need_more when a streamed text needs more bytes to decide; `scan` then records
    /// the progress for the next call on the extended text.
    [[nodiscard]] std::size_t next_boundary(sentence_scan& scan) const noexcept {
        std::size_t const n = text_.size();
        if (!scan.content_found) {
            std::size_t s = scan.skipped;
            while (s < n) {
                auto const len = space_length(text_, s, n);
                if (len == 0) break;
                if (is_line_break(static_cast<unsigned char>(text_[s]))) scan.line_start = true;
                s += len;
            }
            scan.skipped = s;
            if (s >= n) return final_ ? n : sentence_need_more;
            if (!final_ && s + window > n) return sentence_need_more;
            scan.content = s;
            scan.content_found = true;
        }
        std::size_t const s = scan.content;

        // A list item: its marker is not a sentence end, and the next marker starts a new item.
        std::size_t pos = s;
        list_marker const item = leading_marker(s, scan.line_start, &pos);
        bool const list_active = item.end != 0;

        for (std::size_t i = scan.resume_set ? scan.resume : pos;;) {
            i = find_candidate(i, list_active);
            // A stream decides only with a byte past the window: a whole text ending exactly at
            // the window's end is at_end(), a stream that may go on is not.
            if (!final_ && i + window >= n) {
                scan.resume = i;
                scan.resume_set = true;
                return sentence_need_more;
            }
            if (i >= n) return n;
            std::size_t const limit = std::min(n, i + window);
            std::size_t resume = i + 1;
            std::size_t const b = decide(s, i, limit, item, resume);
            if (b != npos) return b;
            i = resume;
        }
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    enum class next_kind : std::uint8_t { end, upper, lower, digit, stop, other, list_item };

    /// What follows a terminator: where the sentence ends and how the next text starts.
    struct following {
        std::size_t end = 0;       ///< after the terminator and its closing marks/footnotes
        next_kind kind = next_kind::end;
        std::size_t word = 0;      ///< first letter of the next word (kind upper/lower)
        bool possessive = false;   ///< "Jr.'s", "U.N.’s": no boundary at all
        bool no_space = false;     ///< something other than white space follows directly
        bool closed = false;       ///< a closing mark followed the terminator
        bool opened = false;       ///< an opening mark precedes the next word
        bool dash = false;         ///< a dash precedes the next word
    };

    static constexpr std::array<bool, 256> make_candidates() noexcept {
        std::array<bool, 256> t{};
        t['\n'] = t['\r'] = true;
        auto add = [&t](auto const& glyphs) {
            for (char32_t c : glyphs) t[utf8_lead_byte(c)] = true;
        };
        add(Policy::full_stops);
        add(Policy::strong_stops);
        add(Policy::unconditional_stops);
        add(Policy::ellipses);
        add(Policy::bullets);
        return t;
    }
    static constexpr std::array<bool, 256> candidates_ = make_candidates();
    static constexpr auto full_stops_ = make_glyph_set(Policy::full_stops);
    static constexpr auto strong_stops_ = make_glyph_set(Policy::strong_stops);
    static constexpr auto unconditional_stops_ = make_glyph_set(Policy::unconditional_stops);
    static constexpr auto ellipses_ = make_glyph_set(Policy::ellipses);
    static constexpr auto closing_marks_ = make_glyph_set(Policy::closing_marks);
    static constexpr auto opening_marks_ = make_glyph_set(Policy::opening_marks);
    static constexpr auto dashes_ = make_glyph_set(Policy::dashes);
    static constexpr auto bullets_ = make_glyph_set(Policy::bullets);
    static constexpr auto line_bullets_ = make_glyph_set(Policy::line_bullets);

    static constexpr auto abbreviation_index_ =
        abbreviation_index<std::size(Policy::abbreviation_table)>::build(std::span<abbreviation const>(Policy::abbreviation_table));

    /// The candidate bytes (ASCII and UTF-8 lead bytes), for the SIMD scan.
    struct candidate_list {
        std::array<unsigned char, 8> bytes{};
        std::size_t size = 0;
        bool fits = true;
    };
    static constexpr candidate_list make_candidate_list() noexcept {
        candidate_list list;
        for (std::size_t b = 0; b < 256; ++b) {
            if (!candidates_[b]) continue;
            if (list.size == list.bytes.size()) list.fits = false;
            else list.bytes[list.size++] = static_cast<unsigned char>(b);
        }
        return list;
    }
    static constexpr candidate_list candidate_list_ = make_candidate_list();
    /// Whether no candidate glyph lies in U+2010..U+201F (dashes and curly quotes, E2 80 9x):
    /// then the SIMD scan passes over those, the most frequent non-ASCII characters of news text,
    /// instead of handing each to decide().
    static constexpr bool quotes_are_no_candidates() noexcept {
        bool none = true;
        auto check = [&none](auto const& glyphs) {
            for (char32_t c : glyphs) none = none && !(c >= 0x2010 && c <= 0x201F);
        };
        check(Policy::full_stops);
        check(Policy::strong_stops);
        check(Policy::unconditional_stops);
        check(Policy::ellipses);
        check(Policy::bullets);
        return none;
    }

    /// Whether a space, a line feed and the ASCII letters can only be plain text to look_ahead: no
    /// glyph list it consults holds them.
    static constexpr bool plain_follower() noexcept {
        for (unsigned char c = 0; c < 128; ++c) {
            if (c != ' ' && c != '\n' && !ascii_letter(c)) continue;
            for (auto const* set : {&closing_marks_.ascii, &opening_marks_.ascii, &dashes_.ascii, &bullets_.ascii,
                                    &full_stops_.ascii, &strong_stops_.ascii, &ellipses_.ascii, &unconditional_stops_.ascii})
                if ((*set)[c]) return false;
        }
        return true;
    }

    [[nodiscard]] std::size_t find_candidate(std::size_t i, bool list_active) const noexcept {
        auto const* const p = reinterpret_cast<unsigned char const*>(text_.data());
        std::size_t const n = text_.size();
        if (list_active) {
            while (i < n && !candidates_[p[i]] && p[i] != ' ' && p[i] != '\t') ++i;
            return i;
        }
#if defined(__SSE2__)
        if constexpr (candidate_list_.fits) {
            // 16 bytes at a time, compared with every candidate byte: the first hit is the
            // answer (no per-byte check of the other non-ASCII bytes, a data-dependent loop)
            while (i + 18 <= n) {
                __m128i const block = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i));
                __m128i hits = _mm_setzero_si128();
                for (std::size_t k = 0; k < candidate_list_.size; ++k)
                    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(candidate_list_.bytes[k]))));
                if constexpr (quotes_are_no_candidates()) {
                    __m128i const second = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i + 1));
                    __m128i const third = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i + 2));
                    __m128i const quote = _mm_and_si128(
                        _mm_and_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(0xE2))),
                                      _mm_cmpeq_epi8(second, _mm_set1_epi8(static_cast<char>(0x80)))),
                        _mm_cmpeq_epi8(_mm_and_si128(third, _mm_set1_epi8(static_cast<char>(0xF0))),
                                       _mm_set1_epi8(static_cast<char>(0x90))));
                    hits = _mm_andnot_si128(quote, hits);
                }
                if (auto const bits = static_cast<unsigned>(_mm_movemask_epi8(hits)); bits != 0)
                    return i + static_cast<std::size_t>(__builtin_ctz(bits));
                i += 16;
            }
        }
#endif
        while (i + 4 <= n) {
            if (candidates_[p[i]]) return i;
            if (candidates_[p[i + 1]]) return i + 1;
            if (candidates_[p[i + 2]]) return i + 2;
            if (candidates_[p[i + 3]]) return i + 3;
            i += 4;
        }
        while (i < n && !candidates_[p[i]]) ++i;
        return i;
    }

    [[nodiscard]] unsigned char byte(std::size_t i) const noexcept { return static_cast<unsigned char>(text_[i]); }

    /// The end of the whole text (never true of a streamed text that may go on).
    [[nodiscard]] bool at_end(std::size_t i) const noexcept { return final_ && i >= text_.size(); }

    [[nodiscard]] bool is_space_before(std::size_t i, std::size_t start) const noexcept {
        if (i <= start) return true;
        auto const b = byte(i - 1);
        if (b < 0x80) return b == ' ' || (b >= '\t' && b <= '\r');
        return is_space(decode_before(text_, i).cp);
    }

    [[nodiscard]] bool is_stop_glyph(std::size_t i, std::size_t limit) const noexcept {
        return full_stops_.at(text_, i, limit) || strong_stops_.at(text_, i, limit) ||
               ellipses_.at(text_, i, limit) || unconditional_stops_.at(text_, i, limit);
    }

    /// The marker that opens the sentence at `s`, if any; *content is set after it.
    [[nodiscard]] list_marker leading_marker(std::size_t s, bool line_start, std::size_t* content) const noexcept {
        std::size_t const limit = std::min(text_.size(), s + window);
        std::size_t i = s;
        std::size_t bullet = bullets_.at(text_, i, limit);
        if (bullet == 0 && line_start) {
            bullet = line_bullets_.at(text_, i, limit);
            if (bullet != 0 && space_length(text_, i + bullet, limit) == 0) bullet = 0;
        }
        list_marker m;
        if (bullet != 0) {
            i += bullet;
            while (i < limit && (text_[i] == ' ' || text_[i] == '\t')) ++i;
            m.end = i; // a bulleted item: mid-line bullets split on their own
            m.next_size = 0;
        }
        if (auto const e = read_enumerator(text_, i, limit); e.end != 0) m = e;
        *content = m.end != 0 ? m.end : s;
        if (m.next_size == 0) m.end = 0; // only numbered items continue by searching for the next marker
        return m;
    }

    [[nodiscard]] std::size_t decide(std::size_t s, std::size_t i, std::size_t limit, list_marker const& item,
                                     std::size_t& resume) const noexcept {
        auto const b = byte(i);
        if (b == ' ' || b == '\t') { // list mode: "1. The first item 2. The second item"
            std::size_t j = i;
            while (j < limit && (text_[j] == ' ' || text_[j] == '\t')) ++j;
            resume = j;
            auto const next = read_enumerator(text_, j, limit);
            if (next.end == 0) return npos;
            std::string_view const rest = text_.substr(j);
            if (rest.starts_with(item.successor()) || (item.alt_size != 0 && rest.starts_with(item.alternative())) ||
                next.first)
                return j; // the next item, or a new list
            return npos;
        }
        if (b == '\n' || b == '\r') return line_break(s, i, limit, resume);
        if (b == '.') return unless_quoted(s, i, limit, period(s, i, limit, resume));
        auto const d = code_point_at(text_, i);
        resume = i + d.length;
        if (full_stops_.contains(d.cp)) return unless_quoted(s, i, limit, period(s, i, limit, resume));
        if (strong_stops_.contains(d.cp)) return unless_quoted(s, i, limit, strong_stop(s, i, limit, resume));
        if (ellipses_.contains(d.cp))
            return unless_quoted(s, i, limit, ellipsis(s, i, i + d.length, limit, resume));
        if (unconditional_stops_.contains(d.cp)) {
            std::size_t e = i + d.length;
            while (std::size_t const len = is_stop_glyph(e, limit) ? code_point_at(text_, e).length : 0) e += len;
            while (std::size_t const len = closing_marks_.at(text_, e, limit)) e += len;
            return e;
        }
        if (bullets_.contains(d.cp)) return (i > s && is_space_before(i, s)) ? i : npos;
        return npos;
    }

    enum class quote_role : std::uint8_t { none, opening, closing };

    /// Whether the quote mark at `j` (of `len` bytes) opens or closes: by the characters around it.
    [[nodiscard]] quote_role role_of_quote(std::size_t s, std::size_t j, std::size_t len, std::size_t limit) const noexcept {
        auto const cp = code_point_at(text_, j).cp;
        bool const space_before = is_space_before(j, s) || (j > s && opening_marks_.at(text_, j - 1, j));
        bool const letter_after = j + len < limit && is_word_char(code_point_at(text_, j + len).cp);
        // ’ before a word is an elision ("’cause"), and ” opens only a sentence, typed the wrong way round.
        bool const can_open = cp != U'\u2019' && (cp != U'\u201D' || j == s);
        if (space_before && letter_after) return can_open ? quote_role::opening : quote_role::none;
        if (!space_before && !letter_after) return quote_role::closing;
        return quote_role::none; // an apostrophe ("don't") or a stray mark
    }

    /// Whether one of the 8 bytes at `j` is '"', '\'' or 0xE2 (the zero-byte test on each xor).
    [[nodiscard]] bool may_hold_quote_mark(std::size_t j) const noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101u;
        std::uint64_t word;
        std::memcpy(&word, text_.data() + j, 8);
        auto const zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & ones * 0x80; };
        return (zero_byte(word ^ ones * '"') | zero_byte(word ^ ones * '\'') | zero_byte(word ^ ones * 0xE2)) != 0;
    }

    [[nodiscard]] static constexpr bool is_quote_mark(char32_t cp) noexcept {
        return cp == U'"' || cp == U'\'' || cp == U'\u201C' || cp == U'\u201D' || cp == U'\u2018' || cp == U'\u2019';
    }

    /// Two kinds of quotation no longer than the look-ahead window keep their terminators inside
    /// the sentence:
    /// - one that opens in lowercase inside a sentence ('says "many schools will quit. Then ..."'),
    ///   when the policy asks for it;
    /// - one that is the whole sentence and is followed by a dash and its source, as an epigraph
    ///   ('"So far, it's 1-0. But it's a long game." - Matthew Ingram').
    [[nodiscard]] std::size_t unless_quoted(std::size_t s, std::size_t i, std::size_t limit, std::size_t b) const noexcept {
        if (b == npos || i - s > 2048) return b;
        // Without the lowercase rule only a sentence that opens with a quote mark can qualify.
        bool const opens_quoted = is_quote_mark(code_point_at(text_, s).cp);
        if (!Policy::lowercase_quotations_continue && !(Policy::attributed_quotations_continue && opens_quoted)) return b;
        return quoted_boundary(s, i, limit, b);
    }

    /// unless_quoted for a sentence that may hold such a quotation (out of line: most have none).
    [[gnu::noinline]] std::size_t quoted_boundary(std::size_t s, std::size_t i, std::size_t limit, std::size_t b) const noexcept {
        std::size_t open = npos;
        // A quote mark starts with '"', '\'' or 0xE2, which no continuation byte equals: the other
        // bytes are passed 8 at a time, then one at a time.
        for (std::size_t j = s; j < i;) {
            if (j + 8 <= i && !may_hold_quote_mark(j)) {
                j += 8;
                continue;
            }
            auto const c = byte(j);
            if (c != '"' && c != '\'' && c != 0xE2) {
                ++j;
                continue;
            }
            auto const d = code_point_at(text_, j);
            if (is_quote_mark(d.cp)) {
                auto const role = role_of_quote(s, j, d.length, limit);
                if (role == quote_role::opening) open = j;
                else if (role == quote_role::closing) open = npos;
            }
            j += d.length;
        }
        if (open == npos) return b;
        std::size_t const first = open + code_point_at(text_, open).length;
        bool const lowercase = Policy::lowercase_quotations_continue && open != s && is_space_before(open, s) &&
                               first < limit && is_lower(code_point_at(text_, first).cp);
        bool const whole = Policy::attributed_quotations_continue && open == s;
        if (!lowercase && !whole) return b;
        for (std::size_t j = i; j < b;) { // closed by this very terminator: '... the world."'
            auto const d = code_point_at(text_, j);
            if (is_quote_mark(d.cp) && role_of_quote(s, j, d.length, limit) == quote_role::closing)
                return (whole && epigraph_source(j + d.length, limit)) ? npos : b;
            j += d.length;
        }
        for (std::size_t j = b; j < limit && !is_line_break(byte(j));) {
            auto const d = code_point_at(text_, j);
            j += d.length;
            if (!is_quote_mark(d.cp) || role_of_quote(s, j - d.length, d.length, limit) != quote_role::closing) continue;
            // Only a quotation no longer than the look-ahead is kept whole: then every terminator
            // inside it sees the closing mark, and a long one is split throughout, not in part.
            if (j - open > window) return b;
            if (lowercase) return npos;
            return epigraph_source(j, limit) ? npos : b;
        }
        return b;
    }

    /// After a quotation closing at `j`: its source, as a dash and a capitalised name ("- Matthew
    /// Ingram"), or as a capitalised line that ends its paragraph unterminated ("Anonymous blogger,
    /// \"Anon declares war\"").
    [[nodiscard]] bool epigraph_source(std::size_t j, std::size_t limit) const noexcept {
        std::size_t k = j;
        while (std::size_t const len = closing_marks_.at(text_, k, limit)) k += len;
        std::size_t const spaces = k;
        while (k < limit && !is_line_break(byte(k)))
            if (std::size_t const len = space_length(text_, k, limit)) k += len;
            else break;
        if (k >= limit || is_line_break(byte(k))) return false;
        if (dashes_.at(text_, k, limit) != 0) { // '.” ― Sonya Herridge', '.”― Pamela Padilla'
            while (std::size_t const len = dashes_.at(text_, k, limit)) k += len;
            if (space_length(text_, k, limit) == 0) return false;
            while (std::size_t const len = space_length(text_, k, limit)) k += len;
            return k < limit && is_upper(code_point_at(text_, k).cp);
        }
        if (k == spaces || !is_upper(code_point_at(text_, k).cp)) return false;
        for (; k < limit; ++k) {
            if (is_stop_glyph(k, limit)) return false;
            if (is_line_break(byte(k))) {
                std::size_t m = k + 1;
                while (m < limit && space_length(text_, m, limit) != 0 && !is_line_break(byte(m))) ++m;
                return at_end(m) || (m < limit && is_line_break(byte(m))); // a blank line follows
            }
        }
        return at_end(k);
    }

    [[nodiscard]] std::size_t line_break(std::size_t s, std::size_t i, std::size_t limit, std::size_t& resume) const noexcept {
        std::size_t const after = i + ((text_[i] == '\r' && i + 1 < limit && text_[i + 1] == '\n') ? 2 : 1);
        resume = after;
        std::size_t j = after;
        while (j < limit) {
            if (is_line_break(byte(j))) return i; // a blank line
            auto const len = space_length(text_, j, limit);
            if (len == 0) break;
            j += len;
        }
        if (j >= limit) return i;
        if (!Policy::line_break_ends_sentence) return npos;
        bool const soft_wrap = i > s && (text_[i - 1] == ' ' || text_[i - 1] == '\t');
        if (!soft_wrap) return i;
        // A wrapped line continues unless the next one starts like a sentence or an item.
        if (bullets_.at(text_, j, limit) || line_bullets_.at(text_, j, limit) ||
            read_enumerator(text_, j, limit).end != 0)
            return i;
        std::size_t k = j;
        while (std::size_t const len = opening_marks_.at(text_, k, limit)) k += len;
        if (k < limit && is_upper(code_point_at(text_, k).cp)) return i;
        return npos;
    }

    /// Length of a closing mark at `j`; an opening quote glued to a terminator and followed by white
    /// space closes too ("decision.“ However").
    [[nodiscard]] std::size_t closing_at(std::size_t j, std::size_t limit) const noexcept {
        if (std::size_t const len = closing_marks_.at(text_, j, limit)) return len;
        std::size_t const len = opening_marks_.at(text_, j, limit);
        return (len != 0 && (j + len >= limit || space_length(text_, j + len, limit) != 0)) ? len : 0;
    }

    /// Skips the closing marks and footnote marks after a terminator, then looks at the next word.
    [[nodiscard]] following look_ahead(std::size_t e, std::size_t limit) const noexcept {
        following f;
        if constexpr (plain_follower()) {
            // The commonest followers, one space and a letter or a paragraph break, give what the
            // general path would.
            if (e + 1 < limit) {
                if (text_[e] == ' ' && ascii_letter(byte(e + 1))) {
                    f.end = e;
                    f.word = e + 1;
                    f.kind = read_enumerator(text_, e + 1, limit).end != 0 ? next_kind::list_item
                             : ascii_upper(byte(e + 1))                  ? next_kind::upper
                                                                         : next_kind::lower;
                    return f;
                }
                if (text_[e] == '\n' && text_[e + 1] == '\n') {
                    f.end = e;
                    return f;
                }
            }
        }
        std::size_t j = e;
        while (j < limit) {
            std::size_t const len = closing_at(j, limit);
            if (len == 0) break;
            f.closed = true;
            auto const cp = code_point_at(text_, j).cp;
            if ((cp == U'\'' || cp == U'\u2019') && j + len < limit) {
                auto const next = code_point_at(text_, j + len).cp;
                if (is_letter(next)) { // an apostrophe: "Jr.'s", "U.N.’s"
                    f.possessive = true;
                    f.end = j;
                    return f;
                }
            }
            j += len;
        }
        // Footnote marks: "martyr.[1] The", "large.[7][8] This".
        while (j < limit && text_[j] == '[') {
            std::size_t k = j + 1;
            while (k < limit && k - j <= 8 && (ascii_digit(byte(k)) || text_[k] == ',' || text_[k] == '-')) ++k;
            if (k == j + 1 || k >= limit || text_[k] != ']') break;
            j = k + 1;
        }
        f.end = j;
        if (j >= limit) {
            f.kind = next_kind::end;
            return f;
        }
        if (space_length(text_, j, limit) == 0) {
            f.no_space = true;
            f.word = j; // callers read the word here: never leave it at 0, before the sentence
            f.kind = next_kind::other;
            return f;
        }
        std::size_t breaks = 0;
        while (j < limit) {
            auto const len = space_length(text_, j, limit);
            if (len == 0) break;
            if (text_[j] == '\n' || (text_[j] == '\r' && !(j + 1 < limit && text_[j + 1] == '\n'))) ++breaks;
            j += len;
        }
        if (j >= limit || breaks >= 2) {
            f.kind = next_kind::end;
            return f;
        }
        if (read_enumerator(text_, j, limit).end != 0 || bullets_.at(text_, j, limit)) {
            f.kind = next_kind::list_item;
            f.word = j;
            return f;
        }
        while (j < limit) {
            std::size_t len = opening_marks_.at(text_, j, limit);
            if (len != 0) {
                f.opened = true;
            } else if ((len = dashes_.at(text_, j, limit)) != 0) {
                f.dash = true;
            } else {
                len = space_length(text_, j, limit);
            }
            if (len == 0) break;
            j += len;
        }
        f.word = j;
        if (j >= limit) {
            f.kind = next_kind::other;
            return f;
        }
        if (is_stop_glyph(j, limit)) {
            f.kind = next_kind::stop;
            return f;
        }
        auto const cp = code_point_at(text_, j).cp;
        if (is_upper(cp)) f.kind = next_kind::upper;
        else if (is_lower(cp)) f.kind = next_kind::lower;
        else if (is_digit(cp)) f.kind = next_kind::digit;
        else if (cp == U',' || cp == U';' || cp == U':') f.kind = next_kind::lower; // continues
        else f.kind = next_kind::other;
        return f;
    }

    /// The ASCII word at `w` ("I'm" gives "I").
    [[nodiscard]] std::string_view word_at(std::size_t w, std::size_t limit) const noexcept {
        std::size_t k = w;
        while (k < limit && ascii_letter(byte(k))) ++k;
        return text_.substr(w, k - w);
    }

    [[nodiscard]] bool starts_sentence(std::size_t w, std::size_t limit) const noexcept {
        return has_word(Policy::sentence_starters, word_at(w, limit));
    }

    /// The token before the terminator at `i`: back to white space or an opening mark, within the sentence.
    [[nodiscard]] std::size_t token_start(std::size_t s, std::size_t i) const noexcept {
        std::size_t t = i;
        while (t > s && i - t < 64) {
            auto const b = byte(t - 1);
            if (b < 0x80) {
                if (b == ' ' || (b >= '\t' && b <= '\r') || b == '(' || b == '[' || b == '{' || b == '"' || b == '`') break;
                if (b == '\'' && is_space_before(t - 1, s)) break; // an opening quote, not an apostrophe
                --t;
            } else {
                auto const d = decode_before(text_, t);
                if (is_space(d.cp) || opening_marks_.contains(d.cp)) break;
                t -= d.length;
            }
        }
        return t;
    }

    [[nodiscard]] abbreviation const* lookup(std::string_view token) const noexcept {
        if (token.size() > 24) return nullptr;
        if (!extra_.empty())
            if (auto const* a = find_abbreviation(extra_, token)) return a;
        // the token lies in the text: whole words can be read when 24 bytes are left
        bool const readable = static_cast<std::size_t>(text_.data() + text_.size() - token.data()) >= max_abbreviation_size;
        auto const form = readable ? folded_form::of_readable(token) : folded_form::of(token);
        return abbreviation_index_.find(std::span<abbreviation const>(Policy::abbreviation_table), token, form);
    }

    /// "J.C", "i.v", "U.S.A", "Ph.D": letters in short groups joined by periods.
    [[nodiscard]] static bool is_dotted_initials(std::string_view t) noexcept {
        if (t.find('.') == std::string_view::npos) return false;
        std::size_t group = 0;
        for (char c : t) {
            if (c == '.') {
                if (group == 0) return false;
                group = 0;
                continue;
            }
            if (!ascii_letter(static_cast<unsigned char>(c)) || ++group > 2) return false;
        }
        return group > 0;
    }

    /// "At 5 a.m. Mr. Smith went": a time phrase opening the sentence is not a sentence.
    [[nodiscard]] bool introductory_time_phrase(std::size_t s, std::size_t token) const noexcept {
        std::size_t k = s;
        while (k < token && ascii_letter(byte(k))) ++k;
        if (!has_word(Policy::time_prepositions, text_.substr(s, k - s))) return false;
        std::size_t words = 1;
        for (; k < token && words <= 3; ++k)
            if (text_[k] == ' ' && k + 1 < token && text_[k + 1] != ' ') ++words;
        return words <= 3;
    }

    /// Capitalisation of the word before the token at `t`: 1 capitalised, 0 not, -1 none.
    [[nodiscard]] int previous_word_capitalised(std::size_t s, std::size_t t) const noexcept {
        std::size_t k = t;
        while (k > s && (text_[k - 1] == ' ' || text_[k - 1] == '\t')) --k;
        if (k == t || k == s) return -1;
        std::size_t const end = k;
        while (k > s && end - k < 64 && text_[k - 1] != ' ' && text_[k - 1] != '\t' && !is_line_break(byte(k - 1))) --k;
        auto const cp = code_point_at(text_, k).cp;
        if (is_upper(cp)) return 1;
        return is_letter(cp) ? 0 : -1;
    }

    /// "Hello world.Today is": a period glued to a capitalised word, outside URLs and e-mail addresses.
    [[nodiscard]] bool glued_boundary(std::size_t s, std::size_t i, std::size_t limit) const noexcept {
        if (i + 2 >= limit || !ascii_upper(byte(i + 1)) || !ascii_lower_letter(byte(i + 2))) return false;
        std::size_t t = i;
        while (t > s && i - t < 64 && (ascii_letter(byte(t - 1)) || ascii_digit(byte(t - 1)) || text_[t - 1] == ',')) --t;
        if (i - t < 2) return false;
        std::size_t w = t;
        while (w > s && i - w < 128 && space_length(text_, w - 1, i) == 0) --w;
        std::size_t e = i;
        while (e < limit && space_length(text_, e, limit) == 0) ++e;
        std::string_view const whole = text_.substr(w, e - w);
        return whole.find('@') == std::string_view::npos && whole.find("://") == std::string_view::npos &&
               !whole.starts_with("www.") && whole.find('/') == std::string_view::npos;
    }

    [[nodiscard]] std::size_t period(std::size_t s, std::size_t i, std::size_t limit, std::size_t& resume) const noexcept {
        std::size_t e = i + 1;
        while (e < limit && text_[e] == '.') ++e;
        if (e - i >= 2) { // "..", "...", "...."
            resume = e;
            return ellipsis(s, i, e, limit, resume);
        }
        // Spaced dots: ". . ." or ". . . ."
        std::size_t dots = 1;
        while (i + 2 * dots < limit && text_[i + 2 * dots - 1] == ' ' && text_[i + 2 * dots] == '.') ++dots;
        if (dots >= 3) {
            std::size_t const last = i + 2 * dots - 1;
            resume = last;
            if (dots == 4 && !is_space_before(i, s)) {
                // "compounds. . . . The practice": the period ends the sentence, ". . ." opens the next
                auto const f = look_ahead(last, limit);
                if (f.kind == next_kind::upper) return i + 1;
                return npos;
            }
            return ellipsis(s, i, last, limit, resume);
        }
        resume = e;
        if (e < limit && space_length(text_, e, limit) == 0 && closing_at(e, limit) == 0 && text_[e] != '[') {
            if (glued_boundary(s, i, limit)) return e;
            // A footnote number glued to the period: "(type 2).10 This".
            if (i > s && (ascii_letter(byte(i - 1)) || text_[i - 1] == ')') && ascii_digit(byte(e))) {
                std::size_t k = e;
                while (k < limit && k - e < 3 && ascii_digit(byte(k))) ++k;
                if (k >= limit || space_length(text_, k, limit) != 0) {
                    auto f = look_ahead(k, limit);
                    // More footnote numbers: "consultation.11 12 Take".
                    while (f.kind == next_kind::digit) {
                        std::size_t d = f.word;
                        while (d < limit && d - f.word < 3 && ascii_digit(byte(d))) ++d;
                        if (d >= limit || space_length(text_, d, limit) == 0) break;
                        f = look_ahead(d, limit);
                    }
                    if (f.kind == next_kind::upper || f.kind == next_kind::end) return f.end;
                }
            }
            return npos;
        }
        auto const f = look_ahead(e, limit);
        if (f.possessive || f.no_space) { // "Jr.'s", "(D., Wash.), a member"
            resume = std::max(e, f.end);
            return npos;
        }
        switch (f.kind) {
        case next_kind::end: return f.end;
        case next_kind::lower: return npos; // continues: unlisted abbreviations ("lbs. of") outnumber lowercase openings
        case next_kind::stop: return npos; // "Ukraine. . However", "Scientology. ... The": one sentence
        default: break;
        }
        if (f.closed && f.dash) return npos; // an attribution: "... a long game." - Matthew Ingram
        std::size_t const t = token_start(s, i);
        std::string_view const token = text_.substr(t, i - t);
        abbreviation const* abbr = token.empty() ? nullptr : lookup(text_.substr(t, i + 1 - t));
        if (f.kind == next_kind::digit) {
            if (abbr != nullptr && abbr->kind != abbreviation_kind::company && abbr->kind != abbreviation_kind::place &&
                abbr->kind != abbreviation_kind::other)
                return npos; // "No. 5", "Sept. 11", "p. 55"
            if (token.size() == 1 && ascii_letter(static_cast<unsigned char>(token[0]))) return npos;
            return f.end;
        }
        if (f.kind == next_kind::list_item) {
            if (abbr != nullptr && (abbr->kind == abbreviation_kind::number || abbr->kind == abbreviation_kind::title))
                return npos;
            return f.end;
        }
        if (token.empty()) return f.end; // a stray period: "Ukraine. . However"
        if (abbr != nullptr && abbr->word_like) abbr = nullptr; // "Mass." before a capital: the word
        if (abbr != nullptr) {
            switch (abbr->kind) {
            case abbreviation_kind::title: return npos;
            case abbreviation_kind::latin:
                if (!has_word(Policy::closing_latin, abbr->text)) return npos;
                break;
            case abbreviation_kind::time:
                if (introductory_time_phrase(s, t)) return npos;
                return f.end;
            case abbreviation_kind::initialism:
                if (token.size() == 1) break; // decided as an initial below
                [[fallthrough]];
            default: break;
            }
            if (token.size() > 1 || abbr->kind != abbreviation_kind::initialism)
                return starts_sentence(f.word, limit) ? f.end : npos;
        }
        if (token.size() == 1 && ascii_upper(static_cast<unsigned char>(token[0]))) {
            // An initial ("Jonas E. Smith"), except the pronoun after a lowercase word ("you and I. Did").
            if (token[0] == 'I' && previous_word_capitalised(s, t) != 1) return f.end;
            return npos;
        }
        if (is_dotted_initials(token)) return starts_sentence(f.word, limit) ? f.end : npos;
        return f.end;
    }

    [[nodiscard]] std::size_t strong_stop(std::size_t s, std::size_t i, std::size_t limit, std::size_t& resume) const noexcept {
        std::size_t e = i;
        while (std::size_t const len = is_stop_glyph(e, limit) ? code_point_at(text_, e).length : 0) e += len;
        resume = e;
        if (i == s) return npos; // "! ! !"
        auto const f = look_ahead(e, limit); // "!Xũ" is glued to its word: no_space
        if (f.possessive || f.no_space) {
            resume = std::max(e, f.end);
            return npos;
        }
        switch (f.kind) {
        case next_kind::end: return f.end;
        case next_kind::lower:
        case next_kind::digit:
        case next_kind::stop: return npos;
        default: break;
        }
        if (f.closed && f.dash) return npos; // an attribution: "... a long game!" - Matthew Ingram
        std::size_t const t = token_start(s, i);
        if (has_word(Policy::exclamation_names, text_.substr(t, i - t)) && f.kind == next_kind::upper &&
            !starts_sentence(f.word, limit))
            return npos; // "Yahoo! Research"
        return f.end;
    }

    /// "...", "…", ". . .": a boundary only before a capitalised word other than "I".
    [[nodiscard]] std::size_t ellipsis(std::size_t s, std::size_t i, std::size_t e, std::size_t limit,
                                       std::size_t& resume) const noexcept {
        resume = e;
        if (i == s) return npos; // ". . . The practice": opens this sentence
        auto const f = look_ahead(e, limit);
        if (f.possessive || f.no_space) return npos;
        if (text_[i - 1] == '[' || text_[i - 1] == '(') // "[...]": an omission, ending a sentence only before its next one
            return (f.kind == next_kind::upper && !f.opened) ? f.end : npos;
        switch (f.kind) {
        case next_kind::end: return f.end;
        case next_kind::upper:
            if (word_at(f.word, limit) == "I") return npos;
            return f.end;
        case next_kind::list_item: return f.end;
        default: return npos;
        }
    }

    std::string_view text_;
    bool final_;
    std::span<abbreviation const> extra_;
};

} // namespace detail
BYLINE_END_NAMESPACE
