#pragma once
// The name finder's tokenizer: words with their case and what separates them from the word
// before, in one pass over the text.
#include <byline/version.hpp>
#include <byline/span.hpp>
#include <byline/detail/ascii_swar.hpp>
#include <byline/detail/fold.hpp> // decode_fast, word_char
#include <byline/detail/utf8.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    headline = 1024,    ///< on a line_start word: its line is set in title case (see tokenizer)
};

struct token {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::uint16_t flags = 0;
    [[nodiscard]] bool has(std::uint16_t f) const noexcept { return (flags & f) != 0; }
};

/// decode_fast() with its most frequent answers here inline: ASCII, and the General Punctuation
/// of news text (’ “ ” — as E2 80 xx) that ends or joins words.
[[nodiscard, gnu::always_inline]] inline decoded decode_near(std::string_view text, std::size_t i) noexcept {
    auto const* p = reinterpret_cast<unsigned char const*>(text.data()) + i;
    if (p[0] < 0x80) return {p[0], 1};
    if (p[0] == 0xE2 && text.size() - i >= 3 && p[1] == 0x80 && (p[2] & 0xC0) == 0x80)
        return {static_cast<char32_t>(0x2000u | (p[2] & 0x3Fu)), 3};
    return decode_fast(text, i);
}

[[nodiscard]] inline bool is_apostrophe(char32_t c) noexcept { return c == '\'' || c == 0x2019; }
[[nodiscard]] inline bool is_hyphen(char32_t c) noexcept { return c == '-' || c == 0x2010 || c == 0x2011; }

/// What an ASCII byte between two words is, for gap_flags.
enum gap_class : std::uint8_t { gap_break = 1, gap_paren = 2, gap_clause = 4, gap_other = 8 };
inline constexpr auto ascii_gap_classes = [] {
    std::array<std::uint8_t, 128> g{};
    for (int c = 0; c < 128; ++c) {
        std::uint8_t v = c == ' ' || (c >= '\t' && c <= '\r') ? 0 : gap_other; // white space, as is_space
        if (c == '\n' || c == '\r') v = gap_break;
        if (c == ',') v = 0; // counted apart
        if (c == '(' || c == '[') v = gap_paren | gap_clause;
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"') v = gap_clause | gap_other;
        g[static_cast<std::size_t>(c)] = v;
    }
    return g;
}();

/// The flags of a gap from what its characters are (gap_class bits) and its commas.
[[nodiscard]] constexpr std::uint16_t gap_flags_of(unsigned seen, int commas, bool empty) noexcept {
    bool const line_break = (seen & gap_break) != 0, other = (seen & gap_other) != 0, paren = (seen & gap_paren) != 0;
    std::uint16_t f = 0;
    if (seen & (gap_break | gap_clause)) f |= clause_start;
    if (line_break) f |= line_start;
    if (!line_break && !other && !paren) {
        if (commas == 0 && !empty) f |= after_space;
        if (commas == 1) f |= after_comma;
    }
    if (paren && !line_break && !other && commas == 0) f |= after_paren;
    return f;
}

/// What the characters between two words say about the second one.
[[nodiscard]] inline std::uint16_t gap_flags(std::string_view gap) noexcept {
    if (gap.size() == 1 && gap[0] == ' ') return after_space;
    if (gap.size() == 2 && gap[0] == ',' && gap[1] == ' ') return after_comma;
    unsigned seen = 0;
    int commas = 0;
    for (std::size_t i = 0; i < gap.size();) {
        if (auto const c = static_cast<unsigned char>(gap[i]); c < 0x80) { // most gaps: a table look-up a byte
            seen |= ascii_gap_classes[c];
            commas += c == ',';
            ++i;
            continue;
        }
        auto const d = decode_fast(gap, i);
        i += d.length;
        switch (d.cp) {
        case 0x2028: case 0x2029: seen |= gap_break; break;
        case 0x201C: case 0x201D: case 0x2018: case 0xAB: case 0xBB: case 0x2014: case 0x2013: case 0x2022:
            seen |= gap_clause | gap_other; break;
        default:
            if (!is_space(d.cp)) seen |= gap_other;
        }
    }
    return gap_flags_of(seen, commas, gap.empty());
}

/// The gaps of one or two ASCII bytes without a line break (". ", " (", ", "), whose flags
/// short_gaps holds: the kinds of byte they are made of, a representative of each, and
/// `other_gap` for the bytes such gaps do not hold (line breaks, bytes not ASCII) or that
/// only come before a one-byte gap (a word's last byte).
enum short_gap_kind : std::uint8_t { space_kind, comma_kind, paren_kind, clause_kind, other_kind, word_kind, other_gap };
inline constexpr std::array<char, 5> short_gap_representatives{' ', ',', '(', '.', ')'};
inline constexpr auto short_gap_kinds = [] {
    std::array<std::uint8_t, 256> k{};
    for (int b = 0; b < 256; ++b) {
        auto& kind = k[static_cast<std::size_t>(b)];
        kind = b >= 0x80 || (ascii_gap_classes[static_cast<std::size_t>(b)] & gap_break) ? other_gap : other_kind;
        for (std::uint8_t r = 0; r < short_gap_representatives.size(); ++r)
            if (b < 0x80 && b != '\n' && b != '\r' && ascii_gap_classes[static_cast<std::size_t>(b)] ==
                                                         ascii_gap_classes[static_cast<unsigned char>(short_gap_representatives[r])] &&
                (b == ',') == (r == comma_kind))
                kind = r;
        if ((b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) kind = word_kind;
    }
    return k;
}();
/// short_gaps' answer for a gap it does not hold: gap_flags decides.
inline constexpr std::uint16_t long_gap = 0x8000;
/// The flags of a gap of `size` (1 or 2; else long_gap) bytes by the kinds of the two bytes
/// before the word (for one byte, the first is the last byte of the word before).
inline constexpr auto short_gaps = [] {
    std::array<std::array<std::array<std::uint16_t, 8>, 8>, 4> g{};
    for (std::size_t size = 0; size < 4; ++size)
        for (std::size_t first = 0; first < 8; ++first)
            for (std::size_t second = 0; second < 8; ++second) {
                auto const in_gap = [](std::size_t kind) { return kind < word_kind; };
                bool const held = (size == 1 && in_gap(second)) || (size == 2 && in_gap(first) && in_gap(second));
                if (!held) {
                    g[size][first][second] = long_gap;
                    continue;
                }
                unsigned seen = ascii_gap_classes[static_cast<unsigned char>(short_gap_representatives[second])];
                int commas = second == comma_kind;
                if (size == 2) {
                    seen |= ascii_gap_classes[static_cast<unsigned char>(short_gap_representatives[first])];
                    commas += first == comma_kind;
                }
                g[size][first][second] = gap_flags_of(seen, commas, false);
            }
    return g;
}();

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
            constexpr std::uint64_t high = 0x8080808080808080ull;
            if (x & high) break; // a multi-byte sequence: the byte loop decides
            std::uint64_t const word = ascii_alnum8(x);
            if (word != high) {
                i += static_cast<std::size_t>(std::countr_zero(~word & high)) / 8;
                return i;
            }
            i += 8;
        }
        while (i < n && byte_classes[data[i]] == 1) ++i;
        if (i >= n || data[i] < 0x80) return i;
        auto const d = decode_near(text, i);
        if (!word_char(d.cp)) return i;
        i += d.length;
    }
}

/// Two or more letters and none of them lower case.
[[nodiscard]] inline bool shouts(std::string_view word) noexcept {
    int letters = 0;
    bool ascii = true;
    for (char const ch : word) { // ASCII without decoding
        auto const c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            ascii = false;
            break;
        }
        if (c >= 'a' && c <= 'z') return false;
        letters += c >= 'A' && c <= 'Z';
    }
    if (ascii) return letters >= 2;
    letters = 0;
    for (std::size_t i = 0; i < word.size();) {
        auto const d = decode(word, i);
        i += d.length;
        if (is_lower(d.cp)) return false;
        letters += is_letter(d.cp);
    }
    return letters >= 2;
}

/// Which of 64 bytes are ASCII letters or digits, which are not ASCII, which are ' or - (that
/// may join two words), which are hyphens and which are periods: bit k for byte k.
struct block_masks {
    std::uint64_t word = 0, high = 0, joint = 0, hyphen = 0, period = 0;
};

/// Third bytes of E2 80 xx that separate words: – — ‘ “ ” … (bit xx - 0x80).
inline constexpr std::uint64_t punctuation_separators =
    std::uint64_t{1} << 0x13 | std::uint64_t{1} << 0x14 | std::uint64_t{1} << 0x18 | std::uint64_t{1} << 0x1C |
    std::uint64_t{1} << 0x1D | std::uint64_t{1} << 0x26;

[[nodiscard]] inline block_masks classify_block(unsigned char const* p) noexcept {
    block_masks m;
    std::uint64_t lead = 0; // E2 bytes
#if defined(__SSE2__)
    for (unsigned k = 0; k < 4; ++k) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + 16 * k));
        // Signed compares: bytes from 0x80 up are negative, so never letters or digits.
        __m128i const folded = _mm_or_si128(v, _mm_set1_epi8(0x20)); // A-Z as a-z
        __m128i const letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                             _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        __m128i const digit =
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        __m128i const hyphen = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));
        __m128i const joint = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), hyphen);
        auto const shift = 16 * k;
        m.word |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)))} << shift;
        m.high |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(v))} << shift;
        m.joint |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(joint))} << shift;
        m.hyphen |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(hyphen))} << shift;
        m.period |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))))} << shift;
        lead |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE2)))))} << shift;
    }
#else
    for (unsigned k = 0; k < 64; ++k) {
        m.word |= std::uint64_t{byte_classes[p[k]] == 1} << k;
        m.high |= std::uint64_t{p[k] >= 0x80} << k;
        m.joint |= std::uint64_t{p[k] == '\'' || p[k] == '-'} << k;
        m.hyphen |= std::uint64_t{p[k] == '-'} << k;
        m.period |= std::uint64_t{p[k] == '.'} << k;
        lead |= std::uint64_t{p[k] == 0xE2} << k;
    }
#endif
    // The quotation marks, dashes and ellipsis of news text (E2 80 xx, whole in the block) only
    // separate words: bytes like spaces here, not the non-ASCII bytes that stop the block's scan.
    for (lead &= ~std::uint64_t{0} >> 2; lead != 0; lead &= lead - 1) {
        auto const k = static_cast<unsigned>(std::countr_zero(lead));
        unsigned const third = p[k + 2];
        std::uint64_t const separator = (p[k + 1] == 0x80) & ((third & 0xC0) == 0x80) & (punctuation_separators >> (third & 63));
        m.high &= ~((separator & 1) * (std::uint64_t{7} << k));
    }
    return m;
}

/// Splits `text` into words: letters, digits and marks, joined by inner apostrophes (O'Brien)
/// and hyphens (Jean-Luc, al-Assad); initials keep their period (J., U.S.). Invalid UTF-8 bytes
/// are separators. `sentences` (sorted) marks clause starts the punctuation does not show.
class tokenizer {
public:
    tokenizer(std::string_view text, std::vector<byte_span> const& sentences, std::vector<token>& out)
        : text_(text), data_(reinterpret_cast<unsigned char const*>(text.data())), n_(text.size()),
          sentences_(sentences), out_(out) {}

    void run() {
        out_.clear();
        out_.reserve(n_ / 6);
        std::size_t i = 0;
        while (i < n_) {
            // Sixty-four bytes at a time: the ASCII words that end before the first other byte, at
            // a byte that cannot join them to more (not ' - or the period of an initial), are
            // done here; step() takes the word or the byte there, and the block goes on after it.
            // (From the third byte on: a word's gap is read from the two bytes before it.)
            if (i + 64 <= n_ && i >= 2) {
                auto const m = classify_block(data_ + i);
                // A hyphen between two ASCII letters or digits joins them into one word (Jean-Luc,
                // so-called), as in step(): a word byte here, not a joint that stops the scan.
                std::uint64_t const joined = m.hyphen & (m.word << 1) & (m.word >> 1);
                std::uint64_t const word_bytes = m.word | joined, joint_bytes = m.joint & ~joined;
                unsigned from = 0; // the block's bytes before it are done
                std::size_t resume;
                // In registers while the block's words go out (stores into the tokens could alias
                // the members): the end of the last word, the next sentence start, the tokens, the text.
                std::size_t prev_end = prev_end_;
                std::size_t next_start = sentence_start_from(i); // the next sentence's start from here
                auto& out = out_;
                auto const* const data = data_;
                std::uint64_t long_words = 0; // the block's: see count_long
                for (;;) {
                    std::uint64_t const rest = ~std::uint64_t{0} << from;
                    std::uint64_t const high = m.high & rest;
                    auto const limit = high == 0 ? 64u : static_cast<unsigned>(std::countr_zero(high));
                    std::uint64_t const word = (limit == 64 ? word_bytes : word_bytes & ((std::uint64_t{1} << limit) - 1)) & rest;
                    std::uint64_t starts = word & ~(word << 1), ends = word & ~(word >> 1); // first and last bytes
                    // The words that may go on past their last byte here: one that runs into the
                    // limit, one that ' or - follows, an initial's letter that a period follows
                    // (alone, or after a hyphen: "Jean-P.").
                    std::uint64_t stops = ends & ((joint_bytes >> 1) | (std::uint64_t{1} << ((limit - 1) & 63)));
                    for (std::uint64_t c = word & ~(m.word << 1) & (m.period >> 1); c != 0; c &= c - 1) [[unlikely]]
                        stops |= is_ascii_upper(data[i + static_cast<unsigned>(std::countr_zero(c))]) ? c & (~c + 1) : 0;
                    resume = i + limit;
                    bool general = limit < 64; // at a byte that is not ASCII
                    std::size_t possessive_past = 0; // after the 's that ends the segment's last word
                    if (stops != 0) { // the words before the first such one are done here
                        auto const e = static_cast<unsigned>(std::countr_zero(stops));
                        // Most such words in news are possessives (Trump’s, Biden's): done here
                        // too, not by step(), and the block goes on after the 's.
                        if (possessive_past = possessive_end(i + e + 1); possessive_past != 0) {
                            starts &= (std::uint64_t{2} << e) - 1; // (all bits for e = 63)
                        } else {
                            auto const b = 63 - static_cast<unsigned>(std::countl_zero(starts & (~std::uint64_t{0} >> (63 - e))));
                            starts &= (std::uint64_t{1} << b) - 1;
                            resume = i + b;
                            // A word that runs into the block's end goes on in the next block.
                            general = e != 63 || b == 0;
                        }
                    }
                    while (starts != 0) {
                        // An ASCII word [s, s + len) that nothing joins to the next.
                        auto const b = static_cast<unsigned>(std::countr_zero(starts));
                        auto const len = static_cast<unsigned>(std::countr_zero(ends)) + 1 - b;
                        starts &= starts - 1;
                        ends &= ends - 1;
                        std::size_t const s = i + b;
                        std::uint16_t f = ascii_case_flags[data[s]];
                        // Most words follow one or two ASCII bytes (" ", ", ", ". ", " ("): their
                        // flags by a table of the two bytes before the word, without a branch on them.
                        std::size_t const gap = s - prev_end;
                        if (auto const short_gap = short_gaps[gap < 3 ? gap : 0][short_gap_kinds[data[s - 2]]][short_gap_kinds[data[s - 1]]];
                            short_gap != long_gap) [[likely]] {
                            f |= short_gap;
                        } else {
                            f |= gap_flags(text_.substr(prev_end, s - prev_end));
                            if (f & line_start) {
                                count_long(long_words);
                                new_line();
                            }
                        }
                        // No branch on the case, which the predictor often misses: the rarer
                        // questions only a capitalised word's answer changes are asked of all.
                        unsigned const cap = f & capitalised;
                        if (s >= next_start) [[unlikely]] { // a sentence starts here or before
                            if (s == next_start) f = static_cast<std::uint16_t>(f | clause_start * cap);
                            next_start = sentence_start_from(s + 1);
                        }
                        // Shouting needs a second letter or digit that is not lower case ("The" and
                        // "I" do not); the block holds the byte after a word's first.
                        if (f & may_shout[data[s + 1]]) [[unlikely]]
                            if (shouts(text_.substr(s, len))) f |= all_caps;
                        long_words += std::uint64_t{len >= 4} << (32 * cap);
                        out.push_back({s, s + len, f});
                        prev_end = s + len;
                    }
                    if (possessive_past != 0) [[unlikely]] {
                        out.back().flags |= possessive;
                        prev_end = resume = possessive_past;
                        if (resume >= i + 64) break;
                        from = static_cast<unsigned>(resume - i);
                        continue;
                    }
                    if (!general) break;
                    prev_end_ = prev_end;
                    count_long(long_words);
                    resume = step(resume);
                    next_start = sentence_start_from(resume);
                    prev_end = prev_end_;
                    if (resume >= i + 64) break;
                    from = static_cast<unsigned>(resume - i);
                }
                prev_end_ = prev_end;
                count_long(long_words);
                i = resume;
                continue;
            }
            i = step(i);
        }
        if (out_.empty()) return;
        // The first word has no word before it: it starts a clause and a line.
        out_.front().flags = static_cast<std::uint16_t>((out_.front().flags & ~adjacent) | clause_start | line_start);
        end_line();
    }

private:
    std::string_view text_;
    unsigned char const* data_;
    std::size_t n_;
    std::vector<byte_span> const& sentences_;
    std::vector<token>& out_;
    std::size_t prev_end_ = 0, next_sentence_ = 0;
    // The current line: its first word, and its words of four bytes or more (not capitalised,
    // capitalised).
    std::size_t line_first_ = 0;
    std::array<std::size_t, 2> line_long_{};
    static_assert(capitalised == 1);

    static bool is_ascii_upper(unsigned char c) noexcept { return c >= 'A' && c <= 'Z'; }

    /// After a word that ends at `j`: the end of its possessive ’s or 's when a byte that is
    /// not ASCII (step() decides those) does not follow it, else 0.
    std::size_t possessive_end(std::size_t j) const noexcept {
        if (n_ - j < 5) return 0; // (step() decides near the text's end)
        auto const* const p = data_ + j;
        std::size_t const past = p[0] == '\'' ? j + 2 : p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99 ? j + 4 : 0;
        return past != 0 && (data_[past - 1] | 0x20) == 's' && byte_classes[data_[past]] == 0 ? past : 0;
    }

    /// `capitalised` for the bytes that may follow the first letter of a shouted word (A-Z, 0-9,
    /// the hyphen of "A-BC").
    static constexpr auto may_shout = [] {
        std::array<std::uint16_t, 256> f{};
        for (int b = 0; b < 256; ++b)
            f[static_cast<std::size_t>(b)] = (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' ? capitalised : 0;
        return f;
    }();

    /// `adjacent` and the case of a word from its first byte, for ASCII words.
    static constexpr auto ascii_case_flags = [] {
        std::array<std::uint16_t, 256> f{};
        for (int b = 0; b < 256; ++b)
            f[static_cast<std::size_t>(b)] = static_cast<std::uint16_t>(
                adjacent | (b >= 'A' && b <= 'Z' ? capitalised : b >= 'a' && b <= 'z' ? lower_case : 0));
        return f;
    }();

    /// Adds a block's words of four bytes or more to the current line's: counted as the words
    /// go out, the capitalised ones in the high half (a block holds at most 32 words).
    void count_long(std::uint64_t& long_words) noexcept {
        line_long_[0] += long_words & 0xFFFFFFFFu;
        line_long_[1] += long_words >> 32;
        long_words = 0;
    }
    /// Marks the current line's first word when most of the line's longer words are
    /// capitalised ("Trump Calls Clinton Names"): a title-case line.
    void end_line() {
        if (line_long_[1] >= 3 && line_long_[1] >= 4 * line_long_[0]) out_[line_first_].flags |= headline;
        line_long_ = {};
    }
    /// The word about to go out starts a line.
    void new_line() {
        if (out_.empty()) return; // the first line ends in run()
        end_line();
        line_first_ = out_.size();
    }

    void push(token const& t) {
        if (t.has(line_start)) new_line();
        auto long_word = std::uint64_t{t.end - t.begin >= 4} << (32 * (t.flags & capitalised));
        count_long(long_word);
        out_.push_back(t);
    }

    /// Whether a sentence starts at `i`; asked in text order.
    bool sentence_starts(std::size_t i) { return sentence_start_from(i) == i; }
    /// The first sentence start at or after `i` (or -1); asked in text order.
    std::size_t sentence_start_from(std::size_t i) {
        while (next_sentence_ < sentences_.size() && sentences_[next_sentence_].begin < i) ++next_sentence_;
        return next_sentence_ < sentences_.size() ? sentences_[next_sentence_].begin : ~std::size_t{0};
    }

    /// Flags from the gap before a word starting at `i` and its first letter's case. Every word
    /// is marked adjacent here; run() corrects the first one.
    std::uint16_t start_flags(std::size_t i, bool upper, bool lower) {
        std::uint16_t f;
        if (i - prev_end_ == 1 && data_[prev_end_] == ' ') f = after_space | adjacent; // most words follow one space
        else f = static_cast<std::uint16_t>(gap_flags(text_.substr(prev_end_, i - prev_end_)) | adjacent);
        if (upper) {
            f |= capitalised;
            // Only a capitalised word's position in its sentence matters.
            if (sentence_starts(i)) f |= clause_start;
        } else if (lower) {
            f |= lower_case;
        }
        return f;
    }

    /// One separator, or one word of any kind from `i`: the position after it.
    std::size_t step(std::size_t i) {
        if (byte_classes[data_[i]] == 0) return i + 1; // spaces and punctuation
        bool lower = false;
        bool upper = false;
        if (byte_classes[data_[i]] == 1) { // ASCII letter or digit
            upper = is_ascii_upper(data_[i]);
            lower = data_[i] >= 'a' && data_[i] <= 'z';
        } else {
            auto const d = decode_near(text_, i);
            if (d.cp == replacement_char && d.length == 1) return invalid_run_end(text_, i + 1, n_); // one separator
            if (!word_char(d.cp) || is_mark(d.cp)) return i + d.length;
            upper = is_upper(d.cp);
            lower = !upper && is_lower(d.cp);
        }
        token t{i, i, start_flags(i, upper, lower)};
        auto const text = text_;
        std::size_t const n = n_;
        for (;;) {
            std::size_t const segment = i;
            i = word_end(text, i);
            t.end = i;
            if (i >= n) break;
            // Most words end at a space or punctuation that cannot join two words.
            if (auto const b = static_cast<unsigned char>(text[i]); b < 0x80 && b != '.' && b != '\'' && b != '-') break;
            auto const joint = decode_near(text, i);
            std::size_t const after = i + joint.length;
            // An initial keeps its period; "U.S." continues through letter-period pairs.
            if (joint.cp == '.' && segment + decode_near(text, segment).length == i && is_upper(decode_near(text, segment).cp)) {
                t.end = i = after;
                if (after + 1 < n && is_upper(decode_near(text, after).cp) && text[after + 1] == '.') continue;
                break;
            }
            if (after >= n) break;
            auto const next = decode_near(text, after);
            if (!word_char(next.cp) || is_mark(next.cp)) break;
            if (is_apostrophe(joint.cp)) {
                std::size_t const past_s = after + 1;
                if ((next.cp == 's' || next.cp == 'S') && (past_s >= n || !word_char(decode_near(text, past_s).cp))) {
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
        if (t.has(capitalised) && t.end - t.begin >= 2 && !(text[t.begin + 1] >= 'a' && text[t.begin + 1] <= 'z') &&
            shouts(text.substr(t.begin, t.end - t.begin)))
            t.flags |= all_caps;
        prev_end_ = i;
        push(t);
        return i;
    }
};

inline void tokenize(std::string_view text, std::vector<byte_span> const& sentences, std::vector<token>& out) {
    tokenizer(text, sentences, out).run();
}

} // namespace detail::names
BYLINE_END_NAMESPACE
