#pragma once
// Tokenizing and folding for gazetteer matching. Text and aliases go through the same tokenizer,
// so an alias matches exactly the texts that fold to the same token sequence:
//  - a word token is a maximal run of letters, digits and combining marks; any other character
//    that is not white space is a token of its own (so "Mexico’s" is mexico ' s, and
//    "Russia-Ukraine" is russia - ukraine: possessives and compounds match their parts);
//  - folding is NFKD + case folding + mark stripping (utf8proc), so case, accents and NFC/NFD
//    spelling do not matter; curly apostrophes fold to ' and dashes to -;
//  - each token remembers its original byte span, so results never point into folded text.
#include <byline/detail/ascii_simd.hpp>
#include <byline/detail/utf8.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#  include <emmintrin.h>
#endif

BYLINE_BEGIN_NAMESPACE
namespace detail {

/// What separates a token from the one before it.
enum class token_gap : std::uint8_t { none = 0, space = 1, paragraph = 2 };

/// The folded bytes of one token, followed by at least 8 zero bytes once padded, so that
/// hashing reads whole 8-byte words. Tokens longer than `capacity` bytes cannot be alias words
/// (the builder rejects such aliases), so overflowing only has to be detected, not stored.
struct fold_buffer {
    static constexpr std::size_t capacity = 128;
    alignas(8) std::array<char, capacity + 8> data{};
    std::size_t size = 0; ///< may exceed capacity: the token overflowed

    void clear() noexcept { size = 0; }
    void push(char c) noexcept {
        data[size < capacity ? size : capacity] = c;
        ++size;
    }
    void push_utf8(char32_t cp) noexcept {
        utf8proc_uint8_t buf[4];
        auto const n = static_cast<std::size_t>(utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf));
        for (std::size_t i = 0; i < n; ++i) push(static_cast<char>(buf[i]));
    }
    [[nodiscard]] bool overflow() const noexcept { return size > capacity; }
    /// Zeroes the 8 bytes after the token (call before hash()).
    void pad() noexcept { std::memset(data.data() + (size < capacity ? size : capacity), 0, 8); }
    [[nodiscard]] std::string_view view() const noexcept { return {data.data(), size < capacity ? size : capacity}; }
    /// Sets the buffer to `s` (at most `capacity` bytes are kept), padded.
    void assign(std::string_view s) noexcept {
        size = s.size();
        std::memcpy(data.data(), s.data(), s.size() < capacity ? s.size() : capacity);
        pad();
    }

    /// A fast 64-bit hash of the padded token, 8 bytes at a time: one multiply for the usual
    /// token of up to 8 bytes, which keeps the table probe that follows off a long latency chain.
    [[nodiscard]] std::uint64_t hash() const noexcept {
        auto const n = size < capacity ? size : capacity;
        std::uint64_t h = n;
        for (std::size_t i = 0; i < n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, data.data() + i, 8);
            h = hash_step(h, w);
        }
        return hash_end(h);
    }
    static constexpr std::uint64_t hash_step(std::uint64_t h, std::uint64_t word) noexcept {
        return (h ^ word) * 0x9E3779B97F4A7C15ull;
    }
    static constexpr std::uint64_t hash_end(std::uint64_t h) noexcept { return h ^ (h >> 31); }
};

/// The folded bytes of a token of at most 16 ASCII bytes, kept in registers: `size` bytes in
/// two zero-padded little-endian words, laid out as in fold_buffer (so the hashes agree).
struct ascii_key {
    std::uint64_t lo = 0, hi = 0;
    std::size_t size = 0;

    [[nodiscard]] std::uint64_t hash() const noexcept {
        auto const h = fold_buffer::hash_step(size, lo);
        auto const longer = std::uint64_t{0} - std::uint64_t{size > 8}; // a mask, not a branch on the length
        return fold_buffer::hash_end(h ^ ((h ^ fold_buffer::hash_step(h, hi)) & longer));
    }
};

/// How tokenizer::read() delivered a token.
enum class token_read : std::uint8_t {
    end,    ///< no token left
    ascii,  ///< folded bytes in an ascii_key; the token's case bits are not set (see ascii_case())
    folded, ///< folded bytes in a fold_buffer; the token is complete
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
        if (c == '\n' || c == '\r') v |= newline;
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
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: case replacement_char: // fold to themselves
        out.push_utf8(cp);
        return;
    default: break;
    }
    if (category(cp) == UTF8PROC_CATEGORY_PD) out.push('-');
    else fold_into(out, cp);
}

/// decode() with the 2- and 3-byte sequences of European text and typographic punctuation
/// decoded inline (the rest, and every invalid sequence, goes to decode()).
[[nodiscard]] inline decoded decode_fast(std::string_view text, std::size_t pos) noexcept {
    auto const* p = reinterpret_cast<unsigned char const*>(text.data()) + pos;
    auto const left = text.size() - pos;
    if (p[0] >= 0xC2 && p[0] <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80)
        return {static_cast<char32_t>((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu)), 2};
    if (p[0] >= 0xE1 && p[0] <= 0xEC && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        return {static_cast<char32_t>((p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu)), 3};
    return decode(text, pos);
}

/// is_word_char(), answering for General Punctuation (quotes, dashes, U+2000..U+206F: no
/// letters, digits or marks) without a table lookup.
[[nodiscard]] inline bool word_char(char32_t cp) noexcept {
    if (cp >= 0x2000 && cp < 0x2070) return false;
    return is_word_char(cp);
}

/// Han ideographs and kana: scripts written without spaces between words, where an alias must
/// match inside a run of letters ("東京" in "東京都"), so each character is a token.
[[nodiscard]] constexpr bool unspaced_script(char32_t cp) noexcept {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

/// What tokenizer::skip() does at an ASCII word.
enum class word_stop : std::uint8_t {
    pass,            ///< pass over it
    stop,            ///< stop at it
    unless_followed, ///< stop at it, unless the token after it is an ASCII word that cannot follow it
};

/// What tokenizer::skip() passes over besides white space and the ASCII words it is told to.
struct skip_rules {
    std::array<std::uint64_t, 2> punct_stops{}; ///< bit per ASCII punctuation character that skip() stops at
    bool any_punct_stop = false;                ///< any bit set in punct_stops
    bool pass_typographic = false;              ///< pass over the quotes and dashes of General Punctuation
                                                ///< that fold_symbol_into() maps (‘ ’ ‛ “ ” „ ‐ ‑ ‒ – —)
    /// The bit per third byte - 0x80 of E2 80 xx: the characters pass_typographic is about.
    static constexpr std::uint32_t typographic = 0x1Fu << 0x10 | 1u << 0x18 | 1u << 0x19 | 1u << 0x1B |
                                                 1u << 0x1C | 1u << 0x1D | 1u << 0x1E;
};

/// Splits UTF-8 text into tokens, folding each on the fly. A run of invalid bytes is one U+FFFD symbol.
class tokenizer {
public:
    explicit tokenizer(std::string_view text) noexcept : text_(text) {}

    /// Reads the next token into `tok` and its folded bytes into `folded`; false at the end.
    bool next(raw_token& tok, fold_buffer& folded) noexcept {
#if defined(__SSE2__)
        // Inline for the usual token: after at most one space, an ASCII word of under 16 bytes
        // that an ASCII byte ends, or one ASCII punctuation character. The rest: next_general().
        auto const* const bytes = reinterpret_cast<unsigned char const*>(text_.data());
        auto const n = text_.size();
        auto pos = pos_;
        bool const spaced = pos < n && bytes[pos] == ' ';
        pos += spaced ? 1 : 0;
        if (n - pos >= 16) {
            auto const first = bytes[pos];
            auto const cls = first < 0x80 ? ascii_class::table[first] : std::uint8_t{ascii_class::space};
            if (cls & ascii_class::word) {
                // next_general() rewrites `tok` and `folded` when the word goes on
                auto const len = fold_ascii_head(bytes + pos, tok, folded);
                if (len < 16 && bytes[pos + len] < 0x80) { // the word ends here
                    take(tok, pos, pos + len, spaced, true);
                    return true;
                }
            } else if (!(cls & ascii_class::space)) { // punctuation: a token of its own
                take(tok, pos, pos + 1, spaced, false);
                tok.has_lower = tok.has_upper = false;
                folded.clear();
                folded.push(static_cast<char>(first));
                folded.pad();
                return true;
            }
        }
#endif
        return next_general(tok, folded);
    }

    /// next(), except that the usual token (after at most one space, an ASCII word of under 16
    /// bytes that an ASCII byte ends, or one ASCII punctuation character) is not folded into a
    /// buffer: its folded bytes go to `key`, and its case bits are left for ascii_case(), since
    /// a scan needs them for the few tokens that can be part of a match only.
    token_read read(raw_token& tok, ascii_key& key, fold_buffer& folded) noexcept {
#if defined(__SSE2__)
        auto const* const bytes = reinterpret_cast<unsigned char const*>(text_.data());
        auto const n = text_.size();
        auto pos = pos_;
        bool spaced = false; // set and added without a branch on the byte (data-dependent)
        if (pos < n) [[likely]]
            spaced = bytes[pos] == ' ';
        pos += std::size_t{spaced};
        if (n - pos >= 16) {
            // the run of ASCII letters and digits at pos: from the masks of skip()'s last block
            // when it ends there, else from the 16 bytes at pos
            std::size_t len;
            auto const in_block = pos - block_.base;
            if (in_block >= 64 || in_block + (len = static_cast<std::size_t>(std::countr_one(block_.alnum >> in_block))) >= 64) {
                auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(bytes + pos));
                len = static_cast<std::size_t>(std::countr_one(ascii_alnum_mask(v)));
            }
            // 1 to 15 ASCII word bytes, then no word byte (General Punctuation, E2 80 xx, has none)
            if (len - 1 < 15 && (bytes[pos + len] < 0x80 || (bytes[pos + len] == 0xE2 && pos + len + 1 < n && bytes[pos + len + 1] == 0x80))) {
                word_key(bytes + pos, len, key);
                take(tok, pos, pos + len, spaced, true);
                return token_read::ascii;
            }
            auto const first = bytes[pos];
            if (len == 0 && first < 0x80 && !(ascii_class::table[first] & ascii_class::space)) { // punctuation
                key.lo = first;
                key.hi = 0;
                key.size = 1;
                take(tok, pos, pos + 1, spaced, false);
                return token_read::ascii;
            }
            if (first == 0xE2 && bytes[pos + 1] == 0x80 && bytes[pos + 2] >= 0x80 && bytes[pos + 2] < 0xA0 &&
                ((skip_rules::typographic >> (bytes[pos + 2] - 0x80)) & 1u)) { // a quote or dash: as fold_symbol_into()
                auto const third = bytes[pos + 2];
                if (third >= 0x9C) { // double quotes fold to themselves
                    std::memcpy(&key.lo, bytes + pos, 8);
                    key.lo &= std::bit_cast<std::uint64_t>(std::array<unsigned char, 8>{0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0});
                    key.size = 3;
                } else {
                    key.lo = third >= 0x98 ? '\'' : '-';
                    key.size = 1;
                }
                key.hi = 0;
                take(tok, pos, pos + 3, spaced, false);
                return token_read::ascii;
            }
        }
#endif
        (void)key;
        return next_general(tok, folded) ? token_read::folded : token_read::end;
    }

    /// The case bits of a token that read() or skip() returned as token_read::ascii: the token
    /// [begin, end) of `text`, with 16 bytes from `begin` readable.
    static void ascii_case(std::string_view text, std::size_t begin, std::size_t end, bool& has_lower, bool& has_upper) noexcept {
#if defined(__SSE2__)
        auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + begin));
        auto const keep = (1u << (end - begin)) - 1u;
        auto within = [v, keep](char lo) {
            return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(
                       _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo))), _mm_set1_epi8(-128 + 26)))) &
                   keep;
        };
        has_lower = within('a') != 0;
        has_upper = within('A') != 0;
#else
        has_lower = has_upper = false;
        for (auto i = begin; i < end; ++i) {
            auto const cls = ascii_class::table[static_cast<unsigned char>(text[i])];
            has_lower |= (cls & ascii_class::lower) != 0;
            has_upper |= (cls & ascii_class::upper) != 0;
        }
#endif
    }

    /// From a token boundary, skips ahead over white space, punctuation that `rules` lets it
    /// pass, ASCII words that `may_stop(ascii_key)` (a cheap filter, given the key's first 8
    /// bytes `lo` and `size` only) rejects and ASCII words that `word_stops(ascii_key)`
    /// passes, 64 bytes at a time. Returns
    /// true with the first word it stops at in `tok` and `key` (its gap and case bits unset;
    /// the tokenizer after it), or false at the token boundary where read() has to go on:
    /// before punctuation it may not pass, before the token of another non-ASCII byte (or the
    /// word it ends), before a word of 16 bytes or more, or within 80 bytes of the end. A scan
    /// that is at the root uses it: the tokens skipped would leave it there. A word that
    /// matters only with what follows (word_stop::unless_followed) is passed too when the next
    /// token is an ASCII word after one space that `word_follows(word, following)` rejects.
    template <class MayStop, class WordStops, class WordFollows>
    [[gnu::always_inline]] bool skip(MayStop&& may_stop, WordStops&& word_stops, WordFollows&& word_follows,
                                     skip_rules const& rules, raw_token& tok, ascii_key& key) noexcept {
#if defined(__SSE2__)
        auto const* const bytes = reinterpret_cast<unsigned char const*>(text_.data());
        auto const n = text_.size();
        auto base = pos_;
        // text in another script: read() goes on token by token, without a skip per token
        if (n - base < 80 || (bytes[base] | bytes[base + 1]) >= 0x80) return false;
        unsigned from = 0; // the bits of the block before are behind us
        if (base >= block_.base && base - block_.base < 64) { // back in the block of the last skip
            from = static_cast<unsigned>(base - block_.base);
            base = block_.base;
        } else {
            classify(bytes + base, rules);
            mark_looks(bytes + base, may_stop);
            block_.base = base;
        }
        for (;;) { // bytes[base + from] starts a token or is white space or punctuation
            auto const* const p = bytes + base;
            auto const unread = ~std::uint64_t{0} << from;
            auto const alnum = block_.alnum;
            auto stop = block_.high & unread;
            if (rules.any_punct_stop)
                for (auto punct = block_.punct & unread; punct != 0; punct &= punct - 1) {
                    auto const i = static_cast<unsigned>(std::countr_zero(punct));
                    if ((rules.punct_stops[p[i] >> 6] >> (p[i] & 63)) & 1u) {
                        stop |= std::uint64_t{1} << i;
                        break;
                    }
                }
            auto const first_stop = static_cast<unsigned>(std::countr_zero(stop)); // 64: none
            auto const before_stop = first_stop == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << first_stop) - 1;
            auto const alnum_ends = alnum & ~(alnum >> 1); // the last bytes of runs of letters and digits
            auto const open = open_ends();
            unsigned restart = 64;
            for (auto looks = block_.looks & unread & before_stop; looks != 0; looks &= looks - 1) {
                auto const last = lowest_bit(looks);
                // the run starts after the last byte below it that is no letter or digit
                auto const i = static_cast<unsigned>(std::bit_width(~alnum & (((std::uint64_t{1} << last) << 1) - 1)));
                if ((open >> last) & 1) {
                    if (last != 63) { // read() decides where it ends
                        pos_ = base + i;
                        return false;
                    }
                    restart = i; // start the next block at it
                    break;
                }
                auto const len = last + 1 - i;
                if (len >= 16) {
                    pos_ = base + i;
                    return false;
                }
                ascii_key word; // a local: `key` may live in memory
                word_key(p + i, len, word);
                if (auto const verdict = word_stops(word); verdict != word_stop::pass) {
                    auto const next = last + 2; // the word after one space, if it lies in the block
                    if (verdict == word_stop::unless_followed && next < 64 && p[last + 1] == ' ' && ((alnum >> next) & 1)) {
                        auto const next_last = next + lowest_bit(alnum_ends >> next);
                        if (!((open >> next_last) & 1) && next_last + 1 - next < 16) {
                            ascii_key following;
                            word_key(p + next, next_last + 1 - next, following);
                            if (!word_follows(word, following)) continue; // on to that word
                        }
                    }
                    key = word;
                    tok.begin = base + i;
                    tok.end = pos_ = base + i + len;
                    tok.word = true;
                    return true;
                }
            }
            if (restart == 64 && first_stop != 64) {
                pos_ = base + first_stop;
                return false;
            }
            if (restart == 0) break; // a word of 64 bytes or more
            base += restart;
            if (n - base < 80) break;
            classify(bytes + base, rules);
            mark_looks(bytes + base, may_stop);
            block_.base = base;
            from = 0;
        }
        pos_ = base;
#else
        (void)may_stop, (void)word_stops, (void)word_follows, (void)rules, (void)tok, (void)key;
#endif
        return false;
    }

private:
    /// Ends the usual token [begin, end) that an inline path of next() or read() found.
    [[gnu::always_inline]] void take(raw_token& tok, std::size_t begin, std::size_t end, bool spaced, bool word) noexcept {
        tok.begin = begin;
        tok.gap = spaced ? token_gap::space : token_gap::none;
        tok.word = word;
        tok.end = pos_ = end;
    }
    /// The index of the lowest set bit of `x`, which is not 0.
    static unsigned lowest_bit(std::uint64_t x) noexcept {
#if defined(__GNUC__)
        return static_cast<unsigned>(__builtin_ctzll(x)); // std::countr_zero also tests for 0
#else
        return static_cast<unsigned>(std::countr_zero(x));
#endif
    }

    /// The key of the ASCII word of `len` bytes (1 to 15) at `p` (16 bytes readable).
    static void word_key(unsigned char const* p, std::size_t len, ascii_key& key) noexcept {
        // per length: the bytes of each word it keeps (two tables: an index scaled by 8 is free)
        static constexpr auto kept = [](std::size_t word) {
            std::array<std::uint64_t, 16> masks{};
            for (std::size_t l = 0; l < 16; ++l) {
                std::array<unsigned char, 16> bytes{};
                for (std::size_t b = 0; b < l; ++b) bytes[b] = 0xFF;
                masks[l] = std::bit_cast<std::array<std::uint64_t, 2>>(bytes)[word];
            }
            return masks;
        };
        static constexpr auto kept_lo = kept(0), kept_hi = kept(1);
        std::uint64_t lo, hi;
        std::memcpy(&lo, p, 8);
        std::memcpy(&hi, p + 8, 8);
        // lower case (digits have the bit already); the second word always, masked to nothing up
        // to 8 bytes: a test of the length would be a branch on every word's length
        key.lo = (lo | 0x2020202020202020ull) & kept_lo[len];
        key.hi = (hi | 0x2020202020202020ull) & kept_hi[len];
        key.size = len;
    }

#if defined(__SSE2__)
    /// Sets block_'s masks for the 64 bytes at `p`, p[64..79] readable (the punctuation mask only
    /// if some punctuation stops skip()).
    void classify(unsigned char const* p, skip_rules const& rules) noexcept {
        // no test of the rules per 16 bytes: the loop unrolls into straight-line code
        std::uint64_t alnum = 0, high = 0, e2 = 0;
        for (unsigned j = 0; j < 4; ++j) {
            auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + 16 * j));
            alnum |= std::uint64_t{ascii_alnum_mask(v)} << (16 * j);
            high |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(v))} << (16 * j);
            e2 |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE2)))))}
                  << (16 * j);
        }
        if (rules.any_punct_stop) {
            std::uint64_t space = 0;
            for (unsigned j = 0; j < 4; ++j) {
                auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + 16 * j));
                auto const blank = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                                _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '\t'))),
                                                               _mm_set1_epi8(-128 + 5)));
                space |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(blank))} << (16 * j);
            }
            block_.punct = ~(alnum | high | space); // ASCII punctuation
        }
        block_.alnum = alnum;
        // a quote or dash within the block is no stop, like ASCII punctuation
        if (!rules.pass_typographic) e2 = 0;
        for (e2 &= (std::uint64_t{1} << 62) - 1; e2 != 0; e2 &= e2 - 1) {
            auto const i = static_cast<unsigned>(std::countr_zero(e2));
            auto const third = p[i + 2];
            if (p[i + 1] == 0x80 && third >= 0x80 && third < 0xA0 && ((skip_rules::typographic >> (third - 0x80)) & 1u))
                high &= ~(std::uint64_t{7} << i);
        }
        block_.high = high;
    }

    /// The bytes after which a run of letters and digits may go on: into the next block, or with
    /// a non-ASCII letter.
    [[nodiscard]] std::uint64_t open_ends() const noexcept { return (block_.high >> 1) | std::uint64_t{1} << 63; }

    /// Sets block_.looks (after classify()): a bit at the last byte of each ASCII word of the
    /// block that skip() has to look at: one that `may_stop` lets through, that may go on
    /// (open_ends()) or that is 16 bytes or longer. Every word is tested without a branch on the
    /// outcome (the filter passes a data-dependent few), so skip() branches on the few only.
    template <class MayStop>
    void mark_looks(unsigned char const* p, MayStop& may_stop) noexcept {
        static constexpr auto head_bytes = [] { // by last byte - first byte of a word: the bytes of its first 8
            std::array<std::uint64_t, 64> masks{};
            for (std::size_t d = 0; d < 64; ++d) masks[d] = d >= 7 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * (d + 1))) - 1;
            return masks;
        }();
        auto const alnum = block_.alnum;
        auto const ends = alnum & ~(alnum >> 1);
        auto run16 = alnum & (alnum << 1); // bit j: bytes j-15..j all letters or digits
        run16 &= run16 << 2;
        run16 &= run16 << 4;
        run16 &= run16 << 8;
        auto looks = ends & (open_ends() | run16);
        for (auto starts = alnum & ~(alnum << 1), rest = ends; starts != 0; starts &= starts - 1, rest &= rest - 1) {
            auto const i = lowest_bit(starts);
            auto const last = lowest_bit(rest);
            std::uint64_t head;
            std::memcpy(&head, p + i, 8);
            ascii_key word; // the first 8 bytes and the length only: all that may_stop reads
            word.lo = (head | 0x2020202020202020ull) & head_bytes[last - i];
            word.size = last + 1 - i;
            looks |= std::uint64_t{may_stop(word)} << last;
        }
        block_.looks = looks;
    }

    /// Folds the ASCII letters and digits that open the 16 readable bytes at `p` into `folded`
    /// (zero padded), sets the token's case bits from them, and returns how many there are.
    static std::size_t fold_ascii_head(unsigned char const* p, raw_token& tok, fold_buffer& folded) noexcept {
        auto const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        auto within = [v](char lo, char hi) {
            return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                                 _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
        };
        auto const upper = within('A', 'Z');
        auto const lower = within('a', 'z');
        auto const word = _mm_or_si128(_mm_or_si128(upper, lower), within('0', '9'));
        auto const len = std::countr_one(static_cast<unsigned>(_mm_movemask_epi8(word)) & 0xFFFFu);
        auto const keep = (1u << len) - 1u;
        auto const prefix = _mm_cmplt_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                           _mm_set1_epi8(static_cast<char>(len)));
        auto const lowered = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(folded.data.data()), _mm_and_si128(lowered, prefix));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(folded.data.data() + 16), _mm_setzero_si128());
        folded.size = static_cast<std::size_t>(len);
        tok.has_upper = (static_cast<unsigned>(_mm_movemask_epi8(upper)) & keep) != 0;
        tok.has_lower = (static_cast<unsigned>(_mm_movemask_epi8(lower)) & keep) != 0;
        return static_cast<std::size_t>(len);
    }
#endif

    /// next() for any token.
    [[gnu::noinline]] bool next_general(raw_token& tok, fold_buffer& folded) noexcept {
        // Locals, not members: stores through `tok` and `folded` could alias *this.
        auto const text = text_;
        auto const* const bytes = reinterpret_cast<unsigned char const*>(text.data());
        auto const n = text.size();
        auto pos = pos_;
        unsigned newlines = 0;
        bool spaced = false;
        while (pos < n) {
            auto const b = bytes[pos];
            if (b < 0x80) {
                auto const cls = ascii_class::table[b];
                if (!(cls & ascii_class::space)) break;
                if (cls & ascii_class::newline) // a line end: LF, CR, or CRLF counted once
                    newlines += (b == '\r' && pos + 1 < n && bytes[pos + 1] == '\n') ? 0u : 1u;
                spaced = true;
                ++pos;
                continue;
            }
            auto const d = decode_fast(text, pos);
            if (!is_space(d.cp)) break;
            if (d.cp == 0x2029) newlines += 2;
            else if (d.cp == 0x2028 || d.cp == 0x85) ++newlines;
            spaced = true;
            pos += d.length;
        }
        if (pos >= n) {
            pos_ = pos;
            return false;
        }

        tok.begin = pos;
        tok.gap = newlines >= 2 ? token_gap::paragraph : spaced ? token_gap::space : token_gap::none;
        tok.has_lower = tok.has_upper = false;
        folded.clear();

        auto const first = bytes[pos];
        if (first < 0x80) {
            if (!(ascii_class::table[first] & ascii_class::word)) {
                tok.word = false;
                folded.push(static_cast<char>(first));
                tok.end = pos_ = pos + 1;
                folded.pad();
                return true;
            }
        } else if (auto const d = decode_fast(text, pos); !word_char(d.cp)) {
            tok.word = false;
            fold_symbol_into(folded, d.cp);
            // a run of invalid bytes is one symbol
            tok.end = pos_ = d.cp == replacement_char && d.length == 1 ? invalid_run_end(text, pos + 1, n) : pos + d.length;
            folded.pad();
            return true;
        }

        tok.word = true;
#if defined(__SSE2__)
        // Fast path: the first up-to-16 bytes of a word, when they are ASCII letters and digits.
        if (n - pos >= 16 && first < 0x80) {
            auto const len = fold_ascii_head(bytes + pos, tok, folded);
            pos += len;
            if (len < 16 && bytes[pos] < 0x80) { // the word ended here
                tok.end = pos_ = pos;
                return true;
            }
        }
#endif
        bool lower = tok.has_lower, upper = tok.has_upper;
        while (pos < n) {
            auto const b = bytes[pos];
            if (b < 0x80) {
                auto const cls = ascii_class::table[b];
                if (!(cls & ascii_class::word)) break;
                lower |= (cls & ascii_class::lower) != 0;
                upper |= (cls & ascii_class::upper) != 0;
                folded.push(static_cast<char>(b | ((cls & ascii_class::upper) ? 0x20 : 0)));
                ++pos;
                continue;
            }
            auto const d = decode_fast(text, pos);
            if (!word_char(d.cp)) break;
            if (unspaced_script(d.cp)) { // one token per character, with its combining marks
                if (pos != tok.begin) break;
                fold_into(folded, d.cp);
                pos += d.length;
                while (pos < n && bytes[pos] >= 0x80) {
                    auto const m = decode_fast(text, pos);
                    if (!is_mark(m.cp)) break;
                    fold_into(folded, m.cp);
                    pos += m.length;
                }
                break;
            }
            lower |= is_lower(d.cp);
            upper |= is_upper(d.cp);
            fold_into(folded, d.cp);
            pos += d.length;
        }
        tok.has_lower = lower;
        tok.has_upper = upper;
        tok.end = pos_ = pos;
        folded.pad();
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    struct {
        std::size_t base = static_cast<std::size_t>(-1) / 2; ///< 64 bytes from here; no block yet
        std::uint64_t alnum = 0, high = 0, punct = 0;        ///< bit per byte: ASCII letter or digit, >= 0x80, ASCII punctuation
        std::uint64_t looks = 0;                             ///< see mark_looks
    } block_; ///< skip(): the block it last classified
};

} // namespace detail
BYLINE_END_NAMESPACE
