// The gazetteer tokenizer reads the usual token inline and the rest on a general path; which
// path takes a token depends on where it falls (16 bytes must follow it), never what comes out.
#include <byline/detail/fold.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

struct seen {
    std::size_t begin, end;
    byline::detail::token_gap gap;
    bool word, has_lower, has_upper;
    std::string folded;
    bool operator==(seen const&) const = default;
};

std::vector<seen> tokens_of(std::string_view text) {
    byline::detail::tokenizer tok(text);
    byline::detail::raw_token t;
    byline::detail::fold_buffer folded;
    std::vector<seen> out;
    while (tok.next(t, folded)) out.push_back({t.begin, t.end, t.gap, t.word, t.has_lower, t.has_upper, std::string(folded.view())});
    return out;
}

} // namespace

TEST_CASE("gazetteer tokenizer: tokens come out the same wherever they fall and whatever follows them") {
    std::string const sentence = "Gen. J.R. O'Brien's U.S.-backed plan,  \xC3\x81lvaro L\xC3\xB3pez (AMLO)\n\nsaid: "
                                 "\xE2\x80\x9CNo.\xE2\x80\x9D extraordinarilylongword x9 Ab\tcd";
    auto const reference = tokens_of(sentence);
    REQUIRE(reference.size() == 34);
    CHECK(reference[0] == seen{0, 3, byline::detail::token_gap::none, true, true, true, "gen"});
    CHECK(reference[1] == seen{3, 4, byline::detail::token_gap::none, false, false, false, "."});
    CHECK(reference[19] == seen{39, 46, byline::detail::token_gap::space, true, true, true, "alvaro"});
    CHECK(reference[22] == seen{55, 59, byline::detail::token_gap::none, true, false, true, "amlo"});
    CHECK(reference[24].gap == byline::detail::token_gap::paragraph);
    CHECK(reference[30].folded == "extraordinarilylongword");
    CHECK(reference[33] == seen{108, 110, byline::detail::token_gap::space, true, true, false, "cd"});
    for (std::size_t shift = 1; shift <= 20; ++shift) {
        // Trailing spaces let the last tokens take the inline path too.
        auto const tokens = tokens_of(std::string(shift, ' ') + sentence + std::string(shift, ' '));
        REQUIRE(tokens.size() == reference.size());
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            auto want = reference[t];
            want.begin += shift;
            want.end += shift;
            if (t == 0) want.gap = byline::detail::token_gap::space;
            CHECK(tokens[t] == want);
        }
    }
}
