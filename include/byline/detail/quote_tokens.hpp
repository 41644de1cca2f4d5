#pragma once
// Tokens for quotation finding: words, the punctuation attribution patterns care about, and
// quotation-mark candidates with the flanking facts needed to tell openers, closers and
// apostrophes apart. One line (paragraph) is tokenised at a time, on the caller's bytes.
#include <byline/detail/ascii_simd.hpp>
#include <byline/detail/ascii_swar.hpp>
#include <byline/detail/utf8.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
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

/// No lexicon entry (see qtoken::entry).
inline constexpr std::uint32_t no_entry = ~std::uint32_t{0};
/// Not looked up yet (see qtoken::entry).
inline constexpr std::uint32_t unknown_entry = no_entry - 1;

struct qtoken {
    std::size_t begin = 0;
    std::size_t end = 0;
    qtok kind = qtok::other;
    std::uint8_t flags = 0;
    mark_glyph glyph = mark_glyph::straight_double;
    /// Words: the index of the lexicon entry spelled so, no_entry, or unknown_entry (as the
    /// tokenizer's sink says; the quote engine looks most words up only when a pattern asks).
    std::uint32_t entry = no_entry;
};

/// A growable array of tokens whose append is a capacity check and a store: the tokenizer
/// appends one per word, and std::vector's emplace_back was not inlined there (a call per token).
class token_buffer {
public:
    token_buffer() noexcept = default;
    token_buffer(token_buffer const&) = delete;
    token_buffer& operator=(token_buffer const&) = delete;
    ~token_buffer() { std::allocator<qtoken>{}.deallocate(data_, capacity_); }

    void push_back(qtoken const& t) {
        if (size_ == capacity_) [[unlikely]] grow(size_ + 1);
        std::construct_at(data_ + size_, t);
        ++size_;
    }
    void clear() noexcept { size_ = 0; }
    /// Room for `n` more tokens: where the next goes, for writes ended by commit() (a loop that
    /// appends many keeps its cursor in a register).
    [[nodiscard]] qtoken* claim(std::size_t n) {
        if (capacity_ - size_ < n) grow(size_ + n);
        return data_ + size_;
    }
    /// Ends the writes from claim(): the tokens now end at `end`.
    void commit(qtoken* end) noexcept { size_ = static_cast<std::size_t>(end - data_); }
    [[nodiscard]] qtoken const* data() const noexcept { return data_; }
    void swap(token_buffer& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] qtoken& operator[](std::size_t i) noexcept { return data_[i]; }
    [[nodiscard]] qtoken const& operator[](std::size_t i) const noexcept { return data_[i]; }
    [[nodiscard]] qtoken& front() noexcept { return data_[0]; }
    [[nodiscard]] qtoken const& front() const noexcept { return data_[0]; }
    [[nodiscard]] qtoken& back() noexcept { return data_[size_ - 1]; }
    [[nodiscard]] qtoken const& back() const noexcept { return data_[size_ - 1]; }

private:
    [[gnu::noinline]] void grow(std::size_t at_least) {
        std::size_t capacity = capacity_ < 256 ? 256 : 2 * capacity_;
        if (capacity < at_least) capacity = at_least;
        qtoken* const data = std::allocator<qtoken>{}.allocate(capacity);
        std::uninitialized_copy(data_, data_ + size_, data); // (trivially copyable: a memmove)
        std::allocator<qtoken>{}.deallocate(data_, capacity_);
        data_ = data;
        capacity_ = capacity;
    }

    qtoken* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// The first `n` (> 0; at most eight count) bytes of a little-endian load, ASCII case folded as
/// bytes | 0x20, the rest zero: how the lexicon's hashes see a word's bytes.
[[nodiscard]] constexpr std::uint64_t case_folded_bytes(std::uint64_t bytes, std::size_t n) noexcept {
    return (bytes | 0x2020202020202020ull) & first_bytes(n < 8 ? n : 8);
}

/// A hash of the `n` (> 0) bytes at `p`, of which 16 must be readable, for lexicon lookups: ASCII
/// case folded as bytes | 0x20 (the lookup compares the spelling, so folding punctuation along
/// with letters costs nothing but a rare probe), from the first 16 bytes and the length.
[[nodiscard]] inline std::uint32_t word_hash_padded(char const* p, std::size_t n) noexcept {
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, p, 8);
    a = case_folded_bytes(a, n);
    if (n > 8) {
        std::memcpy(&b, p + 8, 8);
        b = case_folded_bytes(b, n - 8);
    }
    std::uint64_t h = a ^ ((b << 31) | (b >> 33)) ^ n;
    h ^= h >> 29; // (so that the product's high half depends on every byte)
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::uint32_t>(h >> 32);
}

/// word_hash_padded for a word of which only `readable` bytes may be read.
[[nodiscard]] inline std::uint32_t word_hash(char const* p, std::size_t n, std::size_t readable) noexcept {
    if (readable >= 16) return word_hash_padded(p, n);
    char buf[16] = {};
    std::memcpy(buf, p, n < 16 ? n : 16);
    return word_hash_padded(buf, n);
}

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

/// The flags of a word of ASCII letters and digits, by its first byte.
inline constexpr auto simple_word_flags = [] {
    std::array<std::uint8_t, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = w_ascii | w_lower;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = w_ascii | w_cap;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = w_ascii | w_digit;
    return t;
}();

/// Which of the 64 bytes from `text[p]` are ASCII letters or digits (`alnum`) and which are
/// spaces (`space`), one bit each (bytes past the text's end are neither).
struct block_bits {
    std::uint64_t alnum = 0, space = 0;
};
[[nodiscard]] inline block_bits classify_bytes(std::string_view text, std::size_t p) noexcept {
    char const* at = text.data() + p;
    char buf[64];
    if (text.size() - p < 64) { // past the text's end: zeros, neither
        std::memset(buf, 0, sizeof buf);
        std::memcpy(buf, at, text.size() - p);
        at = buf;
    }
    block_bits m;
#if defined(__SSE2__)
    for (int k = 0; k < 4; ++k) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(at + 16 * k));
        m.alnum |= std::uint64_t{ascii_alnum_mask(v)} << (16 * k);
        m.space |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))))} << (16 * k);
    }
#else
    for (std::size_t k = 0; k < 64; ++k) {
        auto const b = static_cast<unsigned char>(at[k]);
        if (b < 0x80 && (quote_byte_class[b] & qb_word)) m.alnum |= std::uint64_t{1} << k;
        if (b == ' ') m.space |= std::uint64_t{1} << k;
    }
#endif
    return m;
}

/// The letters and digits of a 64-byte window of a line part, kept while the tokenizer moves
/// through it: the end of a word is then a bit scan, whether one space and another word follow
/// it a bit test, and one window serves the next several words.
struct alnum_window {
    /// Where the window starts; first past the text, so that any position loads it.
    std::size_t base;
    std::uint64_t bits = 0;   ///< ASCII letters and digits before the part's end
    std::uint64_t spaced = 0; ///< spaces before one of `bits`

    explicit alnum_window(std::string_view text) noexcept : base(text.size() + 64) {}

    /// Loads the window at `p` (< `end`, the part's end).
    void load(std::string_view text, std::size_t p, std::size_t end) noexcept {
        auto const m = classify_bytes(text, p);
        std::size_t const room = end - p < 64 ? end - p : 64; // (at least 1)
        base = p;
        bits = m.alnum & (~std::uint64_t{0} >> (64 - room)); // (no branch: the line's end is anywhere)
        spaced = m.space & (bits >> 1);
    }

    /// The end of the run of ASCII letters and digits starting at `p` (at most `end`).
    [[nodiscard]] std::size_t run_end(std::string_view text, std::size_t p, std::size_t end) noexcept {
        while (p < end) {
            if (p - base >= 64) [[unlikely]]
                load(text, p, end);
            std::uint64_t const stops = ~bits >> (p - base); // (bits past the window read as letters)
            if (stops != 0) {
                p += static_cast<std::size_t>(__builtin_ctzll(stops));
                break;
            }
            p = base + 64;
        }
        return p < end ? p : end;
    }
};

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
    // static: GCC copied a local array to the stack on every call
    static constexpr std::string_view titles[] = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col",
                                                  "Sgt", "Rev", "Prof", "St", "Jr", "Sr", "Capt", "Adm", "Cmdr",
                                                  "Maj", "Pres", "Sens", "Reps", "Atty", "Supt", "Mt", "No"};
    for (auto t : titles)
        if (w == t) return true;
    return false;
}

/// decode() with the General Punctuation block (U+2000-U+206F: ’ “ ” — …, most of the non-ASCII
/// of news text) decoded here, without the library call.
[[nodiscard]] inline decoded decode_punctuation_fast(std::string_view text, std::size_t pos) noexcept {
    auto const* const u = reinterpret_cast<unsigned char const*>(text.data()) + pos;
    if (pos + 2 < text.size() && ((u[0] == 0xE2) & ((u[1] & 0xFE) == 0x80) & ((u[2] & 0xC0) == 0x80))) // (one branch)
        return {static_cast<char32_t>(0x2000u | ((u[1] & 1u) << 6) | (u[2] & 0x3Fu)), 3};
    return decode(text, pos);
}

/// is_word_char, answering General Punctuation (no letters, marks or digits there) without the library call.
[[nodiscard]] inline bool is_word_char_fast(char32_t cp) noexcept {
    if (cp < 0x80) return (quote_byte_class[cp] & qb_word) != 0;
    if (cp - 0x2000u < 0x70u) return false;
    return is_word_char(cp);
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
        auto const d = b < 0x80 ? decoded{b, 1} : decode_punctuation_fast(text, q);
        if (!is_quotation_mark(d.cp)) break;
        q += d.length;
        ++marks;
    }
    return marks > max_mark_run ? q : pos;
}

/// The common words, ASCII letters and digits before white space or punctuation that joins
/// nothing, from `p` on while each is followed by at most a comma or a period and one space (and,
/// when `Budgeted`, while the budget lasts): the general path of tokenize_line_part gives the
/// same tokens, decoding each byte. Returns where it stopped (`p` when it made no token).
template <bool Budgeted, class Sink>
std::size_t simple_words(std::string_view text, std::size_t p, std::size_t end, token_buffer& out,
                         std::size_t& tokens_left, alnum_window& alnum, Sink const& sink_ref) {
    // (locals, not references, so that the compiler keeps them in registers across the stores
    // of the tokens, which may alias anything)
    char const* const s = text.data();
    Sink const sink = sink_ref;
    std::size_t base = alnum.base;
    std::uint64_t bits = alnum.bits;
    std::uint64_t spaced = alnum.spaced;
    std::size_t left = tokens_left;
    // (tokens are at least a byte each, and when Budgeted no more than the budget left)
    std::size_t const most = Budgeted && left < end - p ? left : end - p;
    qtoken* const first_out = out.claim(most);
    qtoken* w = first_out;
    std::size_t const first_index = out.size();
    for (;;) {
        if constexpr (Budgeted) {
            if (left == 0) break;
        }
        auto const first = static_cast<unsigned char>(s[p]); // (an ASCII letter or digit)
        // the end of the run of letters and digits, from the window's bits
        std::size_t offset = p - base;
        std::uint64_t stops = offset < 64 ? ~bits >> offset : 0; // (bits past the window read as letters)
        // a word that reaches the window's last byte: the next window from here, which tells what follows
        if (offset + static_cast<std::size_t>(std::countr_zero(stops)) >= 63) [[unlikely]] {
            alnum.load(text, p, end);
            base = p;
            bits = alnum.bits;
            spaced = alnum.spaced;
            offset = 0;
            stops = ~bits;
            if (stops == 0) break; // (a long word: the general path)
        }
        std::size_t const word_end = offset + static_cast<std::size_t>(std::countr_zero(stops));
        std::size_t q = base + word_end;
        if ((spaced >> word_end) & 1u) { // one space and another word after it: most words
            auto const entry = sink.entry(first_index + static_cast<std::size_t>(w - first_out), s + p, q - p, text.size() - p);
            *w++ = qtoken{p, q, qtok::word, simple_word_flags[first], {}, entry};
            if constexpr (Budgeted) --left;
            p = q + 1;
            continue;
        }
        std::size_t const after = q < end ? static_cast<unsigned char>(s[q]) : 0u;
        if (after != ' ') {
            if (after >= 0x80) break;
            if (after == '.') {
                std::size_t const after_period = q + 1 < end ? static_cast<unsigned char>(s[q + 1]) : 0u;
                if (after_period >= 0x80 || (quote_byte_class[after_period] & qb_word)) break;
                // the period an initial or title keeps (see tokenize_line_part); the word holds no joiner
                bool const upper = (quote_byte_class[first] & qb_upper) != 0;
                if ((q == p + 1 && upper) || after_period == ',' ||
                    (q - p <= 4 && upper && is_title_abbreviation({s + p, q - p})))
                    ++q;
            } else if (quote_byte_class[after] & qb_joiner) {
                break;
            }
        }
        auto const entry = sink.entry(first_index + static_cast<std::size_t>(w - first_out), s + p, q - p, text.size() - p);
        *w++ = qtoken{p, q, qtok::word, simple_word_flags[first], {}, entry};
        if constexpr (Budgeted) --left;
        p = q;
        if (p + 1 >= end) break;
        if (s[p] != ' ') { // (most words end at a space)
            // a comma or a lone period before the space (the general path's tokens for them)
            if (!(s[p] == ',' || (s[p] == '.' && s[p + 1] != '.'))) break;
            if constexpr (Budgeted) {
                if (left == 0) break;
                --left;
            }
            if (s[p] == '.') sink.punct(first_index + static_cast<std::size_t>(w - first_out), qtok::terminal);
            *w++ = qtoken{p, p + 1, s[p] == ',' ? qtok::comma : qtok::terminal, 0, {}, no_entry};
            ++p;
            if (p + 1 >= end || s[p] != ' ') break;
        }
        // on over one space to the next word, or back to the caller
        auto const next = static_cast<unsigned char>(s[p + 1]);
        if (next >= 0x80 || !(quote_byte_class[next] & qb_word)) break;
        p += 1;
    }
    out.commit(w);
    alnum.base = base;
    alnum.bits = bits;
    alnum.spaced = spaced;
    if constexpr (Budgeted) tokens_left = left;
    return p;
}

/// Splits `text[from, end)`, the rest of the line `text[begin, end)`, into tokens appended to
/// `out` (a token's flags see the whole line, so a line tokenised in parts gives the tokens of
/// the whole). Once `budget` tokens are out it stops at the next sentence end (a terminal before
/// white space), or at twice the budget, before a token; it makes at least one token. Returns
/// where it stopped (`end` when it did not).
///
/// `sink` hears of what the caller would otherwise search the tokens for:
/// `sink.entry(index, bytes, size, readable)` gives qtoken::entry for the word about to be appended
/// to `out` at `index` (`readable`: how many bytes may be read from `bytes`), and `sink.punct(index, kind)`
/// is told of each terminal and mark.
template <class Sink>
std::size_t tokenize_line_part(std::string_view text, std::size_t begin, std::size_t from, std::size_t end,
                               token_buffer& out, std::size_t budget, Sink&& sink) {
    auto is_word_at = [&](std::size_t p) noexcept {
        if (p >= end) return false;
        auto const b = static_cast<unsigned char>(text[p]);
        if (b < 0x80) return is_word_char(b);
        return is_word_char_fast(decode_punctuation_fast(text, p).cp);
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
        auto const d = decode_punctuation_fast(text, p);
        auto const c = d.cp;
        return is_space(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
               c == ']' || c == '}' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2026 || c == '-' ||
               c == 0x201D || c == 0x2019 || c == 0xBB || c == '"' || c == '\'' || c == '*' || c == 0x300D ||
               c == 0x300F;
    };
    std::size_t const first = out.size();
    std::size_t tokens_left = budget > 0 ? budget : 1; // counts the tokens pushed down to 0
    auto push_mark = [&](std::size_t b, std::size_t e, mark_glyph g) {
        qtoken t{b, e, qtok::mark, 0, g, no_entry};
        if (opening_context(b)) t.flags |= m_space_before;
        if (closing_context(e)) t.flags |= m_space_after;
        if (is_word_before(b)) t.flags |= m_word_before;
        if (is_word_at(e)) t.flags |= m_word_after;
        if (b > begin && text[b - 1] >= '0' && text[b - 1] <= '9') t.flags |= m_digit_before;
        sink.punct(out.size(), qtok::mark);
        out.push_back(t);
        --tokens_left;
    };
    auto push = [&](std::size_t b, std::size_t e, qtok k) {
        if (k == qtok::terminal) sink.punct(out.size(), k);
        out.push_back(qtoken{b, e, k, 0, {}, no_entry});
        --tokens_left;
    };

    alnum_window alnum(text);
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
            // (tokens are never fewer bytes than tokens: a budget beyond the rest of the line is not counted)
            std::size_t const q = end - p > tokens_left
                                      ? simple_words<true>(text, p, end, out, tokens_left, alnum, std::as_const(sink))
                                      : simple_words<false>(text, p, end, out, tokens_left, alnum, std::as_const(sink));
            if (q != p) {
                p = q;
                continue;
            }
        }
        auto const d = b < 0x80 ? decoded{b, 1} : decode_punctuation_fast(text, p);
        auto const c = d.cp;
        std::size_t const next = p + d.length;
        if (is_word_char_fast(c)) {
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
                        q = alnum.run_end(text, q + 1, end);
                        continue;
                    }
                    if (!(f & qb_joiner)) break;
                }
                auto const qd = qb < 0x80 ? decoded{qb, 1} : decode_punctuation_fast(text, q);
                if (qd.cp >= 0x80 && is_word_char_fast(qd.cp)) {
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
            auto const entry = sink.entry(out.size(), w.data(), w.size(), text.size() - p);
            out.push_back(qtoken{p, q, qtok::word, flags, {}, entry});
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

/// A sink that wants nothing: words get no lexicon entry.
struct no_token_sink {
    std::uint32_t entry(std::size_t, char const*, std::size_t, std::size_t) const noexcept { return no_entry; }
    void punct(std::size_t, qtok) const noexcept {}
};

inline std::size_t tokenize_line_part(std::string_view text, std::size_t begin, std::size_t from, std::size_t end,
                                      std::vector<qtoken>& out, std::size_t budget) {
    token_buffer tokens; // (the budget counts this call's tokens alone, so a fresh buffer gives the same)
    std::size_t const stop = tokenize_line_part(text, begin, from, end, tokens, budget, no_token_sink{});
    out.insert(out.end(), tokens.data(), tokens.data() + tokens.size());
    return stop;
}

/// Splits `text[begin, end)` (one line) into tokens appended to `out`.
inline void tokenize_line(std::string_view text, std::size_t begin, std::size_t end, std::vector<qtoken>& out) {
    (void)tokenize_line_part(text, begin, begin, end, out, static_cast<std::size_t>(-1));
}

} // namespace detail
BYLINE_END_NAMESPACE
