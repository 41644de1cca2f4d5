// Garbage runs are one token each, so hostile text costs no more tokens per byte than news.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using byline::detail::qtok;

/// (begin, end, kind) of each quote token of one line.
std::vector<std::tuple<std::size_t, std::size_t, qtok>> quote_tokens(std::string_view line) {
    std::vector<byline::detail::qtoken> toks;
    byline::detail::tokenize_line(line, 0, line.size(), toks);
    std::vector<std::tuple<std::size_t, std::size_t, qtok>> out;
    for (auto const& t : toks) out.emplace_back(t.begin, t.end, t.kind);
    return out;
}

using tokens = std::vector<std::tuple<std::size_t, std::size_t, qtok>>;

std::vector<std::pair<std::size_t, std::size_t>> quote_spans(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (auto const& q : byline::quote_finder{}.find(text)) out.emplace_back(q.span.begin, q.span.end);
    return out;
}

} // namespace

TEST_CASE("quote tokens: more than three adjacent quotation marks are one symbol") {
    // a “"’“ b : four marks (3 + 1 + 3 + 3 bytes) between two words
    CHECK(quote_tokens("a \u201C\"\u2019\u201C b") ==
          tokens{{0, 1, qtok::word}, {2, 12, qtok::other}, {13, 14, qtok::word}});
    CHECK(quote_tokens("\"\"\"\"\"") == tokens{{0, 5, qtok::other}});
    // up to three stay marks: a nested quote's closers, NYT-style ''' and three straight marks
    CHECK(quote_tokens("no.\u2019\u201D") ==
          tokens{{0, 2, qtok::word}, {2, 3, qtok::terminal}, {3, 6, qtok::mark}, {6, 9, qtok::mark}});
    CHECK(quote_tokens("no.'''") == tokens{{0, 2, qtok::word}, {2, 3, qtok::terminal}, {3, 5, qtok::mark}, {5, 6, qtok::mark}});
    CHECK(quote_tokens("\"\"\"") == tokens{{0, 1, qtok::mark}, {1, 2, qtok::mark}, {2, 3, qtok::mark}});
}

TEST_CASE("quotes: a word between runs of four quotation marks is not quoted; nested closers still close") {
    std::string const text = "\u201CWe won,\u201D she said. \u201C\u201C\u201C\u201CThen\u201D\u201D\u201D\u201D nothing. "
                             "\u201CHe said \u2018no.\u2019\u201D Smith said.";
    CHECK(quote_spans(text) == std::vector<std::pair<std::size_t, std::size_t>>{{3, 10}, {65, 82}});
}

TEST_CASE("quote tokens: a line tokenised in parts stops after the budget at a sentence end, with the tokens of the whole") {
    std::string_view const text = "A b. C d. E f.";
    std::vector<byline::detail::qtoken> parts;
    CHECK(byline::detail::tokenize_line_part(text, 0, 0, text.size(), parts, 2) == 5);
    CHECK(parts.size() == 3);
    CHECK(byline::detail::tokenize_line_part(text, 0, 5, text.size(), parts, 2) == 10);
    CHECK(byline::detail::tokenize_line_part(text, 0, 10, text.size(), parts, 2) == text.size());
    CHECK(parts.size() == 9);

    // no sentence end: the part stops at twice the budget, even where a mark is glued to a word
    std::string_view const glued = "a b c d\"e f\" g";
    std::vector<byline::detail::qtoken> whole, pieces;
    byline::detail::tokenize_line(glued, 0, glued.size(), whole);
    CHECK(byline::detail::tokenize_line_part(glued, 0, 0, glued.size(), pieces, 2) == 7);
    CHECK(pieces.size() == 4);
    CHECK(byline::detail::tokenize_line_part(glued, 0, 7, glued.size(), pieces, 2) == 13);
    CHECK(byline::detail::tokenize_line_part(glued, 0, 13, glued.size(), pieces, 2) == glued.size());
    REQUIRE(pieces.size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        CHECK(pieces[i].begin == whole[i].begin);
        CHECK(pieces[i].end == whole[i].end);
        CHECK(pieces[i].kind == whole[i].kind);
        CHECK(pieces[i].flags == whole[i].flags);
    }
}

TEST_CASE("quotes: a line of more tokens than a unit holds gives the quotes of the same text in paragraphs") {
    // 6000 sentences of 9 tokens: the quote engine cuts the line into units at sentence ends
    std::string line;
    for (int i = 0; i < 6000; ++i) line += "\u201CWe will win this war,\u201D the minister said. ";
    std::string paragraphs = line;
    for (std::size_t i = 0; i < paragraphs.size(); ++i)
        if (paragraphs[i] == ' ' && i > 0 && paragraphs[i - 1] == '.') paragraphs[i] = '\n';
    byline::quote_finder const finder;
    auto const a = finder.find(line);
    auto const b = finder.find(paragraphs);
    REQUIRE(a.size() == 6000);
    REQUIRE(b.size() == a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].span == b[i].span);
        CHECK(a[i].span == byline::byte_span{47 * i + 3, 47 * i + 24});
        REQUIRE(a[i].said_by.has_value());
        CHECK(a[i].said_by->span == byline::byte_span{47 * i + 28, 47 * i + 40});
    }
}

TEST_CASE("quote tokens: a part with no budget still makes one token, so a caller always advances") {
    std::string_view const text = "a b";
    std::vector<byline::detail::qtoken> toks;
    CHECK(byline::detail::tokenize_line_part(text, 0, 0, text.size(), toks, 0) == 2);
    CHECK(toks.size() == 1);
}
