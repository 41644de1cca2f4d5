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
