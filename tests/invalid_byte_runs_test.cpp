// A run of invalid UTF-8 bytes is one symbol token for the quote and gazetteer tokenizers, so
// garbage costs no more per byte than text; a literal U+FFFD is valid text and stays its own token.
#include <byline/detail/fold.hpp>
#include <byline/detail/quote_tokens.hpp>

#include <doctest/doctest.h>

#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace byline::detail;

// "ab", four invalid bytes (an encoded surrogate and a stray continuation), a literal U+FFFD, "cd"
constexpr std::string_view text{"ab\xED\xA0\x80\x80\xEF\xBF\xBD" "cd"};

} // namespace

TEST_CASE("the quote tokenizer takes a run of invalid bytes as one symbol") {
    std::vector<qtoken> toks;
    tokenize_line(text, 0, text.size(), toks);
    REQUIRE(toks.size() == 4);
    CHECK(toks[0].kind == qtok::word);
    CHECK((toks[1].begin == 2 && toks[1].end == 6 && toks[1].kind == qtok::other));
    CHECK((toks[2].begin == 6 && toks[2].end == 9 && toks[2].kind == qtok::other));
    CHECK((toks[3].begin == 9 && toks[3].end == 11 && toks[3].kind == qtok::word));
}

TEST_CASE("the gazetteer tokenizer takes a run of invalid bytes as one symbol") {
    tokenizer tok(text);
    raw_token t;
    fold_buffer folded;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    while (tok.next(t, folded)) spans.emplace_back(t.begin, t.end);
    std::vector<std::pair<std::size_t, std::size_t>> const want{{0, 2}, {2, 6}, {6, 9}, {9, 11}};
    CHECK(spans == want);
}
