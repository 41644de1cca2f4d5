// The quote tokenizer's word loop reads 64-byte windows of bit masks: words that cross a
// window's end, end at its last byte, or meet the line's or the text's end there, and a budget
// that runs out inside a window, give the same tokens and sink calls as anywhere else.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

namespace d = byline::detail;
using d::qtok;

using token_list = std::vector<std::tuple<std::size_t, std::size_t, qtok, std::uint8_t>>;

/// Records the sink calls: (index, begin, size, readable) per entry(), (index, kind) per punct().
struct recording_sink {
    std::string_view text;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>>* entries;
    std::vector<std::pair<std::size_t, qtok>>* puncts;
    std::uint32_t entry(std::size_t index, char const* word, std::size_t n, std::size_t readable) const {
        entries->emplace_back(index, static_cast<std::size_t>(word - text.data()), n, readable);
        return static_cast<std::uint32_t>(index);
    }
    void punct(std::size_t index, qtok kind) const { puncts->emplace_back(index, kind); }
};

struct tokenized {
    token_list tokens;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> entries;
    std::vector<std::pair<std::size_t, qtok>> puncts;
    std::size_t stop = 0;
};

tokenized tokenize(std::string_view text, std::size_t begin, std::size_t end, std::size_t budget = std::size_t(-1)) {
    tokenized r;
    d::token_buffer buf;
    r.stop = d::tokenize_line_part(text, begin, begin, end, buf, budget, recording_sink{text, &r.entries, &r.puncts});
    for (std::size_t i = 0; i < buf.size(); ++i) {
        auto const& t = buf[i];
        r.tokens.emplace_back(t.begin, t.end, t.kind, t.flags);
        if (t.kind == qtok::word) CHECK(t.entry == i); // the sink's answer, for this token's index
    }
    return r;
}

constexpr std::uint8_t lower_word = d::w_ascii | d::w_lower;

/// Lower-case words of the given lengths, each followed by the separator `seps` gives (" ", ", ",
/// ". " or "  "): the text, the tokens expected, and the expected sink calls.
struct built {
    std::string text;
    tokenized expected;
};

built build(std::vector<std::size_t> const& lengths, std::vector<std::string_view> const& seps) {
    built b;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        std::size_t const at = b.text.size();
        for (std::size_t k = 0; k < lengths[i]; ++k) b.text += static_cast<char>('a' + (i + k) % 26);
        b.expected.entries.emplace_back(b.expected.tokens.size(), at, lengths[i], 0);
        b.expected.tokens.emplace_back(at, at + lengths[i], qtok::word, lower_word);
        if (i + 1 == lengths.size()) break;
        auto const sep = seps[i % seps.size()];
        if (sep[0] == ',') b.expected.tokens.emplace_back(b.text.size(), b.text.size() + 1, qtok::comma, 0);
        if (sep[0] == '.') {
            b.expected.puncts.emplace_back(b.expected.tokens.size(), qtok::terminal);
            b.expected.tokens.emplace_back(b.text.size(), b.text.size() + 1, qtok::terminal, 0);
        }
        b.text += sep;
    }
    for (auto& e : b.expected.entries) std::get<3>(e) = b.text.size() - std::get<1>(e);
    b.expected.stop = b.text.size();
    return b;
}

void check_same(tokenized const& got, tokenized const& expected) {
    CHECK(got.tokens == expected.tokens);
    CHECK(got.entries == expected.entries);
    CHECK(got.puncts == expected.puncts);
    CHECK(got.stop == expected.stop);
}

} // namespace

TEST_CASE("quote tokens: words of every length and position across 64-byte windows") {
    // lengths 1..70 in a shifting order, so that word ends fall on every byte of a window
    std::uint32_t state = 12345;
    std::vector<std::size_t> lengths;
    for (int i = 0; i < 600; ++i) {
        state = state * 1103515245u + 12345u;
        lengths.push_back(1 + (state >> 16) % (i % 3 == 0 ? 70 : 9));
    }
    for (auto const& seps : {std::vector<std::string_view>{" "}, std::vector<std::string_view>{" ", ", ", " ", ". "},
                             std::vector<std::string_view>{"  ", " ", ", "}}) {
        auto const b = build(lengths, seps);
        check_same(tokenize(b.text, 0, b.text.size()), b.expected);
        // the same line with a line after it: the window must stop at the line's end
        auto const two_lines = b.text + "\nnext line words";
        auto expected = b.expected;
        for (auto& e : expected.entries) std::get<3>(e) += two_lines.size() - b.text.size(); // (readable bytes)
        check_same(tokenize(two_lines, 0, b.text.size()), expected);
    }
}

TEST_CASE("quote tokens: a word ending at a window's last byte, or just past it") {
    for (std::size_t first : {62u, 63u, 64u, 65u, 126u, 127u, 128u}) {
        // one word of `first` bytes, then short words
        auto const b = build({first, 3, 1, 4}, {" "});
        check_same(tokenize(b.text, 0, b.text.size()), b.expected);
        // a short word first, so the window starts there and the long word crosses its end
        auto const c = build({2, first, 2, 5}, {" ", ", "});
        check_same(tokenize(c.text, 0, c.text.size()), c.expected);
    }
    // words of 61 bytes and more after one of two: the space after them at bytes 62..66
    for (std::size_t n = 58; n < 66; ++n) {
        auto const b = build({2, n, 2, n, 1}, {" "});
        check_same(tokenize(b.text, 0, b.text.size()), b.expected);
    }
}

TEST_CASE("quote tokens: a line part that ends inside a word or a window stops there") {
    std::string_view const text = "alpha beta gamma delta";
    auto const r = tokenize(text, 0, 8); // "alpha be"
    CHECK(r.tokens == token_list{{0, 5, qtok::word, lower_word}, {6, 8, qtok::word, lower_word}});
    CHECK(r.stop == 8);
    auto const s = tokenize(text, 0, 11); // "alpha beta " : the space before "gamma" is the last byte
    CHECK(s.tokens == token_list{{0, 5, qtok::word, lower_word}, {6, 10, qtok::word, lower_word}});
}

TEST_CASE("quote tokens: a word at the text's end, at and near a window's size") {
    for (std::size_t size : {63u, 64u, 65u, 127u, 128u}) {
        std::vector<std::size_t> lengths;
        std::size_t used = 0;
        while (used + 4 < size) {
            lengths.push_back(3);
            used += 4;
        }
        lengths.push_back(size - used); // the last word ends at the text's end
        auto const b = build(lengths, {" "});
        REQUIRE(b.text.size() == size);
        std::string const exact = b.text; // (a buffer of exactly the text's bytes)
        check_same(tokenize(exact, 0, exact.size()), b.expected);
    }
}

TEST_CASE("quote tokens: a budget that runs out inside a window stops at twice the budget") {
    std::vector<std::size_t> lengths(40, 2);
    auto const b = build(lengths, {" ", ", "});
    for (std::size_t budget : {1u, 2u, 3u, 5u, 7u}) {
        auto const r = tokenize(b.text, 0, b.text.size(), budget);
        REQUIRE(r.tokens.size() == 2 * budget);
        CHECK(r.tokens == token_list(b.expected.tokens.begin(), b.expected.tokens.begin() + static_cast<std::ptrdiff_t>(2 * budget)));
        // it stops before the next token, after the white space
        CHECK(r.stop == std::get<0>(b.expected.tokens[2 * budget]));
    }
    // with sentence ends: at the first terminal before white space once the budget is out
    auto const t = build(lengths, {" ", " ", ". "});
    auto const r = tokenize(t.text, 0, t.text.size(), 4);
    // words 0 1 2 . 3 4 5 . : the budget is out after the fourth token (the period), which ends a sentence
    REQUIRE(r.tokens.size() == 4);
    CHECK(std::get<2>(r.tokens.back()) == qtok::terminal);
    CHECK(r.stop == std::get<0>(t.expected.tokens[4]));
}

TEST_CASE("quote tokens: General Punctuation decoded without the library equals decode()") {
    // every E2 80 xx / E2 81 xx with a valid and an invalid last byte, cut short at the text's end,
    // and neighbours of the block (E2 82 xx, E2 7F xx) that take the library path
    for (unsigned second : {0x7Fu, 0x80u, 0x81u, 0x82u}) {
        for (unsigned third = 0; third < 256; ++third) {
            std::string const s{'\xE2', static_cast<char>(second), static_cast<char>(third), ' '};
            for (std::size_t size : {std::size_t{2}, std::size_t{3}, std::size_t{4}}) {
                std::string_view const text(s.data(), size);
                auto const fast = d::decode_punctuation_fast(text, 0);
                auto const slow = d::decode(text, 0);
                CHECK(fast.cp == slow.cp);
                CHECK(fast.length == slow.length);
                CHECK(d::is_word_char_fast(fast.cp) == d::is_word_char(slow.cp));
            }
        }
    }
    for (char32_t cp = 0; cp < 0x3000; ++cp) CHECK(d::is_word_char_fast(cp) == d::is_word_char(cp));
}
