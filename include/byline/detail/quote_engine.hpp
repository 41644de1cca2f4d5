#pragma once
// The quote finder's single pass over a document: paragraphs are tokenised once, quotation marks
// are paired inside a paragraph (or a run of paragraphs for a multi-paragraph quote), and each
// quote is attributed by a sieve of token patterns that look only a bounded distance around it.
#include <byline/detail/ascii_swar.hpp>
#include <byline/detail/cue_table.hpp>
#include <byline/detail/names_tables.hpp>
#include <byline/detail/quote_grammar.hpp>
#include <byline/detail/quote_tokens.hpp>
#include <byline/document.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail {

struct quote_settings {
    bool indirect = true;
    bool carry_over = true;
    std::size_t max_block_paragraphs = 8;
};

inline constexpr std::size_t no_token = static_cast<std::size_t>(-1);

/// Lower-cased ASCII spelling of a word token, or "" when it is not short ASCII.
class lowered {
public:
    lowered(std::string_view text, qtoken const& t) noexcept {
        if (t.kind != qtok::word || !(t.flags & w_ascii) || t.end - t.begin > sizeof(buf_)) return;
        size_ = t.end - t.begin;
        for (std::size_t i = 0; i < size_; ++i) {
            char const c = text[t.begin + i];
            buf_[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        }
    }
    [[nodiscard]] std::string_view view() const noexcept { return {buf_, size_}; }

private:
    char buf_[24] = {};
    std::size_t size_ = 0;
};

template <std::size_t N>
[[nodiscard]] constexpr bool one_of(std::string_view w, std::array<std::string_view, N> const& set) noexcept {
    if (w.empty()) return false;
    for (auto s : set) {
        // (short words: a byte loop, not a memcmp call; the length and the first byte in one
        // test, which only the word itself passes as a rule, where the length alone was often
        // a mispredicted branch)
        if (((s.size() ^ w.size()) | static_cast<unsigned char>(s[0] ^ w[0])) != 0) continue;
        std::size_t k = 1;
        while (k < w.size() && s[k] == w[k]) ++k;
        if (k == w.size()) return true;
    }
    return false;
}

/// Lower-case words of at most 16 bytes packed for word_in: each word's bytes as two
/// little-endian words, zero padded (which tells the length: no word holds a zero byte), so that
/// a token is compared with each by one or two equalities (the token loaded and lower cased
/// once), not byte by byte.
template <std::size_t N>
struct packed_words {
    std::array<std::uint64_t, N> head{}, tail{};
    bool longer_than_8 = false; ///< some word has a tail

    consteval explicit packed_words(std::array<std::string_view, N> const& words) {
        for (std::size_t k = 0; k < N; ++k) {
            auto const w = words[k];
            if (w.empty() || w.size() > 16) throw "packed_words: 1 to 16 bytes a word"; // (a compile-time error)
            longer_than_8 = longer_than_8 || w.size() > 8;
            for (std::size_t b = 0; b < w.size(); ++b) {
                if ((w[b] >= 'A' && w[b] <= 'Z') || w[b] == 0) throw "packed_words: lower case words";
                auto const byte = std::uint64_t{static_cast<unsigned char>(w[b])} << (8 * (b % 8));
                (b < 8 ? head[k] : tail[k]) |= byte;
            }
        }
    }
};

template <std::size_t N>
packed_words(std::array<std::string_view, N> const&) -> packed_words<N>;

/// Whether the `n` (> 0) bytes at `p`, of which `readable` may be read, none of them zero (a
/// word token's), spell a word of `set`, ASCII case-insensitively.
template <std::size_t N>
[[nodiscard]] bool among(char const* p, std::size_t n, std::size_t readable, packed_words<N> const& set) noexcept {
    if (n > (set.longer_than_8 ? 16u : 8u)) return false;
    char buffer[16] = {};
    if (readable < 16) { // (then n bytes are all there are to read)
        std::memcpy(buffer, p, n);
        p = buffer;
    }
    std::uint64_t head = 0;
    std::memcpy(&head, p, 8);
    head = ascii_lower8(head) & first_bytes(n < 8 ? n : 8);
    bool found = false;
    if (!set.longer_than_8) { // (a word's zero padding matches only a word of its length)
        for (std::size_t k = 0; k < N; ++k) found |= set.head[k] == head;
        return found;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p + 8, 8);
    tail = n > 8 ? ascii_lower8(tail) & first_bytes(n - 8) : 0;
    for (std::size_t k = 0; k < N; ++k) found |= ((set.head[k] ^ head) | (set.tail[k] ^ tail)) == 0;
    return found;
}

inline constexpr word_set speaker_pronouns{wc_pronoun};
inline constexpr word_set determiners{wc_determiner};
inline constexpr word_set auxiliaries{wc_auxiliary};
inline constexpr word_set negations{wc_negation};
inline constexpr word_set np_stops{wc_np_stop};
inline constexpr word_set clause_openers{wc_clause_opener};
inline constexpr word_set name_connectors{wc_name_connector};
inline constexpr word_set hearer_verbs{wc_hearer_verb};
inline constexpr word_set quantifiers{wc_quantifier};
/// What follows a cue word used as a noun ("the report is", "a statement from").
inline constexpr packed_words noun_followers{std::array<std::string_view, 15>{
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should", "from"}};
/// What stands before a cue word used as a noun ("of Republican claims").
inline constexpr packed_words noun_prepositions{
    std::array<std::string_view, 9>{"of", "for", "to", "with", "in", "on", "at", "from", "about"}};
inline constexpr packed_words irregular_pasts{std::array<std::string_view, 24>{
    "made", "took", "gave", "put", "went", "got", "saw", "thought", "felt", "sent", "set", "led", "won", "lost",
    "came", "ran", "held", "kept", "left", "began", "became", "paid", "met", "knew"}};
/// Words that open a relative clause after a noun ("the one who said", ", which said").
inline constexpr packed_words relative_pronouns{std::array<std::string_view, 3>{"who", "which", "that"}};
/// Auxiliaries of a perfect tense ("has been pounding", "had gone after").
inline constexpr packed_words perfect_auxiliaries{std::array<std::string_view, 4>{"has", "have", "had", "been"}};
/// What may stand inside a time adverbial before a time word ("this week", "on Monday").
inline constexpr packed_words time_modifiers{std::array<std::string_view, 6>{"this", "last", "next", "on", "early", "late"}};
/// Prepositions whose noun phrase is their object, not a speaker.
inline constexpr packed_words object_prepositions{std::array<std::string_view, 11>{
    "of", "to", "for", "with", "about", "at", "on", "in", "from", "by", "against"}};

class quote_engine {
public:
    quote_engine(document& doc, cue_table const& cues, quote_settings const& settings)
        : doc_(doc), text_(doc.text), lexicon_(cues.lookup()), settings_(settings) {
        swap_buffers();
    }
    ~quote_engine() { swap_buffers(); }
    quote_engine(quote_engine const&) = delete;
    quote_engine& operator=(quote_engine const&) = delete;

    void run() {
        std::size_t const n = text_.size();
        std::size_t pos = 0;        // where the next unit starts
        std::size_t line_begin = 0; // the start of its line: a unit may start inside a long line
        std::size_t line_end = line_end_from(0);
        auto next_line = [&](std::size_t from) {
            pos = line_begin = from;
            if (from < n) line_end = line_end_from(from);
        };
        while (pos < n) {
            if (is_blank(pos, line_end)) {
                next_line(line_end + 1);
                continue;
            }
            begin_unit();
            std::size_t const unit_begin = pos;
            std::size_t unit_end = add_line(line_begin, pos, line_end);
            // A quote left open at the end of a paragraph continues when the next paragraph
            // opens with a quotation mark (the multi-paragraph convention); otherwise it is
            // repaired at the paragraph's end.
            for (std::size_t paragraphs = 1; open_ != no_token && unit_end == line_end && paragraphs < 40 &&
                                              toks_.size() < max_unit_tokens;
                 ++paragraphs) {
                std::size_t next = line_end + 1;
                while (next < n) {
                    std::size_t const e = line_end_from(next);
                    if (!is_blank(next, e)) break;
                    next = e + 1;
                }
                if (next >= n || !starts_with_double_opener(next)) break;
                if (opens_labelled_turn(next)) break; // a transcript's next speaker: a new quote
                line_begin = next;
                line_end = line_end_from(next);
                continuation_mark_ = true;
                nested_ = no_token; // a nested quote ends with its paragraph
                unit_end = add_line(next, next, line_end);
            }
            if (open_ != no_token) {
                pieces_.push_back({open_, no_token, false});
                open_ = no_token;
            }
            if (!inert_unit()) process_unit(unit_begin, unit_end);
            ++unit_no_;
            if (unit_end < line_end) pos = unit_end; // the rest of a cut line is the next unit
            else next_line(line_end + 1);
        }
        flush_block();
        std::stable_sort(doc_.quotes.begin(), doc_.quotes.end(),
                         [](quotation const& a, quotation const& b) { return a.span.begin < b.span.begin; });
    }

private:
    struct piece { ///< a pair of marks (or a repaired half) found in the current unit
        std::size_t open;  ///< token index, or no_token: the quote starts at the paragraph start
        std::size_t close; ///< token index, or no_token: the quote runs to the paragraph end
        bool single;       ///< single-family marks
    };
    struct attribution {
        byte_span speaker;
        byte_span cue;
        std::optional<std::uint32_t> entity;
        std::size_t cue_token = no_token; ///< in the current unit
        std::size_t content_from = no_token; ///< first token of the reported content, when a cue introduces it
        bool before = false;                 ///< the cue stands before the quote
    };
    struct remembered { ///< the last attribution, for carry-over and pronouns
        attribution who;
        std::size_t unit = 0;
        bool valid = false;
    };
    struct open_block {
        bool active = false;
        byte_span span;
        attribution who;
        std::size_t paragraphs = 0;
        bool closed = false; ///< ended by a stray closing mark
    };

    /// The per-unit buffers, kept by the thread between documents so that their capacity is
    /// reused instead of grown again for each one.
    struct buffers {
        token_buffer toks;
        std::vector<std::size_t> punct, marks, cue_words, line_first;
        std::vector<piece> pieces;
        std::vector<std::uint8_t> inside, closing, sentence_start;
    };
    /// Takes the thread's buffers (at construction) or gives them back (at destruction);
    /// every unit clears what it uses first.
    void swap_buffers() noexcept {
        thread_local buffers spare;
        toks_.swap(spare.toks);
        punct_.swap(spare.punct);
        marks_.swap(spare.marks);
        cue_words_.swap(spare.cue_words);
        line_first_.swap(spare.line_first);
        pieces_.swap(spare.pieces);
        inside_.swap(spare.inside);
        closing_.swap(spare.closing);
        sentence_start_.swap(spare.sentence_start);
    }

    // ---- lines and units -------------------------------------------------------------------

    [[nodiscard]] std::size_t line_end_from(std::size_t pos) const noexcept { return detail::line_end_from(text_, pos); }
    [[nodiscard]] bool is_blank(std::size_t b, std::size_t e) const noexcept {
        for (std::size_t i = b; i < e;) {
            auto const c = static_cast<unsigned char>(text_[i]);
            if (c < 0x80) {
                if (!(c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')) return false;
                ++i;
                continue;
            }
            auto const d = decode(text_, i);
            if (!is_space(d.cp)) return false;
            i += d.length;
        }
        return true;
    }
    /// “PENCE: ...” : a paragraph whose quotation opens with a transcript speaker label.
    [[nodiscard]] bool opens_labelled_turn(std::size_t pos) const {
        while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t')) ++pos;
        if (pos >= text_.size()) return false;
        pos += decode(text_, pos).length;
        if (pos < text_.size() && (text_[pos] == '`' || text_[pos] == '\'')) ++pos; // `` and ''
        return quote_grammar::speaker_label_at(text_, pos).has_value();
    }

    [[nodiscard]] bool starts_with_double_opener(std::size_t pos) const noexcept {
        while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t')) ++pos;
        if (pos >= text_.size()) return false;
        auto const c = decode(text_, pos).cp;
        if (c == '`' || c == '\'') return pos + 1 < text_.size() && static_cast<char32_t>(text_[pos + 1]) == c;
        return c == '"' || c == 0x201C || c == 0x201E || c == 0xAB || c == 0x300C;
    }

    void begin_unit() {
        toks_.clear();
        token_count_ = 0;
        punct_.clear();
        marks_.clear();
        cue_words_.clear();
        pieces_.clear();
        inside_.clear();
        sentence_start_.clear();
        open_ = no_token;
        nested_ = no_token;
        continuation_mark_ = false;
        line_first_.clear();
    }

    /// A unit with no quotation mark and no cue word, outside a block quote, that neither
    /// opens with a speaker label nor ends in a colon: no pattern finds anything in it, so
    /// process_unit would change nothing.
    [[nodiscard]] bool inert_unit() const {
        if (!marks_.empty() || !cue_words_.empty() || block_.active || toks_.empty()) return false;
        if (toks_.back().kind == qtok::colon) return false;
        return !(is_cap(0) && quote_grammar::speaker_label_at(text_, toks_.front().begin));
    }

    /// Most tokens a unit holds: a longer line (no ordinary paragraph comes near: 32768 tokens
    /// are about 150 KB of news) is cut into units at sentence ends, so the per-unit buffers
    /// stay small and are reused instead of growing with the line.
    static constexpr std::size_t max_unit_tokens = std::size_t{1} << 15;

    /// Tokenises the line `[line_b, e)` from `from` and pairs its marks; returns where the
    /// tokens stop: `e`, or earlier when the unit is full (see max_unit_tokens).
    std::size_t add_line(std::size_t line_b, std::size_t from, std::size_t e) {
        std::size_t const first = toks_.size();
        line_first_.push_back(first);
        std::size_t const first_mark = marks_.size();
        std::size_t const stop = tokenize_line_part(text_, line_b, from, e, toks_, max_unit_tokens, unit_sink{lexicon_, this});
        token_count_ = toks_.size();
        pair_double_marks(first, first_mark);
        return stop;
    }

    /// Collects, while a line is tokenised, what the unit's passes look up: the cue words (the
    /// other words' lexicon entries wait until a pattern asks, see lex()), terminals and marks.
    struct unit_sink {
        cue_table::view lexicon; // (a copy: see simple_words)
        quote_engine* engine;
        [[gnu::always_inline]] std::uint32_t entry(std::size_t index, char const* word, std::size_t n,
                                                   std::size_t readable) const {
            if (!lexicon.may_start_cue(word, n, readable)) [[likely]] return unknown_entry;
            return look_up(index, word, n, readable);
        }
        // (out of line: the filter passes few words, and the caller's loop keeps its registers)
        [[gnu::noinline]] std::uint32_t look_up(std::size_t index, char const* word, std::size_t n,
                                                std::size_t readable) const {
            auto const found = lexicon.find(word, n, readable);
            if (found != no_entry && lexicon[found].cue) engine->cue_words_.push_back(index);
            return found;
        }
        void punct(std::size_t index, qtok kind) const {
            engine->punct_.push_back(index);
            if (kind == qtok::mark) engine->marks_.push_back(index);
        }
    };

    /// Token i's lexicon entry, if any (looked up at the first ask).
    [[nodiscard]] lexeme const* lex(std::size_t i) const noexcept {
        auto const e = toks_[i].entry;
        if (e == unknown_entry) [[unlikely]] return look_up(i);
        return e == no_entry ? nullptr : &lexicon_[e];
    }
    [[gnu::noinline]] lexeme const* look_up(std::size_t i) const noexcept {
        auto& t = toks_[i];
        t.entry = lexicon_.find(text_.data() + t.begin, t.end - t.begin, text_.size() - t.begin);
        return t.entry == no_entry ? nullptr : &lexicon_[t.entry];
    }
    /// Whether token i surely starts no cue, without a lookup (the tokenizer's sink looked up
    /// every word that may).
    [[nodiscard]] bool starts_no_cue(std::size_t i) const noexcept {
        return !is_word(i) || toks_[i].entry == unknown_entry;
    }

    // ---- pairing ---------------------------------------------------------------------------

    static bool can_open(mark_glyph g) noexcept {
        switch (g) {
        case mark_glyph::straight_double: case mark_glyph::left_double: case mark_glyph::low_double:
        case mark_glyph::reversed_double: case mark_glyph::left_guillemet: case mark_glyph::backticks:
        case mark_glyph::two_apostrophes: case mark_glyph::left_corner: return true;
        default: return false;
        }
    }
    static bool straight_style(mark_glyph g) noexcept {
        return g == mark_glyph::straight_double || g == mark_glyph::two_apostrophes || g == mark_glyph::backticks;
    }
    static bool closes_nested(mark_glyph inner, mark_glyph g, bool right) noexcept {
        switch (inner) {
        case mark_glyph::left_double: return g == mark_glyph::right_double || (g == mark_glyph::left_double && right);
        case mark_glyph::low_double: return g == mark_glyph::left_double || g == mark_glyph::right_double;
        case mark_glyph::left_guillemet: return g == mark_glyph::right_guillemet;
        case mark_glyph::left_corner: return g == mark_glyph::right_corner;
        default: return straight_style(g) && g != mark_glyph::backticks;
        }
    }
    static bool is_ambiguous(mark_glyph g) noexcept {
        return g == mark_glyph::straight_double || g == mark_glyph::two_apostrophes;
    }

    void pair_double_marks(std::size_t first, std::size_t first_mark) {
        for (std::size_t m = first_mark; m < marks_.size(); ++m) {
            std::size_t const i = marks_[m];
            auto const& t = toks_[i];
            if (!is_double_family(t.glyph)) continue;
            if (continuation_mark_ && i == first) { // the opener of a continued paragraph
                continuation_mark_ = false;
                continue;
            }
            bool const left = (t.flags & m_space_before) && !(t.flags & m_space_after);
            bool const right = (t.flags & m_space_after) && !(t.flags & m_space_before);
            if (open_ == no_token) {
                if (t.glyph == mark_glyph::straight_double && (t.flags & m_digit_before) && !(t.flags & m_word_after))
                    continue; // 5'11" and 12" : inches
                // a wrong-way ” opening a quote (”Mr. Trump embodies ...”) flanks a word on its left
                bool const wrong_way = t.glyph == mark_glyph::right_double && left && (t.flags & m_word_after);
                if ((can_open(t.glyph) && !right) || wrong_way) open_ = i;
                else if (!can_open(t.glyph) || is_ambiguous(t.glyph) || t.glyph == mark_glyph::left_double) {
                    // a closing mark with no opener: a block or paragraph-initial quote whose
                    // opening mark was lost, when it is the first mark of the paragraph
                    if (pieces_.empty() && i == first_double_mark(first_mark, i)) pieces_.push_back({no_token, i, false});
                }
            } else {
                auto const og = toks_[open_].glyph;
                // A quote nested in the other style ("… the question: “As you know …” …"): its
                // marks belong to the content; only its own closer ends it.
                if (nested_ != no_token) {
                    if (closes_nested(toks_[nested_].glyph, t.glyph, right)) nested_ = no_token;
                    continue;
                }
                if (left && can_open(t.glyph) && straight_style(og) != straight_style(t.glyph)) {
                    nested_ = i;
                    continue;
                }
                bool closes = false;
                if (t.glyph == mark_glyph::left_double) closes = og == mark_glyph::low_double || right;
                else if (t.glyph == mark_glyph::backticks || t.glyph == mark_glyph::low_double ||
                         t.glyph == mark_glyph::left_guillemet || t.glyph == mark_glyph::left_corner)
                    closes = false;
                else closes = !(left && is_ambiguous(t.glyph) && i == open_ + 1);
                if (closes) {
                    pieces_.push_back({open_, i, false});
                    open_ = no_token;
                    nested_ = no_token;
                } else {
                    open_ = i; // the earlier opener was never closed: drop it
                }
            }
        }
    }

    /// The first double-family mark from marks_[first_mark] on.
    [[nodiscard]] std::size_t first_double_mark(std::size_t first_mark, std::size_t fallback) const noexcept {
        for (std::size_t m = first_mark; m < marks_.size(); ++m)
            if (is_double_family(toks_[marks_[m]].glyph)) return marks_[m];
        return fallback;
    }

    /// Single quotation marks outside double quotes: an opener at a word start paired with the
    /// next closer at a word end in the same paragraph; everything else is an apostrophe.
    void pair_single_marks() {
        std::size_t open = no_token;
        for (std::size_t const i : marks_) { // (no other token changes anything)
            auto const& t = toks_[i];
            if (is_double_family(t.glyph)) {
                open = no_token;
                continue;
            }
            if (inside_[i]) continue;
            bool const opener = (t.flags & m_space_before) && !(t.flags & m_word_before) && !(t.flags & m_space_after);
            bool const closer = !(t.flags & m_space_before) && (t.flags & m_space_after) && !(t.flags & m_word_after);
            if (open == no_token) {
                if (opener && t.glyph != mark_glyph::right_single && t.glyph != mark_glyph::right_angle) open = i;
            } else if (closer && t.glyph != mark_glyph::left_angle && t.glyph != mark_glyph::backtick &&
                       t.glyph != mark_glyph::low_single) {
                if (i > open + 1) pieces_.push_back({open, i, true});
                open = no_token;
            } else if (opener && i > open + 40) {
                open = i;
            }
        }
    }

    // ---- token helpers -----------------------------------------------------------------------

    [[nodiscard]] bool is_word(std::size_t i) const noexcept { return i < token_count_ && toks_[i].kind == qtok::word; }
    [[nodiscard]] std::string_view token_text(std::size_t i) const noexcept {
        return {text_.data() + toks_[i].begin, toks_[i].end - toks_[i].begin};
    }
    // (inlined: most asks are of words already looked up, and a call cost more than the test)
    [[nodiscard, gnu::always_inline]] bool word_in(std::size_t i, word_set set) const noexcept {
        if (!is_word(i)) return false;
        auto e = toks_[i].entry;
        if (e == unknown_entry) [[unlikely]] e = look_up(i) ? toks_[i].entry : no_entry;
        // (a word with no entry reads entry 0's classes, masked off: no branch on whether it has one)
        std::uint32_t const known = 0u - std::uint32_t{e != no_entry};
        return (lexicon_[e & known].classes & set.bits & known) != 0;
    }
    // (word_in with a list and word_is compare the spelling: a lexeme's form is its words'
    // spelling lower cased, so they need no lookup)
    template <std::size_t N>
    [[nodiscard]] bool word_in(std::size_t i, packed_words<N> const& set) const noexcept {
        return is_word(i) && among(text_.data() + toks_[i].begin, toks_[i].end - toks_[i].begin,
                                   text_.size() - toks_[i].begin, set);
    }
    template <packed_words Set>
    [[nodiscard]] bool word_in(std::size_t i) const noexcept { return word_in(i, Set); }
    /// Whether token i is the word `w` (given in lower case), ASCII case-insensitively.
    [[nodiscard, gnu::always_inline]] bool word_is(std::size_t i, std::string_view w) const noexcept {
        return is_word(i) && spelled(token_text(i), w);
    }
    /// Whether `t` (a word: not empty) is `lower` (lower case), ASCII case-insensitively.
    [[nodiscard, gnu::always_inline]] static bool spelled(std::string_view t, std::string_view lower) noexcept {
        // the length and the first letter in one test (see one_of)
        auto const c0 = static_cast<unsigned char>(t[0]);
        auto const first = static_cast<char>(c0 | (unsigned{c0 - unsigned{'A'} < 26u} << 5));
        if (((t.size() ^ lower.size()) | static_cast<unsigned char>(first ^ lower[0])) != 0) return false;
        for (std::size_t k = 1; k < t.size(); ++k) {
            char c = t[k];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            if (c != lower[k]) return false;
        }
        return true;
    }
    [[nodiscard, gnu::always_inline]] bool is_cap(std::size_t i) const noexcept { return is_word_with(i, w_cap | w_digit); }
    [[nodiscard, gnu::always_inline]] bool is_lower_word(std::size_t i) const noexcept { return is_word_with(i, w_lower); }
    /// Whether token i is a word with any of `flags`, its kind and flags in one comparison (two
    /// branches on the data before): qtok::word is 0, and any other kind times 64 exceeds every
    /// set of flags.
    [[nodiscard, gnu::always_inline]] bool is_word_with(std::size_t i, std::uint8_t flags) const noexcept {
        static_assert(qtok::word == qtok{0} && (w_cap | w_lower | w_allcaps | w_possessive | w_ascii | w_digit) < 64);
        return i < token_count_ && static_cast<unsigned>(toks_[i].flags & flags) > static_cast<unsigned>(toks_[i].kind) * 64u;
    }
    [[nodiscard]] bool is_adverb(std::size_t i) const noexcept {
        if (!is_lower_word(i)) return false;
        if (word_in(i, word_set{wc_auxiliary | wc_negation})) return true;
        auto const v = token_text(i);
        return v.size() > 4 && v.ends_with("ly") && v != "family";
    }
    [[nodiscard]] bool is_negated(std::size_t cue) const noexcept {
        for (std::size_t k = cue, steps = 0; k > 0 && steps < 3; ++steps) {
            --k;
            if (word_in(k, negations) || (is_word(k) && (token_text(k).ends_with("n't") || token_text(k).ends_with("n’t"))))
                return true;
            if (!is_adverb(k)) break;
        }
        return false;
    }

    struct cue_match {
        std::size_t first = no_token;
        std::size_t last = no_token; ///< inclusive
        cue_info info;
    };

    /// The cue (word or phrase) starting at token i, if any.
    [[nodiscard]] cue_match cue_at(std::size_t i) const {
        if (starts_no_cue(i)) return {};
        auto const* l = lex(i);
        if (!l || !l->cue) return {};
        if (!(toks_[i].flags & w_lower) && token_text(i) != "According") return {};
        auto const& lx = *l;
        cue_match best;
        std::size_t longest = 0;
        for (auto const& rest : lx.phrases) {
            if (rest.size() <= longest) continue;
            bool ok = true;
            for (std::size_t k = 0; k < rest.size() && ok; ++k) ok = word_is(i + 1 + k, rest[k]);
            if (ok) {
                longest = rest.size();
                best = {i, i + rest.size(), lx.info};
            }
        }
        if (best.first == no_token && lx.info.single) best = {i, i, lx.info};
        if (best.first != no_token && best.last == i && used_as_noun(i, token_text(i))) return {};
        return best;
    }

    /// "Kim's mental state is", "of Republican claims", "the report": a cue word used as a noun.
    [[nodiscard]] bool used_as_noun(std::size_t i, std::string_view w) const {
        if (w.ends_with("ing") || w.ends_with("ed") || w == "said" || w == "told" || w == "according") return false;
        // verb forms that are never nouns: "the Times wrote", "the union says"
        return noun_position(i, w) &&
               !one_of(w, std::array<std::string_view, 6>{"says", "wrote", "writes", "spoke", "read", "reads"});
    }
    [[nodiscard]] bool noun_position(std::size_t i, std::string_view w) const {
        if (i + 1 < toks_.size() &&
            word_in(i + 1, noun_followers))
            return true;
        std::size_t k = i;
        while (k > 0 && is_cap(k - 1) && !(toks_[k - 1].flags & w_possessive)) --k;
        if (k == 0) return false;
        if (word_in(k - 1, noun_prepositions) ||
            word_in(k - 1, determiners) || (k == i && (toks_[k - 1].flags & w_possessive)))
            return true;
        // "a strong signal that": determiner, adjective, noun
        // (not "the president says", "the officials say")
        // "of late-night tweets": a preposition, adjective, noun
        return k == i && k >= 2 && w != "say" && w != "tell" && is_lower_word(k - 1) && !is_adverb(k - 1) &&
               ((!w.ends_with('s') && word_in(k - 2, determiners)) || word_is(k - 2, "of"));
    }

    [[nodiscard]] bool is_time_word(std::size_t i) const noexcept { return word_in(i, word_set{wc_time}); }

    /// A word of two or more letters, all ASCII capitals ("CONGRESS").
    [[nodiscard]] bool all_caps(std::size_t i) const noexcept {
        if (!is_word(i) || !(toks_[i].flags & w_cap) || toks_[i].end - toks_[i].begin < 2) return false;
        for (std::size_t b = toks_[i].begin; b < toks_[i].end; ++b)
            if (text_[b] >= 'a' && text_[b] <= 'z') return false;
        return true;
    }

    [[nodiscard]] bool is_month(std::size_t i) const noexcept { return is_cap(i) && word_in(i, word_set{wc_month}); }

    /// "I’d", "We’re", "don't": a word contracted with a verb or "not" names nobody.
    [[nodiscard]] bool is_contraction(std::size_t i) const noexcept {
        if (!is_word(i)) return false;
        auto const w = token_text(i);
        // the apostrophe (' or the last byte of ’) within the last three bytes
        std::size_t a = w.size();
        for (std::size_t k = w.size(); k-- > 1 && w.size() - k <= 3;)
            if (w[k] == '\'' || (w[k] == '\x99' && k >= 2 && w[k - 1] == '\x80' && w[k - 2] == '\xE2')) {
                a = k;
                break;
            }
        if (a == w.size()) return false;
        auto const ending = w.substr(a + 1);
        if (ending == "t") { // don't, didn’t
            std::size_t const width = w[a] == '\'' ? 1 : 3;
            return a >= width && w[a - width] == 'n';
        }
        return ending == "d" || ending == "ll" || ending == "ve" || ending == "re" || ending == "m";
    }

    /// "He’s claiming": a pronoun contracted with "is" or "has" (the tokenizer reads it as a possessive).
    [[nodiscard]] std::size_t pronoun_contraction(std::size_t i) const noexcept {
        if (!is_word(i) || !(toks_[i].flags & w_possessive)) return 0;
        auto const w = token_text(i);
        std::size_t const suffix = w.ends_with("'s") ? 2 : 4;
        auto const stem = w.substr(0, w.size() - suffix);
        for (std::string_view p : {"he", "she", "it"}) {
            if (stem.size() != p.size()) continue;
            bool same = true;
            for (std::size_t k = 0; k < p.size(); ++k) same = same && (stem[k] | 0x20) == p[k];
            if (same) return suffix;
        }
        return 0;
    }

    /// Whether an earlier stage found a person among tokens [a, b].
    [[nodiscard]] bool has_person_mention(std::size_t a, std::size_t b) const {
        auto const& ms = doc_.mentions;
        auto const begin = toks_[a].begin, end = toks_[b].end;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= begin; });
        for (; it != ms.end() && it->span.begin < end; ++it)
            if (it->entity < doc_.entities.size() && doc_.entities[it->entity].type == "PERSON") return true;
        return false;
    }

    /// A country or city standing for its government ("Japan branded North Korea ...").
    [[nodiscard]] bool has_gpe_head(std::size_t a, std::size_t b) const {
        auto const& ms = doc_.mentions;
        auto const begin = toks_[a].begin, end = toks_[b].end;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= begin; });
        for (; it != ms.end() && it->span.begin < end; ++it)
            if (it->entity < doc_.entities.size() && doc_.entities[it->entity].type == "GPE" && it->span.begin == begin &&
                it->span.end == end)
                return true;
        return false;
    }

    [[nodiscard]] bool has_org_mention(std::size_t a, std::size_t b) const {
        auto const& ms = doc_.mentions;
        auto const begin = toks_[a].begin, end = toks_[b].end;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= begin; });
        for (; it != ms.end() && it->span.begin < end; ++it)
            if (it->entity < doc_.entities.size() && doc_.entities[it->entity].type == "ORG" && it->span.end == end) return true;
        return false;
    }

    [[nodiscard]] static bool reliable(cue_info const& c) noexcept {
        return c.category == cue_category::speech || c.category == cue_category::evidential ||
               c.category == cue_category::phrase;
    }

    [[nodiscard]] byte_span bytes(std::size_t a, std::size_t b) const noexcept { // tokens [a, b] inclusive
        return {toks_[a].begin, toks_[b].end};
    }

    // ---- noun phrases ------------------------------------------------------------------------

    /// A demonym used as an adjective: a NORP mention ending at token k whose last word is not a
    /// plural ("Ukrainian", "Central European"; not "Democrats", which heads its own phrase).
    [[nodiscard]] bool demonym_adjective(std::size_t k) const {
        if (!is_cap(k) || text_[toks_[k].end - 1] == 's') return false;
        auto const& ms = doc_.mentions;
        auto const end = toks_[k].end;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end < end; });
        return it != ms.end() && it->span.end == end && it->entity < doc_.entities.size() &&
               doc_.entities[it->entity].type == "NORP";
    }

    /// An ordinary English word capitalised only because it opens the sentence, with no entity
    /// on it: "Other leaders", "Small groups" (a "Pence" or "Bush" carries the name stages' mention).
    [[nodiscard]] bool capitalised_common_word(std::size_t k) const {
        if (!is_cap(k) || !sentence_start_[k] || all_caps(k) || (toks_[k].flags & (w_digit | w_possessive))) return false;
        auto const& ms = doc_.mentions;
        auto const begin = toks_[k].begin, end = toks_[k].end;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= begin; });
        if (it != ms.end() && it->span.begin < end) return false;
        return lexicon_facts(token_text(k)).common != 0;
    }

    /// A role written before a person's name: "host", "anchor", "campaign manager"'s "manager".
    [[nodiscard]] bool role_word(std::size_t k) const {
        return is_lower_word(k) && (word_in(k, word_set{wc_person_head}) || lexicon_facts(token_text(k)).title != 0 ||
                                    word_in<packed_words{std::array<std::string_view, 5>{"host", "pundit", "operative",
                                                                               "surrogate", "writer"}}>(k));
    }

    /// What the name finder's word lexicons (common words, titles and roles) say about `w`,
    /// ASCII-lower-cased; nothing for a longer or non-ASCII word.
    [[nodiscard]] static names::word_facts lexicon_facts(std::string_view w) {
        std::array<char, 24> buffer{};
        if (w.size() > buffer.size()) return {};
        for (std::size_t c = 0; c < w.size(); ++c) {
            char const ch = w[c];
            if (static_cast<unsigned char>(ch) >= 0x80) return {};
            buffer[c] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
        }
        return names::lexicons::get().words.find({buffer.data(), w.size()});
    }

    /// A plural-looking lower-case word ("groups", "parliamentarians"; not "press", "status").
    [[nodiscard]] bool plural_word(std::size_t k) const noexcept {
        if (!is_lower_word(k)) return false;
        auto const w = token_text(k);
        return w.size() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
    }

    /// The last token of the object of a noun's "of" starting at token m: a name ("of Phoenix",
    /// "of the Senate") or up to three lower-case words ending at a plural ("of the report",
    /// "of protesters"); nothing when a verb, a preposition or punctuation comes first.
    [[nodiscard]] std::optional<std::size_t> of_object(std::size_t m, std::size_t limit) const {
        if (m < limit && word_in(m, determiners)) ++m;
        if (m >= limit || !is_word(m)) return std::nullopt;
        if (is_cap(m)) {
            while (m + 1 < limit && is_cap(m + 1) && !(toks_[m].flags & w_possessive)) ++m;
            return m;
        }
        std::optional<std::size_t> end;
        for (std::size_t steps = 0; m < limit && steps < 3 && is_lower_word(m); ++m, ++steps) {
            auto const w = token_text(m);
            if (word_in(m, np_stops) || word_in(m, determiners) || is_adverb(m) || cue_at(m).first != no_token ||
                (end && (w.ends_with("ed") || w.ends_with("ing"))))
                break;
            end = m;
            if (plural_word(m)) break;
        }
        return end;
    }

    /// A personal pronoun, not the country written "US".
    [[nodiscard]] bool is_pronoun(std::size_t i) const noexcept {
        return word_in(i, speaker_pronouns) && token_text(i) != "US";
    }

    /// A speaker noun phrase ending at token j (inclusive), not reaching before `limit`.
    /// `take_of`: whether a description may grow over an "of" before its determiner ("The
    /// authors of the report"); false in the nested look at the head, so the search stays bounded.
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> np_backward(std::size_t j, std::size_t limit,
                                                                                 bool take_of = true) const {
        if (j == no_token || j < limit || !is_word(j)) return std::nullopt;
        if (is_pronoun(j)) return std::pair{j, j};
        std::size_t k = j;
        if ((toks_[j].flags & w_digit) || is_time_word(j)) return std::nullopt; // "Friday afternoon that says"
        if (word_in(j, clause_openers) && (j == limit || !is_cap(j - 1))) return std::nullopt; // "Now tell me"
        if (word_in<packed_words{std::array<std::string_view, 6>{"something", "nothing", "everything", "anything", "what", "which"}}>(j))
            return std::nullopt; // "Something tells me that ..."
        if (is_cap(j)) {
            while (k > limit) {
                // ("in 2017 America says": a year is not part of the name)
                if (is_cap(k - 1) && !word_in(k - 1, clause_openers) && !(toks_[k - 1].flags & w_digit)) --k;
                else if (k - 1 > limit && word_in(k - 1, name_connectors) && is_cap(k - 2) &&
                         !word_in(k - 2, clause_openers))
                    k -= 2;
                else if (k - 2 > limit && word_is(k - 1, "the") && word_in(k - 2, name_connectors) && is_cap(k - 3) &&
                         !word_in(k - 3, clause_openers))
                    k -= 3;
                else break;
            }
            // "Clinton campaign spokesman Brian Fallon", "the Democratic candidate Hillary Clinton":
            // a role before a person's name, and what modifies the role, belong to the speaker
            if (k > limit && role_word(k - 1) && has_person_mention(k, j)) {
                std::size_t q = k - 1;
                for (std::size_t steps = 0; q > limit && steps < 2 && noun_like(q - 1); ++steps) --q;
                while (q > limit && is_cap(q - 1) && !word_in(q - 1, clause_openers) && !(toks_[q - 1].flags & w_digit)) --q;
                if (q > limit && word_in(q - 1, determiners)) --q;
                return std::pair{q, j};
            }
            // "Senator from Texas", "the president of Mexico": a title owning the name
            if (k >= limit + 2 && word_in<packed_words{std::array<std::string_view, 3>{"of", "for", "from"}}>(k - 1) &&
                word_in(k - 2, word_set{wc_person_head})) {
                k -= 2;
                while (k > limit && is_cap(k - 1) && !word_in(k - 1, clause_openers) && !(toks_[k - 1].flags & w_digit)) --k;
                if (k > limit && word_in(k - 1, determiners)) --k;
                return std::pair{k, j};
            }
            // "an article in WSWS", "the government of Mexico": a description owning the name
            if (k >= limit + 2 && word_in<packed_words{std::array<std::string_view, 3>{"in", "of", "for"}}>(k - 1) &&
                is_lower_word(k - 2) && !word_in(k - 2, np_stops)) {
                for (std::size_t d = k - 2, steps = 0; d >= limit && steps < 3; --d, ++steps) {
                    if (word_in(d, determiners)) {
                        k = d;
                        break;
                    }
                    if (!is_lower_word(d) || d == 0) break;
                }
            } else if (k > limit && word_in<packed_words{std::array<std::string_view, 1>{"the"}}>(k - 1)) {
                --k;
            }
            return std::pair{k, j};
        }
        if (!is_lower_word(j) || word_in(j, np_stops) || word_in(j, determiners)) return std::nullopt;
        // a description: lower-case words back to a determiner or a possessive
        bool of_phrase = false; // "52 percent of registered voters", "the authors of the report"
        for (std::size_t steps = 0; k > limit && steps < 8; ++steps) {
            std::size_t const p = k - 1;
            if (word_in(p, word_set{wc_determiner | wc_quantifier})) { // "one questioner"
                // "The authors of the report said": the phrase's head is before the "of"
                if (take_of && !of_phrase && p >= limit + 2 && word_is(p - 1, "of") && is_lower_word(p - 2))
                    if (auto head = np_backward(p - 2, limit, false); head && !is_pronoun(head->first))
                        return std::pair{head->first, j};
                return std::pair{p, j};
            }
            if (word_is(p, "of") && !of_phrase && p > limit && is_word(p - 1) && !word_in(p - 1, np_stops)) {
                of_phrase = true;
                k = p;
                continue;
            }
            if (is_word(p) && (toks_[p].flags & w_digit)) return std::pair{p, j};
            if (is_word(p) && (toks_[p].flags & w_possessive)) {
                std::size_t q = p;
                while (q > limit && is_cap(q - 1) && !word_in(q - 1, clause_openers)) --q;
                if (q > limit && word_in<packed_words{std::array<std::string_view, 1>{"the"}}>(q - 1)) --q;
                return std::pair{q, j};
            }
            if (is_cap(p) && !word_in(p, clause_openers)) { // "The New York businessman", "Republican nominee"
                std::size_t q = p;
                while (q > limit && is_cap(q - 1) && !word_in(q - 1, clause_openers)) --q;
                if (q > limit && word_in(q - 1, determiners)) --q;
                return std::pair{q, j};
            }
            if (!is_lower_word(p) || word_in(p, np_stops) || is_adverb(p) || cue_at(p).first != no_token) break;
            k = p;
        }
        if (of_phrase && k < j && !word_is(k, "of")) return std::pair{k, j};
        // bare plurals: "officials said", "critics say"
        if (k == j && toks_[j].end - toks_[j].begin > 3 && text_[toks_[j].end - 1] == 's') return std::pair{j, j};
        return std::nullopt;
    }

    /// Whether tokens [a, b] are all capitalised (no lower-case word yet in the phrase).
    [[nodiscard]] bool all_caps_from(std::size_t a, std::size_t b) const noexcept {
        for (std::size_t k = a; k <= b; ++k)
            if (!is_cap(k)) return false;
        return true;
    }

    /// Whether the capitalised words ending at token `last` after token `det` open with an entity
    /// mention ("A New York judge", "a recent Reuters survey", "a Washington Post-ABC News poll").
    [[nodiscard]] bool named_modifier(std::size_t det, std::size_t last) const {
        std::size_t first = last;
        while (first > det + 1 && is_cap(first - 1)) --first;
        if (!is_cap(first) || (toks_[last].flags & w_possessive)) return false;
        auto const& ms = doc_.mentions;
        auto const begin = toks_[first].begin;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.begin < begin; });
        return it != ms.end() && it->span.begin == begin && it->span.end <= toks_[last].end;
    }

    /// Whether an entity mention that starts before token k also covers it ("New York state").
    [[nodiscard]] bool inside_mention(std::size_t k) const {
        auto const& ms = doc_.mentions;
        auto const begin = toks_[k].begin;
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= begin; });
        return it != ms.end() && it->span.begin < begin && it->span.end >= toks_[k].end;
    }

    /// A lower-case word that reads as a singular noun rather than a verb ("judge", "database";
    /// not "says", "reported", "took").
    [[nodiscard]] bool noun_like(std::size_t k) const {
        if (!is_lower_word(k) || word_in(k, np_stops) || is_adverb(k) || cue_at(k).first != no_token) return false;
        auto const w = token_text(k);
        if (plural_word(k) || w.ends_with("ed") || w.ends_with("ing")) return false; // ("press" is no plural)
        return !irregular_past(k);
    }

    [[nodiscard]] bool irregular_past(std::size_t k) const noexcept {
        return word_in(k, irregular_pasts);
    }

    /// "host Chris Matthews", "campaign chairman John Podesta": up to three lower-case words
    /// from token n ending in a role, then a person's name; the role's token.
    [[nodiscard]] std::optional<std::size_t> role_before_name(std::size_t n, std::size_t limit) const {
        for (std::size_t m = n; m < limit && m < n + 3 && is_lower_word(m); ++m) {
            if (word_in(m, np_stops) || is_adverb(m) || cue_at(m).first != no_token) return std::nullopt;
            if (role_word(m) && m + 1 < limit && is_cap(m + 1) && has_person_mention(m + 1, m + 1)) return m;
        }
        return std::nullopt;
    }

    /// A speaker noun phrase starting at token i, not reaching `limit` (exclusive).
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> np_forward(std::size_t i, std::size_t limit) const {
        if (i >= limit || !is_word(i)) return std::nullopt;
        // "Her submission to the court noted": a sentence-initial "Her" is a possessive, not a subject
        bool const possessive_her = word_is(i, "her") && sentence_start_[i] && i + 1 < limit && is_lower_word(i + 1) &&
                                    !word_in(i + 1, np_stops) && !is_adverb(i + 1);
        if (!possessive_her && (is_pronoun(i) || pronoun_contraction(i))) return std::pair{i, i};
        std::size_t k = i;
        // "one Democratic source", "several aides": a quantifier opens a description like a determiner
        bool const det = word_in(i, word_set{wc_determiner | wc_quantifier});
        if (!det && !is_cap(i)) {
            // bare lower-case plurals ("officials", "critics") and "one who ..." are not handled here
            return std::nullopt;
        }
        // "Ukrainian parliamentarians", "Other leaders", "Central European leaders": capitalised
        // modifiers of the lower-case noun after them, not a name ending the phrase
        bool const modifier = !det && (demonym_adjective(i) || capitalised_common_word(i));
        // lower-case words are allowed after a determiner, a possessive or a modifier
        bool described = det || modifier || (toks_[i].flags & w_possessive);
        std::size_t last = i;
        for (std::size_t steps = 0; k + 1 < limit && steps < 12; ++steps) {
            std::size_t const n = k + 1;
            if (!is_word(n)) break;
            // "the authors of the report", "Small groups of protesters", "the president of the Senate"
            if (described && last != i && is_lower_word(last) && word_is(n, "of")) {
                if (auto object = of_object(n + 1, limit)) last = *object;
                break;
            }
            if (is_cap(n)) {
                last = n;
                k = n;
                if (toks_[n].flags & w_possessive) described = true;
                continue;
            }
            if (is_cap(last) && word_in(n, name_connectors) && is_cap(n + 1) && n + 1 < limit) {
                k = n;
                continue;
            }
            if (is_cap(last) && word_in(n, name_connectors) && word_is(n + 1, "the") && is_cap(n + 2) && n + 2 < limit) {
                k = n;
                continue;
            }
            if (word_is(n, "the") && word_in(k, name_connectors) && is_cap(n + 1) && n + 1 < limit) {
                k = n;
                continue;
            }
            if (word_in(n, speaker_pronouns) || word_in(n, determiners)) break;
            // "The New York state attorney general": a lower-case word inside the name's mention
            if (is_cap(last) && is_lower_word(n) && inside_mention(n)) {
                last = n;
                k = n;
                continue;
            }
            // "MSNBC host Chris Matthews", "Clinton campaign chairman John Podesta": a role between
            // names belongs to the person named after it
            if (is_cap(last) && !(toks_[last].flags & w_possessive)) {
                if (auto role = role_before_name(n, limit)) {
                    k = *role;
                    continue;
                }
            }
            // after a name, lower-case words end the phrase, except after a single adjective
            // ("the American newspaper", "the Mexican president"), a capitalised modifier opening
            // the phrase, or a name after a determiner modifying a noun ("A New York judge")
            if (is_cap(last) && !(det && last == i) && !(toks_[last].flags & w_possessive) && !(det && last == i + 1) &&
                !(modifier && all_caps_from(i, last) && (last == i || demonym_adjective(last))) &&
                !(det && named_modifier(i, last) && noun_like(n)))
                break;
            // after a modifier, a plural is the head and what follows it the verb ("Ukrainian
            // parliamentarians sent"), and so is a participle or a past ("Rice pushed back")
            if (modifier && (plural_word(last) || verb_form(n))) break;
            // (past the first word, an -ed word is the verb: "two speechwriters implored")
            if (described && is_lower_word(n) && !word_in(n, np_stops) && !is_adverb(n) &&
                !(n > i + 1 && (token_text(n).ends_with("ed") || token_text(n).ends_with("ing") || irregular_past(n))) &&
                (cue_at(n).first == no_token || (det && n == i + 1))) { // "a message", "the report"
                last = n;
                k = n;
                continue;
            }
            break;
        }
        if (toks_[i].flags & w_possessive) {
            if (last == i) return std::nullopt;
        }
        if (det && last == i) return std::nullopt;
        // "Young wants more": an ordinary word that may be a surname modifies the noun after it
        // only when a verb, a clause or the phrase's end confirms that noun ("Other leaders used",
        // "Police officials say", "Small groups of protesters marched")
        if (modifier && last > i && is_lower_word(last) && !demonym_adjective(i)) {
            std::size_t const n = last + 1;
            bool const confirmed =
                n >= limit || !is_word(n) || cue_at(n).first != no_token || is_adverb(n) || verb_form(n) ||
                word_in<packed_words{std::array<std::string_view, 6>{"who", "of", "in", "at", "from", "across"}}>(n);
            if (!confirmed) return std::pair{i, i};
        }
        return std::pair{i, last};
    }

    /// A lower-case participle or past tense ("marching", "pushed", "took").
    [[nodiscard]] bool verb_form(std::size_t k) const noexcept {
        if (!is_lower_word(k)) return false;
        auto const w = token_text(k);
        return w.ends_with("ing") || w.ends_with("ed") || irregular_past(k);
    }

    /// The subject of the clause starting at `sb`: skips an opening adverbial, then a noun phrase.
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> subject_of(std::size_t sb, std::size_t limit) const {
        std::size_t i = sb;
        while (i < limit && (toks_[i].kind != qtok::word || inside_[i])) ++i; // past a quote opening the sentence
        // "CONGRESS HAS INVESTIGATED HIM — Oz’s dubious advice …": a kicker in capitals is no subject
        if (i + 2 < limit && all_caps(i) && all_caps(i + 1)) {
            std::size_t k = i + 2;
            while (k < limit && k < i + 10 && all_caps(k)) ++k;
            if (k + 1 < limit && toks_[k].kind == qtok::dash) i = k + 1;
        }
        // "On July 6, 2015, Sanders made": dates and numbers are not subjects
        auto np_start = [&](std::size_t k) {
            return !inside_[k] && (word_in(k, word_set{wc_pronoun | wc_determiner | wc_quantifier}) ||
                                   (is_cap(k) && !word_in(k, clause_openers) && !(toks_[k].flags & w_digit) &&
                                    !is_time_word(k) && !is_month(k) && !is_contraction(k)));
        };
        if (i < limit && word_in(i, clause_openers) && !word_in(i, speaker_pronouns)) {
            std::size_t j = i;
            for (std::size_t steps = 0; j < limit && steps < 24; ++j, ++steps)
                if (toks_[j].kind == qtok::comma) break;
            if (j < limit && toks_[j].kind == qtok::comma) {
                i = j + 1;
            } else {
                // "In the course of their report they ...": skip the opener's noun phrase(s)
                ++i;
                for (int hops = 0; hops < 3 && i < limit && word_in(i, determiners); ++hops) {
                    auto object = np_forward(i, limit);
                    if (!object) break;
                    i = object->second + 1;
                    if (i < limit && word_is(i, "of")) ++i;
                }
            }
        }
        // the first pronoun, determiner or name
        std::size_t const from = i;
        while (i < limit && i < from + 12 && !np_start(i)) ++i;
        if (i >= limit || i >= from + 12) return std::nullopt;
        if (i > from && is_cap(i) && word_is(i - 1, "the")) --i;
        auto np = np_forward(i, limit);
        // "The following day, AMLO responded", "A few weeks ago he proposed": a lower-case
        // description before the real subject is an adverbial
        if (np && word_in(np->first, determiners)) {
            bool named = false;
            for (std::size_t k = np->first + 1; k <= np->second; ++k) named = named || is_cap(k);
            std::size_t j = np->second + 1;
            if (j < limit && toks_[j].kind == qtok::comma) ++j;
            if (!named && j < limit && np_start(j))
                if (auto again = np_forward(j, limit)) return again;
        }
        return np;
    }

    // ---- sentences ---------------------------------------------------------------------------

    void mark_sentences() {
        sentence_start_.assign(toks_.size(), 0);
        if (toks_.empty()) return;
        sentence_start_[0] = 1;
        for (std::size_t lf : line_first_)
            if (lf < toks_.size()) sentence_start_[lf] = 1;
        for (std::size_t const i : punct_) { // terminals and marks: only they start sentences
            if (i + 1 >= toks_.size()) break;
            auto const& t = toks_[i];
            if (t.kind == qtok::terminal && !inside_[i]) {
                std::size_t n = i + 1;
                while (n < toks_.size() && (toks_[n].kind == qtok::close_paren ||
                                            (toks_[n].kind == qtok::mark && !inside_[n] && is_closing_mark(n))))
                    ++n;
                // ("(D-Nev.), in particular": a comma continues the sentence)
                if (n < toks_.size() && !is_lower_word(n) && toks_[n].kind != qtok::comma) sentence_start_[n] = 1;
            } else if (t.kind == qtok::mark && is_closing_mark(i) && i > 0 && toks_[i - 1].kind == qtok::terminal) {
                std::size_t const n = i + 1;
                if (n < toks_.size() && (is_cap(n) || (toks_[n].kind == qtok::mark && !is_closing_mark(n))) &&
                    !word_in(n, speaker_pronouns) && cue_at(n).first == no_token && !starts_attribution(n))
                    sentence_start_[n] = 1;
            }
        }
        // the sentence splitter's boundaries, where it ran and the boundary is outside quotes
        auto const& ss = doc_.sentences;
        if (!ss.empty()) {
            while (sentence_cursor_ < ss.size() && ss[sentence_cursor_].begin < toks_.front().begin) ++sentence_cursor_;
            std::size_t t = 0;
            std::size_t s = sentence_cursor_;
            for (; s < ss.size() && ss[s].begin < toks_.back().end; ++s) {
                // (the first token not before the boundary: a binary search, as sentences are fewer
                // than tokens, whose halving is a conditional move, not a branch taken at random)
                if (t < toks_.size()) {
                    qtoken const* at = toks_.data() + t;
                    for (std::size_t n = toks_.size() - t; n > 1;) {
                        std::size_t const half = n / 2;
                        at = at[half].begin < ss[s].begin ? at + half : at;
                        n -= half;
                    }
                    t = static_cast<std::size_t>(at - toks_.data()) + (at->begin < ss[s].begin ? 1 : 0);
                }
                // not after a word that kept its period ("Mr. King", "U.S. officials")
                if (t < toks_.size() && toks_[t].begin == ss[s].begin && !inside_[t] && !is_lower_word(t) &&
                    (t == 0 || toks_[t - 1].kind != qtok::word || text_[toks_[t - 1].end - 1] != '.'))
                    sentence_start_[t] = 1;
            }
            sentence_cursor_ = s; // (the next unit starts at or after this one's end)
        }
    }

    /// "Smith said" / "the senator added" right after a closing mark: not a new sentence.
    [[nodiscard]] bool starts_attribution(std::size_t n) const {
        for (std::size_t k = n; k < toks_.size() && k < n + 5; ++k) {
            if (!is_word(k)) return false;
            auto const c = cue_at(k);
            if (c.first != no_token && reliable(c.info)) return true;
        }
        return false;
    }

    /// Whether nothing but symbols (bullets, stray bytes) precede token i in its sentence.
    [[nodiscard]] bool only_symbols_before(std::size_t i) const noexcept {
        for (std::size_t k = sentence_begin(i); k < i; ++k)
            if (toks_[k].kind != qtok::other && toks_[k].kind != qtok::dash) return false;
        return true;
    }

    /// “…” said Ken / “…” he said / “…” the senator said: a cue within a short subject.
    [[nodiscard]] bool attribution_follows(std::size_t n) const {
        for (std::size_t k = n; k < toks_.size() && k < n + 3; ++k) {
            auto const c = cue_at(k);
            if (c.first != no_token && reliable(c.info)) return true;
            if (!(word_in(k, speaker_pronouns) || word_in(k, determiners) || is_cap(k))) return false;
        }
        return false;
    }

    [[nodiscard]] bool is_closing_mark(std::size_t i) const noexcept { return closing_[i] != 0; }

    /// First token of the sentence holding token i, at most 200 tokens back.
    [[nodiscard]] std::size_t sentence_begin(std::size_t i) const noexcept {
        // the last start among flags [floor + 1, i], else floor; eight flags (0 or 1) at once
        std::size_t const floor = i >= 200 ? i - 200 : 0;
        std::uint8_t const* const flags = sentence_start_.data();
        std::size_t k = i + 1; // flags [floor + 1, k) are left
        while (k - (floor + 1) >= 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, flags + k - 8, 8);
            if (w != 0) {
                auto const latest = std::endian::native == std::endian::little ? (63 - __builtin_clzll(w)) / 8
                                                                               : 7 - __builtin_ctzll(w) / 8;
                return k - 8 + static_cast<std::size_t>(latest);
            }
            k -= 8;
        }
        while (k > floor + 1) {
            --k;
            if (flags[k]) return k;
        }
        return floor;
    }
    /// Last token of the sentence holding token i, at most 200 tokens on.
    [[nodiscard]] std::size_t sentence_last(std::size_t i) const noexcept {
        std::size_t const limit = std::min(toks_.size(), i + 201); // flags (i, limit) are searched
        if (i + 1 >= limit) return i;
        auto const* const start = std::memchr(sentence_start_.data() + i + 1, 1, limit - i - 1);
        if (!start) return limit - 1;
        return static_cast<std::size_t>(static_cast<std::uint8_t const*>(start) - sentence_start_.data()) - 1;
    }

    // ---- attribution -------------------------------------------------------------------------

    [[nodiscard]] attribution make(std::pair<std::size_t, std::size_t> np, cue_match const& cue) const {
        attribution a;
        auto [b, e] = np;
        // strip sentence-initial connectives from a capitalised run ("As Richardson")
        while (b < e && word_in(b, clause_openers)) ++b;
        a.speaker = bytes(b, e);
        if (b == e) a.speaker.end -= pronoun_contraction(b); // "He’s claiming": the speaker is "He"
        a.cue = bytes(cue.first, cue.last);
        a.cue_token = cue.first;
        return a;
    }

    /// A conjunction opening a clause of its own after a quote or a reported clause.
    [[nodiscard]] bool opens_contrast(std::size_t i) const noexcept { return word_in(i, word_set{wc_contrast}); }

    /// quote–cue–speaker and quote–speaker–cue: the clause right after the closing mark.
    [[nodiscard]] std::optional<attribution> after_quote(std::size_t close, bool ended_sentence) const {
        std::size_t i = close + 1;
        if (i < toks_.size() && toks_[i].kind == qtok::comma) ++i;
        if (i >= toks_.size()) return std::nullopt;
        // "“…,” though she noted …", "“…,” when Clinton blasted him": a new clause, not an attribution
        if (opens_contrast(i) || word_is(i, "when")) return std::nullopt;
        if (toks_[i].kind == qtok::dash) { // ― Sonya Herridge
            if (auto np = np_forward(i + 1, toks_.size()); np && is_cap(np->first)) {
                cue_match dash{i, i, {}};
                return make(*np, dash);
            }
            return std::nullopt;
        }
        // the attribution clause: words, commas and parenthesised asides ("(D-Wis.)")
        std::size_t limit = i;
        int parens = 0;
        while (limit < toks_.size() && limit < i + 40) {
            auto const k = toks_[limit].kind;
            if (k == qtok::open_paren) ++parens;
            else if (k == qtok::close_paren) {
                if (parens == 0) break;
                --parens;
            } else if (k != qtok::word && k != qtok::comma && !(parens > 0 && k != qtok::mark)) break;
            ++limit;
        }
        if (auto c = cue_at(i); c.first != no_token && reliable(c.info)) {
            if (auto np = np_forward(c.last + 1, limit)) return make(*np, c);
            return std::nullopt;
        }
        std::size_t commas = 0;
        parens = 0;
        for (std::size_t j = i + 1; j < limit; ++j) {
            if (toks_[j].kind == qtok::open_paren) ++parens;
            if (toks_[j].kind == qtok::close_paren && parens > 0) --parens;
            if (parens > 0) continue;
            if (toks_[j].kind == qtok::comma) {
                ++commas;
                continue;
            }
            auto const c = cue_at(j);
            if (c.first == no_token) continue;
            if (word_in(j - 1, relative_pronouns)) continue;
            if (!reliable(c.info)) continue;
            // far from the quote only after an apposition: "Burman, director of ..., said"
            if (j > i + 12 && toks_[j - 1].kind != qtok::comma && !(is_adverb(j - 1) && toks_[j - 2].kind == qtok::comma))
                return std::nullopt;
            if (ended_sentence) {
                // a new sentence: only a short attribution ("He said." / "Smith said on Monday.")
                if (j > i + 5) return std::nullopt;
                std::size_t k = c.last + 1;
                while (k < toks_.size() && k < c.last + 5 && toks_[k].kind == qtok::word) ++k;
                if (k < toks_.size() && toks_[k].kind != qtok::terminal && toks_[k].kind != qtok::comma) return std::nullopt;
                if (k == c.last + 5) return std::nullopt;
                // "“…” She adds, “…”": it introduces the next quote
                if (k + 1 < toks_.size() && toks_[k].kind == qtok::comma && toks_[k + 1].kind == qtok::mark &&
                    !is_closing_mark(k + 1))
                    return std::nullopt;
            }
            if (word_is(c.first, "according")) { // "“…” at a conference last month, according to X"
                if (c.last == c.first) return std::nullopt;
                if (auto np = np_forward(c.last + 1, limit)) return make(source_behind(*np, limit), c);
                return std::nullopt;
            }
            std::size_t e = j - 1;
            while (e > i && is_adverb(e)) --e;
            std::size_t s = i;
            while (s < e && word_in(s, clause_openers) && !word_in(s, speaker_pronouns)) ++s;
            if (commas) {
                // "Smith, the party's chairman, said": the first comma-separated segment that
                // starts like a noun phrase ("of the plan, Mr. Holtz-Eakin said" skips "of ...")
                std::size_t seg = s;
                while (seg <= e) {
                    std::size_t k = seg;
                    while (k <= e && toks_[k].kind != qtok::comma) ++k;
                    if (word_in(seg, speaker_pronouns) || word_in(seg, determiners) || is_cap(seg)) {
                        s = seg;
                        e = k - 1;
                        break;
                    }
                    seg = k + 1;
                }
                if (seg > e) return std::nullopt;
                while (e > s && toks_[e].kind == qtok::close_paren) { // drop a trailing "(D-Wis.)"
                    std::size_t o = e;
                    while (o > s && toks_[o].kind != qtok::open_paren) --o;
                    if (o == s) break;
                    e = o - 1;
                }
            }
            while (e > s && toks_[e].kind == qtok::close_paren) {
                std::size_t o = e;
                while (o > s && toks_[o].kind != qtok::open_paren) --o;
                if (o == s) break;
                e = o - 1;
            }
            if (toks_[e].kind != qtok::word) return std::nullopt;
            // the noun phrase right before the cue ("but in the course of their report they
            // could not resist pointing"), unless the segment is a description with a relative
            // clause ("the one who denounced the Russian invasion of his country added")
            bool relative = false;
            for (std::size_t k = s; k <= e; ++k) relative = relative || word_in<packed_words{std::array<std::string_view, 2>{"who", "which"}}>(k);
            if (!relative) { // and it must be one: "but stopped short of calling" names nobody
                auto np = np_backward(e, s);
                if (!np) return std::nullopt;
                s = std::max(s, np->first);
            }
            if (!(word_in(s, speaker_pronouns) || word_in(s, determiners) || (is_cap(s) && !(toks_[s].flags & w_digit)) ||
                  (is_lower_word(s) && e < s + 3 && !word_in(s, np_stops) && !is_adverb(s))))
                return std::nullopt;
            return make({s, e}, c);
        }
        return std::nullopt;
    }

    /// "Cruz exhorted Republicans to “vote your conscience”": with no cue word, a quoted phrase
    /// in the predicate of a person's (or organisation's) sentence is theirs; the verb after
    /// the subject stands as the cue.
    [[nodiscard]] std::optional<attribution> subject_as_source(std::size_t open) const {
        std::size_t const sb = sentence_begin(open);
        auto np = subject_of(sb, open);
        if (!np || np->second + 1 >= open) return std::nullopt;
        std::size_t v = np->second + 1;
        if (toks_[v].kind == qtok::open_paren) { // "Harry Reid (D-Nev.), in particular, has been"
            while (v < open && toks_[v].kind != qtok::close_paren) ++v;
            if (++v >= open) return std::nullopt;
        }
        if (toks_[v].kind == qtok::comma && v + 1 < open && is_lower_word(v + 1) && !word_in(v + 1, np_stops) &&
            !word_in(v + 1, determiners)) {
            ++v; // "Another critic, Laurence H. Tribe, likened": the apposition came first
        } else if (toks_[v].kind == qtok::comma) { // "Laurence H. Tribe, another critic, likened"
            std::size_t k = v + 1;
            while (k < open && k < v + 14 && toks_[k].kind != qtok::comma) ++k;
            if (k >= open || toks_[k].kind != qtok::comma) return std::nullopt;
            v = k + 1;
        }
        bool const pronoun = np->first == np->second && word_in<packed_words{std::array<std::string_view, 3>{"he", "she", "they"}}>(np->first);
        if (!pronoun && !has_person_mention(np->first, np->second) && !has_org_mention(np->first, np->second) &&
            !has_gpe_head(np->first, np->second))
            return std::nullopt;
        while (v < open && is_adverb(v) && !word_in(v, negations)) ++v;
        // "Reid has gone after Trump as a “human leech”", "has been pounding": a perfect tense is
        // still the subject's act (the auxiliaries were skipped with the adverbs)
        if (v + 1 < open && word_is(v, "been") && v > 0 && word_in<packed_words{std::array<std::string_view, 3>{"has", "have", "had"}}>(v - 1))
            for (++v; v < open && is_adverb(v) && !word_in(v, negations);) ++v;
        bool const perfect = v > 0 && v < open &&
                             (word_in(v - 1, perfect_auxiliaries) ||
                              (is_adverb(v - 1) && v > 1 && word_in(v - 2, perfect_auxiliaries)));
        if (!is_lower_word(v) || word_in(v, np_stops) || inside_[v]) return std::nullopt;
        lowered const l(text_, toks_[v]);
        auto const w = l.view();
        if (one_of(w, std::array<std::string_view, 8>{"is", "was", "are", "were", "be", "been", "has", "have"})) return std::nullopt;
        // a verb: regular past or present tense, or a common irregular past
        bool const verb_like = (w.size() > 3 && (w.ends_with("ed") || w.ends_with("s"))) ||
                               (perfect && (w.ends_with("ing") || one_of(w, std::array<std::string_view, 4>{"gone", "done", "taken", "given"}))) ||
                          one_of(w, std::array<std::string_view, 14>{"made", "took", "gave", "put", "wrote", "spoke", "went",
                                                                    "got", "saw", "thought", "felt", "sent", "set", "led"});
        if (!verb_like) return std::nullopt;
        cue_match verb{v, v, {}};
        auto a = make(*np, verb);
        a.before = true;
        a.content_from = v + 1;
        return a;
    }

    /// “…” for criminal behavior, she said.  — an attribution closing the quote's sentence.
    [[nodiscard]] std::optional<attribution> sentence_final_attribution(std::size_t close) const {
        std::size_t const last = sentence_last(close);
        std::size_t end = last;
        while (end > close && toks_[end].kind == qtok::terminal) --end;
        for (std::size_t k = end; k > close && end - k < 10; --k) {
            if (inside_[k] || toks_[k].kind == qtok::mark) return std::nullopt;
            if (toks_[k].kind != qtok::comma) continue;
            auto who = after_quote(k - 1, false);
            // the attribution must be all that is left of the sentence
            if (who && who->cue_token != no_token && who->cue_token + 4 >= end) return who;
            return std::nullopt;
        }
        return std::nullopt;
    }

    /// “…” to drive up the stock price, she said, referencing …  — a short parenthetical
    /// attribution later in the quote's sentence (a pronoun or a name, a cue, a comma or the end).
    [[nodiscard]] std::optional<attribution> parenthetical_attribution(std::size_t close) const {
        std::size_t const last = sentence_last(close);
        for (std::size_t k = close + 1; k < last && k < close + 30; ++k) {
            if (inside_[k] || toks_[k].kind == qtok::mark) return std::nullopt;
            if (toks_[k].kind != qtok::comma) continue;
            auto np = np_forward(k + 1, last);
            if (!np || np->second > np->first + 2) continue;
            if (!word_in(np->first, speaker_pronouns) && !has_person_mention(np->first, np->second)) continue;
            auto const c = cue_at(np->second + 1);
            if (c.first == no_token || !reliable(c.info) || c.last + 1 > last) continue;
            auto const after = toks_[c.last + 1].kind;
            if (after != qtok::comma && after != qtok::terminal) continue;
            return make(*np, c);
        }
        return std::nullopt;
    }

    /// speaker–cue–quote: the last cue before the opening mark in the same sentence.
    [[nodiscard]] std::optional<attribution> before_quote(std::size_t open) const {
        if (open == no_token || open == 0) return std::nullopt;
        std::size_t const sb = sentence_begin(open);
        // "the former candidate Mitt Romney -- “It is disqualifying …” --": a person introducing
        // the quote with a dash
        if (open >= sb + 2 && toks_[open - 1].kind == qtok::dash && is_cap(open - 2)) {
            // (not an object: "seemed supportive of Mr. Trump -- “…”")
            if (auto np = np_backward(open - 2, sb);
                np && has_person_mention(np->first, np->second) &&
                !(np->first > sb && word_in(np->first - 1, object_prepositions))) {
                auto a = make(*np, cue_match{open - 1, open - 1, {}});
                a.before = true;
                a.content_from = open;
                return a;
            }
        }
        std::size_t const far = open > sb + 40 ? open - 40 : sb;
        // the cue words in [far, open), nearest first (cue_at finds no cue at any other token)
        for (auto it = std::lower_bound(cue_words_.begin(), cue_words_.end(), open);
             it != cue_words_.begin() && *(it - 1) >= far;) {
            std::size_t const k = *--it;
            if (inside_[k]) continue;
            auto c = cue_at(k);
            if (c.first == no_token || c.last >= open || !reliable(c.info)) continue;
            if (k > 0 && word_in(k - 1, determiners)) continue; // "the claims"
            auto who = speaker_of_cue(c, sb, open);
            if (!who) continue;
            // "Clinton chimed in, saying that Charlotte officials should release ...", "She said
            // she recalls ...": the nearer cue sits inside the reported clause of an outer one
            // ("Trump said during a rally that Clinton described …"; not across a clause boundary:
            // "When Clinton noted that …, Trump boasted", "…, but he said that")
            std::size_t that = no_token;
            for (std::size_t k2 = k; k2-- > sb && k - k2 < 30;) {
                if (inside_[k2]) continue;
                if (opens_contrast(k2) || (!is_word(k2) && toks_[k2].kind != qtok::mark)) break;
                if (that == no_token && word_is(k2 + 1, "that")) that = k2 + 1;
                if (!((that != no_token && that <= k2 + 8) || toks_[k2 + 1].begin == who->speaker.begin)) continue;
                auto outer = cue_at(k2);
                if (outer.first == no_token || outer.last != k2 || !reliable(outer.info)) continue;
                if (auto w2 = speaker_of_cue(outer, sb, open)) {
                    c = outer;
                    who = w2;
                }
                break;
            }
            if (auto outer = outer_of_naming(c, sb)) return outer;
            // "According to Yahoo News, Clinton spokesman Jesse Lehrich said …", "his relatives
            // watched the videos, according to their attorneys, and said …": the source set off
            // by commas before the cue reports the whole sentence
            // (the cue words from sb: "according" is one whenever cue_at finds a cue at it)
            for (auto at = std::lower_bound(cue_words_.begin(), cue_words_.end(), sb); at != cue_words_.end() && *at + 3 < k;
                 ++at) {
                std::size_t const a = *at;
                if (!word_is(a, "according") || !word_is(a + 1, "to") || inside_[a] ||
                    (a > sb && toks_[a - 1].kind != qtok::comma))
                    continue;
                auto const according = cue_at(a); // (not a cue when the lexicon is the user's alone)
                if (auto np = np_forward(a + 2, k);
                    according.first != no_token && np && toks_[np->second + 1].kind == qtok::comma) {
                    auto src = make(source_behind(*np, k), according);
                    src.before = true;
                    src.content_from = a == sb ? np->second + 2 : c.last + 1;
                    return src;
                }
                break;
            }
            who->before = true;
            // the reported content starts after the cue, its object, and "that"
            std::size_t from = c.last + 1;
            for (std::size_t j = from; j < open && j < from + 6; ++j)
                if (word_is(j, "that")) {
                    from = j + 1;
                    break;
                }
            while (from < open && (toks_[from].kind == qtok::comma || toks_[from].kind == qtok::colon)) ++from;
            who->content_from = from;
            return who;
        }
        // "Pence: “…”" and introductions ending in a colon without a cue verb
        if (open > sb + 1 && toks_[open - 1].kind == qtok::colon) {
            if (auto np = subject_of(sb, open - 1)) {
                cue_match colon{open - 1, open - 1, {}};
                auto a = make(*np, colon);
                a.before = true;
                a.content_from = open;
                return a;
            }
        }
        return std::nullopt;
    }

    /// "Ban Ki-moon condemned what he called a “brazen breach”": a naming verb in a "what X
    /// called" object reports the words of the clause's subject, whose verb is the cue.
    [[nodiscard]] std::optional<attribution> outer_of_naming(cue_match const& c, std::size_t sb) const {
        if (c.first != c.last || c.first < sb + 3 ||
            !word_in<packed_words{std::array<std::string_view, 9>{"call", "calls", "called", "dubbed", "dubs", "termed",
                                                               "terms", "described", "describes"}}>(c.first))
            return std::nullopt;
        std::size_t what = c.first - 1;
        for (std::size_t steps = 0; what > sb && steps < 5 && !word_is(what, "what"); ++steps) --what;
        if (!word_is(what, "what") || !np_backward(c.first - 1, what + 1)) return std::nullopt;
        auto np = subject_of(sb, what);
        if (!np || np->second + 1 >= what) return std::nullopt;
        std::size_t v = np->second + 1;
        while (v < what && is_adverb(v)) ++v;
        if (!is_lower_word(v) || word_in(v, np_stops)) return std::nullopt;
        auto a = make(*np, cue_match{v, v, {}});
        a.before = true;
        a.content_from = what;
        return a;
    }

    /// "according to a message he gave": who stands behind an utterance noun named as the source
    /// (a pronoun or name followed by its verb), else the noun phrase itself.
    [[nodiscard]] std::pair<std::size_t, std::size_t> source_behind(std::pair<std::size_t, std::size_t> np,
                                                                     std::size_t limit) const {
        if (!word_in<packed_words{std::array<std::string_view, 12>{"message", "statement", "letter", "interview", "speech",
                                                                  "post", "tweet", "video", "remarks", "note", "email",
                                                                  "address"}}>(np.second))
            return np;
        std::size_t const k = np.second + 1;
        if (k + 1 < limit && word_in(k, speaker_pronouns) && is_lower_word(k + 1) && !word_in(k + 1, np_stops))
            return {k, k};
        return np;
    }

    /// Who the cue belongs to: "according to X", the subject of a participle, the head of a
    /// relative clause ("Blinken, who warned"), an apposition, or the noun phrase before it.
    [[nodiscard]] std::optional<attribution> speaker_of_cue(cue_match const& c, std::size_t sb, std::size_t limit) const {
        if (word_is(c.first, "according")) {
            if (auto np = np_forward(c.last + 1, limit)) return make(source_behind(*np, limit), c);
            return std::nullopt;
        }
        if (is_negated(c.first)) return std::nullopt;
        std::size_t j = c.first;
        if (j == sb) return std::nullopt;
        if (word_is(j - 1, "worth")) return std::nullopt; // "it's worth noting that"
        --j;
        while (j > sb && is_adverb(j)) --j;
        // "Trump this week said", "Obama on Monday said": a time adverbial is not the speaker
        while (j > sb + 1 && is_time_word(j)) {
            std::size_t k = j - 1;
            while (k > sb && (is_time_word(k) || word_in(k, time_modifiers)))
                --k;
            if (k == j - 1 && !word_in(k, time_modifiers)) break;
            j = k;
            while (j > sb && is_adverb(j)) --j;
        }
        // participles and coordinated verbs share the clause's subject: "..., saying",
        // "responded by blasting", "outlined his plan and vowed"
        bool const participle = c.info.participle ||
                                word_in<packed_words{std::array<std::string_view, 7>{"by", "after", "while", "before", "and", "but", "or"}}>(j);
        if (participle) {
            // "I laughed and said": a pronoun or name right before the first verb
            if (!c.info.participle && word_in<packed_words{std::array<std::string_view, 2>{"and", "but"}}>(j) && j >= sb + 2 &&
                is_lower_word(j - 1) && !word_in(j - 1, np_stops)) {
                std::size_t s = j - 2;
                while (s > sb && is_adverb(s)) --s;
                if (word_in(s, speaker_pronouns) || (is_cap(s) && has_person_mention(s, s)))
                    if (auto np = np_backward(s, sb)) return make(*np, c);
            }
            // "footage of Hillary Clinton asking", "a clip of Trump saying": a person after "of"
            // right before an -ing cue is its subject (not "recalled Mr. Obama talking about")
            if (c.info.participle && is_cap(j) && !(toks_[j].flags & w_possessive) && !word_in(j, clause_openers)) {
                if (auto np = np_backward(j, sb); np && np->first > sb &&
                    word_in<packed_words{std::array<std::string_view, 2>{"of", "with"}}>(np->first - 1) &&
                    has_person_mention(np->first, np->second))
                    return make(*np, c);
            }
            // "After saying her foot was “so swollen …,” she was": the main clause's subject follows
            if (c.info.participle && j == sb &&
                word_in<packed_words{std::array<std::string_view, 5>{"after", "before", "while", "since", "upon"}}>(j)) {
                if (auto np = subject_of(sb, sentence_last(c.first) + 1); np && np->first > c.last) return make(*np, c);
                return std::nullopt;
            }
            if (auto np = subject_of(sb, c.first)) return make(*np, c);
            return std::nullopt;
        }
        if (word_in(j, relative_pronouns) && j > sb) {
            if (toks_[j - 1].kind == qtok::comma && j >= sb + 2) j -= 2;
            else --j;
        } else if (toks_[j].kind == qtok::comma) {
            // An apposition before the cue: the nearest comma-separated segment that is a name
            // ("Tatiana Mashkova, the general director of ..., spoke"; "Johnnie Wilson, of
            // Springfield, Va., said"), else the sentence's first segment ("Colombia’s
            // president, on a visit to Washington, reiterated").
            std::size_t seg_end = j; // a comma
            for (std::size_t segments = 0; segments < 6 && seg_end > sb && j - seg_end < 40; ++segments) {
                std::size_t seg_start = seg_end;
                while (seg_start > sb && toks_[seg_start - 1].kind != qtok::comma) --seg_start;
                if (seg_end > seg_start) {
                    if (auto np = np_backward(seg_end - 1, seg_start)) {
                        bool const first_segment = seg_start == sb;
                        std::size_t caps = 0;
                        for (std::size_t k = np->first; k <= np->second; ++k) if (is_cap(k)) ++caps;
                        bool const named = np->first == seg_start && (caps >= 2 || word_in(np->first, speaker_pronouns) ||
                                                                      has_person_mention(np->first, np->second));
                        if (named || first_segment) return make(*np, c);
                    }
                }
                if (seg_start <= sb) break;
                seg_end = seg_start - 1;
            }
            return std::nullopt;
        } else if (word_is(j, "to") && j > sb && is_cap(j - 1)) {
            --j; // "prompted Washington to lash out at"
        } else if (word_is(j, "to") || word_in(j, determiners) || (toks_[j].flags & w_possessive)) {
            return std::nullopt; // "refused to say", "the report", "Zelenski’s call"
        }
        auto np = np_backward(j, sb);
        if (!np) return std::nullopt;
        // "Protesters marching through the streets chanted": the object of a preposition is not
        // the subject; that is the noun phrase before the preposition (and a participle)
        if (word_in(np->first, determiners) && np->first >= sb + 2 &&
            word_in<packed_words{std::array<std::string_view, 12>{"in", "on", "at", "through", "from", "with", "into",
                                                                  "across", "near", "outside", "inside", "around"}}>(np->first - 1)) {
            std::size_t h = np->first - 2;
            if (h > sb && is_lower_word(h) && (token_text(h).ends_with("ing") || token_text(h).ends_with("ed"))) --h;
            np = np_backward(h, sb);
            if (!np) return std::nullopt;
        }
        return make(*np, c);
    }

    // ---- entities ----------------------------------------------------------------------------

    [[nodiscard]] bool names_person_role(byte_span span) const {
        auto const sv = span.in(text_);
        bool role = false;
        std::size_t p = 0;
        while (p < sv.size()) {
            auto q = sv.find(' ', p);
            if (q == std::string_view::npos) q = sv.size();
            std::string w(sv.substr(p, q - p));
            for (auto& ch : w) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
            // "Libertarian presidential candidate Gary Johnson’s doctor": the owner's role is not the speaker's
            if (w.ends_with("'s") || w.ends_with("\xE2\x80\x99s")) role = false;
            else role = role || one_of(std::string_view(w), person_head_words);
            p = q + 1;
        }
        return role;
    }

    /// Whether the mention at `m` inside `speaker` is the complement of a person's title or role
    /// ("the president of the Senate", "Rep. Elijah Cummings of Maryland", "Senator from Texas",
    /// "Democrat of California"): the place or body named there is not the speaker.
    [[nodiscard]] bool complement_of_person(byte_span speaker, byte_span m) const {
        if (m.begin <= speaker.begin) return false;
        auto head = text_.substr(speaker.begin, m.begin - speaker.begin);
        if (head.ends_with("the ")) head.remove_suffix(4);
        std::size_t prep = 0;
        for (std::string_view p : {" of ", " from ", " for "})
            if (head.ends_with(p)) prep = p.size();
        if (prep == 0) return false;
        head.remove_suffix(prep);
        for (std::size_t p = 0; p < head.size();) {
            auto q = std::min(head.find(' ', p), head.size());
            auto w = head.substr(p, q - p);
            if (w.ends_with('.')) w.remove_suffix(1); // "Rep.", "Gov."
            std::string lw(w);
            for (auto& ch : lw) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
            if (lexicon_facts(w).title != 0 || one_of(std::string_view(lw), person_head_words) || lw == "democrat" ||
                lw == "republican")
                return true;
            p = q + 1;
        }
        return false;
    }

    [[nodiscard]] std::optional<std::uint32_t> resolve(byte_span speaker) {
        auto const& ms = doc_.mentions;
        auto const& es = doc_.entities;
        auto const sv = speaker.in(text_);
        auto const first_word = [&] {
            std::size_t e = 0;
            while (e < sv.size() && sv[e] != ' ') ++e;
            std::string lw(sv.substr(0, e));
            for (auto& ch : lw) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
            return lw;
        }();
        bool const pronoun =
            sv.size() == first_word.size() && sv != "US" && one_of(std::string_view(first_word), pronoun_words);
        if (pronoun) {
            gender want = gender::unknown;
            if (first_word == "he" || first_word == "him") want = gender::male;
            else if (first_word == "she" || first_word == "her") want = gender::female;
            else if (first_word == "it") {
                // "it said": the organisation quoted last, or the nearest one named before
                if (last_.valid && last_.unit + 1 >= unit_no_ && last_.who.entity && *last_.who.entity < es.size() &&
                    es[*last_.who.entity].type == "ORG")
                    return last_.who.entity;
                auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= speaker.begin; });
                for (std::size_t steps = 0; it != ms.begin() && steps < 16; ++steps) {
                    --it;
                    if (it->entity < es.size() && es[it->entity].type == "ORG") return it->entity;
                }
                return std::nullopt;
            } else if (first_word != "they") return std::nullopt;
            auto compatible = [&](std::uint32_t e) {
                if (e >= es.size() || es[e].type != "PERSON") return false;
                return want == gender::unknown || es[e].gender == gender::unknown || es[e].gender == want;
            };
            if (last_.valid && last_.unit + 1 >= unit_no_) {
                if (last_.who.entity && compatible(*last_.who.entity)) return last_.who.entity;
                // "Colombia’s president ... reiterated ... In January he told": the antecedent
                // is a description no earlier stage resolved
                if (!last_.who.entity && last_.who.speaker.begin < speaker.begin && names_person_role(last_.who.speaker))
                    return std::nullopt;
            }
            // the person who spoke last, of this gender, a few paragraphs back: the topic of the
            // passage is a better antecedent than whoever was named last
            for (auto const& recent : recent_speakers_)
                if (recent.unit + 3 >= unit_no_ && recent.entity < es.size() && compatible(recent.entity) &&
                    (want == gender::unknown || es[recent.entity].gender == want))
                    return recent.entity;
            auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= speaker.begin; });
            for (std::size_t steps = 0; it != ms.begin() && steps < 64; ++steps) {
                --it;
                if (compatible(it->entity)) return it->entity;
            }
            return std::nullopt;
        }
        auto it = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= speaker.begin; });
        std::optional<std::uint32_t> found;
        for (; it != ms.end() && it->span.begin < speaker.end; ++it) {
            if (it->entity >= es.size()) continue;
            auto const after = text_.substr(it->span.end, std::min<std::size_t>(4, text_.size() - it->span.end));
            bool const owner = (after.starts_with("'s") || after.starts_with("\xE2\x80\x99s")) && it->span.end + 2 < speaker.end;
            if (owner) continue; // "Zelensky’s spokesman" is not Zelensky
            auto const& type = es[it->entity].type;
            if (type == "PERSON") {
                // "Clinton campaign spokesman Brian Fallon": the person ending the phrase is its head
                auto head = it;
                for (auto next = it + 1; next != ms.end() && next->span.begin < speaker.end; ++next)
                    if (next->span.end == speaker.end && next->entity < es.size() && es[next->entity].type == "PERSON")
                        head = next;
                return head->entity;
            }
            if (complement_of_person(speaker, it->span)) continue;
            if (!found && (type == "ORG" || it->span.end == speaker.end)) found = it->entity;
        }
        if (found) return found;
        // a description standing for a person named before ("the one who ...", "the president")
        if (one_of(std::string_view(first_word), determiner_words)) {
            bool person_like = false;
            std::size_t p = 0;
            while (p < sv.size() && !person_like) {
                auto q = sv.find(' ', p);
                if (q == std::string_view::npos) q = sv.size();
                std::string w(sv.substr(p, q - p));
                for (auto& ch : w) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
                person_like = one_of(std::string_view(w), person_head_words);
                if (w.ends_with("'s") || w.ends_with("\xE2\x80\x99s")) break;
                p = q + 1;
            }
            if (!person_like) return std::nullopt;
            if (last_.valid && last_.who.entity && last_.unit + 2 >= unit_no_ && es[*last_.who.entity].type == "PERSON")
                return last_.who.entity;
        }
        return std::nullopt;
    }

    // ---- quotes ------------------------------------------------------------------------------

    [[nodiscard]] bool title_like(std::size_t open, std::size_t close) const {
        std::size_t words = 0;
        for (std::size_t k = open + 1; k < close; ++k) {
            if (toks_[k].kind != qtok::word) {
                bool const trailing = k + 1 == close && toks_[k].kind == qtok::comma; // “Fox News Sunday,”
                if ((toks_[k].kind == qtok::terminal || toks_[k].kind == qtok::comma) && !trailing) return false;
                continue;
            }
            ++words;
            if (!is_cap(k) && !word_in<packed_words{std::array<std::string_view, 9>{"of", "the", "and", "for", "in", "a", "on", "to", "an"}}>(k))
                return false;
        }
        return words > 0 && words <= 7;
    }

    void emit(byte_span span, quote_kind kind, std::optional<attribution> const& who) {
        if (span.empty()) return;
        // marks or symbols alone ("S: “" as a transcript line) quote nothing
        bool any_word = false;
        for (std::size_t i = span.begin; i < span.end && !any_word;) {
            auto const d = decode(text_, i);
            any_word = is_word_char(d.cp);
            i += d.length;
        }
        if (!any_word) return;
        quotation q;
        q.span = span;
        q.kind = kind;
        if (who) {
            q.said_by = speaker{who->speaker, who->entity};
            if (!who->cue.empty()) q.cue = who->cue;
        }
        doc_.quotes.push_back(q);
    }

    void remember(attribution const& a) {
        last_.who = a;
        last_.unit = unit_no_;
        last_.valid = true;
        if (a.entity && *a.entity < doc_.entities.size() && doc_.entities[*a.entity].type == "PERSON") {
            auto& slot = recent_speakers_[static_cast<std::size_t>(doc_.entities[*a.entity].gender)];
            slot.entity = *a.entity;
            slot.unit = unit_no_;
        }
    }

    [[nodiscard]] byte_span trim_content(std::size_t b, std::size_t e) const noexcept {
        while (b < e) {
            auto const d = decode(text_, b);
            if (!is_space(d.cp)) break;
            b += d.length;
        }
        while (e > b) {
            auto const d = decode_before(text_, e);
            if (!is_space(d.cp)) break;
            e -= d.length;
        }
        return {b, e};
    }

    void process_unit(std::size_t unit_begin, std::size_t unit_end) {
        closing_.assign(toks_.size(), 0);
        inside_.assign(toks_.size(), 0);
        for (auto const& p : pieces_) {
            std::size_t const a = p.open == no_token ? 0 : p.open + 1;
            std::size_t const b = p.close == no_token ? toks_.size() : p.close;
            for (std::size_t k = a; k < b; ++k) inside_[k] = 1;
            if (p.close != no_token) closing_[p.close] = 1;
        }
        pair_single_marks();
        for (auto const& p : pieces_)
            if (p.single) {
                for (std::size_t k = p.open + 1; k < p.close; ++k) inside_[k] = 1;
                closing_[p.close] = 1;
            }
        std::sort(pieces_.begin(), pieces_.end(), [](piece const& a, piece const& b) {
            auto const ka = a.open == no_token ? 0 : a.open + 1;
            auto const kb = b.open == no_token ? 0 : b.open + 1;
            return ka < kb;
        });
        mark_sentences();

        bool const has_marks = !pieces_.empty();
        bool const intro_pending = block_.active && !block_.closed;
        // A block quote continues over unmarked paragraphs, or starts after an introduction.
        if (intro_pending) {
            if (continues_block(has_marks)) {
                std::size_t end = unit_end;
                if (!pieces_.empty() && pieces_.front().open == no_token) { // ends at a stray closing mark
                    end = toks_[pieces_.front().close].begin;
                    block_.closed = true;
                }
                if (block_.paragraphs == 0) block_.span.begin = unit_begin;
                block_.span.end = end;
                ++block_.paragraphs;
                if (block_.closed) flush_block();
                return;
            }
        }
        attribution const* intro = nullptr;
        attribution intro_copy;
        if (block_.active && block_.paragraphs == 0) {
            intro_copy = block_.who;
            intro = &intro_copy;
            block_ = {};
        } else {
            flush_block();
        }

        // A transcript line: "PENCE: Well, look, ..." is the labelled speaker's, to the paragraph end.
        if (is_cap(0)) {
            if (auto label = quote_grammar::speaker_label_at(text_, toks_.front().begin)) {
                attribution a;
                a.speaker = label->speaker;
                a.cue = label->colon;
                a.entity = resolve(a.speaker);
                auto const content = trim_content(label->content_at, unit_end);
                if (!content.empty()) {
                    emit(content, quote_kind::block, a);
                    remember(a);
                    return;
                }
            }
        }

        std::size_t covered_until = 0; // bytes already inside an emitted partial quote's content
        std::optional<attribution> split_from; // the attribution after the previous piece
        std::size_t split_close = no_token;
        auto handle = [&](piece const& p) {
            std::size_t const cb = p.open == no_token ? toks_.front().begin : toks_[p.open].end;
            std::size_t const ce = p.close == no_token ? toks_.back().end : toks_[p.close].begin;
            byte_span content = trim_content(cb, ce);
            if (content.empty()) return;
            // a quoted transcript: “PENCE: Well, look, ...”
            std::optional<attribution> labelled;
            if (p.open != no_token) {
                if (auto label = quote_grammar::speaker_label_at(text_, content.begin); label && label->content_at < content.end) {
                    labelled.emplace();
                    labelled->speaker = label->speaker;
                    labelled->cue = label->colon;
                    content.begin = label->content_at;
                }
            }
            std::size_t const first_in = p.open == no_token ? 0 : p.open + 1;
            std::size_t last_in = p.close == no_token ? toks_.size() - 1 : p.close - 1;
            // “… ‘accept responsibility,’” : look through a nested closing mark
            while (last_in > first_in && last_in < toks_.size() && toks_[last_in].kind == qtok::mark) --last_in;
            // marks around no word at all (“’”, “…”, “?”) quote nothing
            bool any_word = false;
            for (std::size_t k = first_in; k <= last_in && k < toks_.size() && !any_word; ++k)
                any_word = toks_[k].kind == qtok::word;
            if (!any_word) return;
            bool const ended_sentence = last_in < toks_.size() && toks_[last_in].kind == qtok::terminal &&
                                        p.close + 1 < toks_.size() && is_cap(p.close + 1);
            std::optional<attribution> who;
            // quote–cue–speaker needs the quote to end its clause: “…,” / “…?” / “…” — / “…”,
            bool const clause_end =
                p.close != no_token &&
                ((last_in < toks_.size() && (toks_[last_in].kind == qtok::comma || toks_[last_in].kind == qtok::terminal ||
                                             toks_[last_in].kind == qtok::ellipsis || toks_[last_in].kind == qtok::dash)) ||
                 (p.close + 1 < toks_.size() && (toks_[p.close + 1].kind == qtok::comma || toks_[p.close + 1].kind == qtok::dash)) ||
                 attribution_follows(p.close + 1));
            if (labelled) who = labelled;
            else if (clause_end) who = after_quote(p.close, ended_sentence);
            if (!who && !p.single && p.close != no_token) who = sentence_final_attribution(p.close);
            bool const after = who.has_value();
            // (not split-quote evidence: quoted words may follow before the sentence ends)
            if (!who && !p.single && p.close != no_token) who = parenthetical_attribution(p.close);
            // "“A,” he said, “B.”": the second piece of a split quote has the first one's speaker
            if (!who && split_from && p.open != no_token && sentence_begin(p.open) <= split_close) who = split_from;
            if (!who && p.open != no_token) who = before_quote(p.open);
            split_from.reset();
            if (after) {
                split_from = who;
                split_close = p.close;
            }
            bool const starts_sentence = p.open == no_token || sentence_start_[p.open] || only_symbols_before(p.open) ||
                                         (p.open > 0 && (toks_[p.open - 1].kind == qtok::colon ||
                                                         toks_[p.open - 1].kind == qtok::comma ||
                                                         toks_[p.open - 1].kind == qtok::dash));
            std::size_t words = 0;
            for (std::size_t k = first_in; k <= last_in && k < toks_.size() && words < 4; ++k)
                if (toks_[k].kind == qtok::word) ++words;
            bool const whole = starts_sentence && words >= 3 && !p.single;
            if (p.open == no_token && !who && !intro) return; // a stray closing mark alone
            if (who && p.open != no_token && title_like(p.open, p.close == no_token ? toks_.size() : p.close)) who.reset();
            if (!who && whole && intro) who = *intro;
            if (!who && !whole && !p.single && words >= 2 && p.open != no_token && p.close != no_token &&
                !title_like(p.open, p.close))
                who = subject_as_source(p.open);
            if (!who && whole && settings_.carry_over && last_.valid && last_.unit + 1 >= unit_no_ &&
                (p.open == no_token || p.open == 0 || sentence_start_[p.open])) {
                who = last_.who;
            }
            if (who && !who->entity) who->entity = resolve(who->speaker);
            if (content.begin < covered_until) return; // a fragment of reported content already emitted
            if (!who) {
                emit(content, whole ? quote_kind::direct : quote_kind::partial, std::nullopt);
                return;
            }
            remember(*who);
            if (whole || p.open == no_token) {
                emit(content, quote_kind::direct, who);
                return;
            }
            // a fragment inside reported speech: report the content that holds it
            byte_span span = content;
            // "lash out at Brasilia for “parroting …”": a quote that is the object of "for" is the
            // content itself, not the cue's object before it
            bool const object_of_for = p.open > 0 && word_is(p.open - 1, "for");
            if (who->before && who->content_from != no_token && who->content_from < p.open && !object_of_for) {
                std::size_t last = sentence_last(p.open);
                // the reported clause ends at a dash or semicolon after the fragment
                // (or at ", but he said …", the comma perhaps inside the marks)
                for (std::size_t k = p.close == no_token ? last : p.close + 1; k < last; ++k)
                    if (!inside_[k] && (toks_[k].kind == qtok::dash || toks_[k].kind == qtok::semicolon ||
                                        (opens_contrast(k) && (toks_[k - 1].kind == qtok::comma ||
                                                               (toks_[k - 1].kind == qtok::mark &&
                                                                toks_[k - 2].kind == qtok::comma))))) {
                        last = k - 1;
                        break;
                    }
                while (last > p.open && (toks_[last].kind == qtok::terminal || toks_[last].kind == qtok::comma) &&
                       !inside_[last])
                    --last;
                span = {toks_[who->content_from].begin, toks_[last].end};
                if (who->cue_token != no_token && who->cue_token > p.open) span = content;
            } else if (!who->before && p.close != no_token) {
                std::size_t const sb = sentence_begin(p.open);
                if (sb < p.open) span = {toks_[sb].begin, toks_[p.close].end};
            }
            if (span.begin < covered_until) span.begin = std::max(span.begin, content.begin);
            // the second piece of a split quote: its speaker sits inside the widened span
            auto const overlaps = [&span](byte_span s) { return !s.empty() && s.begin < span.end && span.begin < s.end; };
            if (overlaps(who->speaker) || overlaps(who->cue)) span = content;
            // a widened span holds the quoted content (the sentence may end before the mark)
            if (span.begin > content.begin || span.end < content.end) span = content;
            covered_until = span.end;
            emit(span, quote_kind::partial, who);
        };

        // Sentences in order, so that carry-over and pronouns see the attributions before them.
        std::size_t next_piece = 0;
        auto piece_first = [](piece const& p) { return p.open == no_token ? std::size_t{0} : p.open; };
        std::size_t next_mark = 0; // in marks_: the first at or after i
        std::size_t next_cue = 0;  // in cue_words_: the first at or after i
        for (std::size_t i = 0; i < toks_.size();) {
            // sentence_last(i), as byte searches
            std::size_t const window_end = std::min(toks_.size(), i + 201);
            std::size_t last = window_end - 1;
            if (auto const* start = std::memchr(sentence_start_.data() + i + 1, 1, window_end - i - 1))
                last = static_cast<std::size_t>(static_cast<std::uint8_t const*>(start) - sentence_start_.data()) - 1;
            // whether the sentence holds quotation marks or quoted words
            while (next_mark < marks_.size() && marks_[next_mark] < i) ++next_mark;
            bool const marks = (next_mark < marks_.size() && marks_[next_mark] <= last) ||
                               std::memchr(inside_.data() + i, 1, last + 1 - i) != nullptr;
            while (next_piece < pieces_.size() && piece_first(pieces_[next_piece]) <= last) handle(pieces_[next_piece++]);
            bool const introduction = last + 1 == toks_.size() && toks_[last].kind == qtok::colon;
            while (next_cue < cue_words_.size() && cue_words_[next_cue] < i) ++next_cue;
            // (a sentence with no cue word reports nothing)
            if (!marks && settings_.indirect && !introduction && next_cue < cue_words_.size() && cue_words_[next_cue] <= last)
                indirect_in(i, last, next_cue);
            i = last + 1;
        }
        while (next_piece < pieces_.size()) handle(pieces_[next_piece++]);
        open_intro_if_any();
    }

    // ---- block quotes ------------------------------------------------------------------------

    /// A paragraph ending in a colon with a cue introduces what follows.
    void open_intro_if_any() {
        if (toks_.empty() || toks_.back().kind != qtok::colon) return;
        std::size_t const colon = toks_.size() - 1;
        std::size_t const sb = sentence_begin(colon);
        for (std::size_t k = sb; k < colon; ++k)
            if (inside_[k] || toks_[k].kind == qtok::mark) return; // the introduction is the last, unquoted sentence
        std::optional<attribution> who;
        // the cue words in [sb, colon), nearest first (cue_at finds no cue at any other token)
        for (auto it = std::lower_bound(cue_words_.begin(), cue_words_.end(), colon);
             it != cue_words_.begin() && *(it - 1) >= sb;) {
            auto c = cue_at(*--it);
            if (c.first == no_token || c.last >= colon || !reliable(c.info)) continue;
            who = speaker_of_cue(c, sb, colon);
            if (who) break;
        }
        if (!who) {
            // "He began his speech with the words:": an utterance noun names the introduction
            bool utterance = false;
            for (std::size_t k = sb; k < colon; ++k)
                if (word_in<packed_words{std::array<std::string_view, 10>{"words", "speech", "statement", "remarks", "saying",
                                                                 "address", "message", "comment", "comments", "remark"}}>(k))
                    utterance = true;
            if (!utterance) return;
            auto np = subject_of(sb, colon);
            if (!np) return;
            cue_match cm{colon, colon, {}};
            who = make(*np, cm);
        }
        who->entity = resolve(who->speaker);
        block_ = {};
        block_.active = true;
        block_.who = *who;
    }

    /// Whether this paragraph is (more of) the block quote the previous paragraphs opened.
    [[nodiscard]] bool continues_block(bool has_marks) const {
        if (toks_.empty()) return false;
        auto const& first = toks_.front();
        if (first.kind == qtok::dash || first.kind == qtok::other) return false; // list items
        if (first.kind == qtok::word && (first.flags & w_digit) && toks_.size() > 1 &&
            (toks_[1].kind == qtok::terminal || toks_[1].kind == qtok::close_paren))
            return false;
        if (block_.paragraphs >= settings_.max_block_paragraphs) return false;
        auto const& last = toks_.back();
        bool const prose = last.kind == qtok::terminal || last.kind == qtok::ellipsis ||
                           (last.kind == qtok::mark && !pieces_.empty() && pieces_.front().open == no_token);
        if (!prose || toks_.size() < 6) return false;
        if (block_.paragraphs == 0) {
            // the first paragraph: unmarked, or its only mark a stray closer
            return !has_marks || (pieces_.size() == 1 && pieces_.front().open == no_token);
        }
        if (has_marks) return false;
        // later paragraphs: the writer's voice returns with an attribution verb
        for (std::size_t const k : cue_words_) { // (no other word starts a cue)
            auto const c = cue_at(k);
            if (c.first != no_token && word_in<packed_words{std::array<std::string_view, 12>{"said", "says", "told", "tells", "added",
                "wrote", "according", "noted", "asked", "reported", "argued", "explained"}}>(k))
                return false;
        }
        return true;
    }

    void flush_block() {
        if (!block_.active) return; // (an inactive block_ holds its defaults already)
        if (block_.paragraphs > 0) {
            auto const span = trim_content(block_.span.begin, block_.span.end);
            std::optional<attribution> who = block_.who;
            emit(span, quote_kind::block, who);
            remember(block_.who);
        }
        block_ = {};
    }

    // ---- indirect speech -----------------------------------------------------------------------

    /// Reported speech in the unquoted sentence [sb, last], whose first cue word is cue_words_[first_cue].
    void indirect_in(std::size_t sb, std::size_t last, std::size_t first_cue) {
        std::size_t end = last;
        while (end > sb && (toks_[end].kind == qtok::terminal || toks_[end].kind == qtok::close_paren)) --end;
        if (end <= sb + 2) return;
        std::optional<attribution> topic;
        for (auto it = cue_words_.begin() + static_cast<std::ptrdiff_t>(first_cue); it != cue_words_.end() && *it <= end; ++it) {
            std::size_t const k = *it; // a word starting a cue
            // (a cue's info is its first word's: only "according to" and frequent speech cues
            // are read here, so the others need no cue_at)
            auto const& lx = lexicon_[toks_[k].entry];
            std::string_view const w = lx.form; // the word, lower cased
            bool const frequent_speech = lx.info.category == cue_category::speech && lx.info.frequency >= 5;
            if (!frequent_speech && w != "according") continue;
            auto const c = cue_at(k);
            if (c.first == no_token) continue;
            bool const according = w == "according" && c.last > k;
            if (according) {
                auto np = np_forward(c.last + 1, end + 1);
                if (!np) return;
                attribution a = make(source_behind(*np, end + 1), c);
                byte_span content;
                if (k == sb) { // "According to X, ..."
                    std::size_t j = np->second + 1;
                    while (j <= end && toks_[j].kind != qtok::comma) ++j;
                    if (j >= end) return;
                    content = bytes(j + 1, end);
                } else if (k > sb + 2 && toks_[k - 1].kind == qtok::comma) {
                    content = bytes(sb, k - 2);
                } else {
                    return;
                }
                a.entity = resolve(a.speaker);
                emit(content, quote_kind::indirect, a);
                remember(a);
                return;
            }
            if (!frequent_speech) continue;
            if (k > sb && (word_in(k - 1, determiners) || word_is(k - 1, "to"))) continue;
            bool const say = one_of(w, std::array<std::string_view, 8>{"say", "says", "said", "saying", "tell",
                                                                      "tells", "told", "telling"});
            // the reported clause: after "that" (at most a short object before it), or for
            // say/tell a clause right after the verb
            std::size_t from = no_token;
            if (word_is(c.last + 1, "that")) {
                from = c.last + 2;
            } else if (word_in<packed_words{std::array<std::string_view, 2>{"out", "up"}}>(c.last + 1) && word_is(c.last + 2, "that")) {
                from = c.last + 3; // "points out that"
            } else if (word_in(c.first, hearer_verbs)) {
                // "told US and EU policymakers that", "assured them that"
                for (std::size_t j = c.last + 1; j <= end && j <= c.last + 6; ++j) {
                    if (word_is(j, "that")) {
                        from = j + 1;
                        break;
                    }
                    if (!is_word(j) || word_in<packed_words{std::array<std::string_view, 2>{"so", "such"}}>(j)) break;
                }
            }
            if (from == no_token && say && c.last + 1 <= end) {
                std::size_t j = c.last + 1;
                if (w.starts_with("t")) { // told reporters / told CNN: skip the hearer
                    if (auto obj = np_forward(j, end + 1)) j = obj->second + 1;
                    else if (is_word(j)) ++j;
                }
                if (j <= end && is_word(j) && !word_in(j, np_stops) &&
                    (word_in(j, speaker_pronouns) || word_in(j, determiners) || is_cap(j)))
                    from = j;
            }
            if (from == no_token || from > end) {
                // ", Smith said." closing the sentence
                if (c.last == end && k > sb + 3) {
                    std::size_t j = k;
                    while (j > sb && toks_[j - 1].kind != qtok::comma) --j;
                    if (j > sb + 2 && j + 4 >= k) {
                        if (auto np = np_backward(k - 1, j)) {
                            attribution a = make(*np, c);
                            a.entity = resolve(a.speaker);
                            emit(bytes(sb, j - 2), quote_kind::indirect, a);
                            remember(a);
                            return;
                        }
                    }
                }
                // ", said Brian Baker, a political adviser." closing the sentence
                if (k > sb + 3 && toks_[k - 1].kind == qtok::comma) {
                    if (auto np = np_forward(c.last + 1, end + 1);
                        np && is_cap(np->first) && (np->second == end || toks_[np->second + 1].kind == qtok::comma)) {
                        attribution a = make(*np, c);
                        a.entity = resolve(a.speaker);
                        emit(bytes(sb, k - 2), quote_kind::indirect, a);
                        remember(a);
                        return;
                    }
                }
                // no reported clause ("called him a master at ..."), but the sentence names who
                // is speaking: a quote opening the next sentence is theirs
                if (!topic && c.info.frequency >= 20) topic = speaker_of_cue(c, sb, end + 1);
                continue;
            }
            auto who = speaker_of_cue(c, sb, from);
            if (!who) continue;
            who->entity = resolve(who->speaker);
            emit(bytes(from, end), quote_kind::indirect, who);
            remember(*who);
            return;
        }
        if (topic) {
            topic->entity = resolve(topic->speaker);
            remember(*topic);
        }
    }

    document& doc_;
    std::string_view text_;
    cue_table::view lexicon_;
    quote_settings const& settings_;

    mutable token_buffer toks_; ///< (mutable: lex() fills in the lexicon entries it looks up)
    std::size_t token_count_ = 0;      ///< toks_.size(), kept for is_word (a division less per call)
    std::vector<std::size_t> punct_;     ///< the terminals and marks, in order
    std::vector<std::size_t> marks_;     ///< the marks, in order
    std::vector<std::size_t> cue_words_; ///< the words whose lexeme starts a cue, in order
    std::vector<piece> pieces_;
    std::vector<std::uint8_t> inside_;
    std::vector<std::uint8_t> closing_;
    std::vector<std::uint8_t> sentence_start_;
    std::vector<std::size_t> line_first_;
    std::size_t open_ = no_token;
    std::size_t nested_ = no_token; ///< the opener of a quote nested in the open one
    bool continuation_mark_ = false;
    std::size_t unit_no_ = 0;
    std::size_t sentence_cursor_ = 0;
    remembered last_;
    struct recent_speaker {
        std::uint32_t entity = static_cast<std::uint32_t>(-1);
        std::size_t unit = 0;
    };
    std::array<recent_speaker, 3> recent_speakers_{}; ///< by gender: the last person quoted
    open_block block_;
};

} // namespace detail
BYLINE_END_NAMESPACE
