// Regression tests for defects the fuzz targets (tests/fuzz) found: each input is the minimised
// finding, and each check is the invariant it broke plus the exact expected result.
#include "invariants.hpp"

#include <byline/byline.hpp>

#include <doctest/doctest.h>

TEST_CASE("fuzz_quotes: the second piece of a split quote after an unopened first piece excludes the speaker") {
    // The first piece has lost its opening mark; the second, too short for a whole quote, used
    // to be widened to the sentence start and so covered the speaker and the first piece.
    std::string_view const text = "We will,\xE2\x80\x9D said Jane Doe, the mayor, \xE2\x80\x9Cwin this.\xE2\x80\x9D She left.";
    byline::document doc;
    doc.text = text;
    doc.quotes = byline::quote_finder{}.find(text);
    CHECK_FALSE(byline_test::check_quotes(doc, byline_test::boundaries(text)));
    REQUIRE(doc.quotes.size() == 2);
    CHECK(doc.quotes[1].span == byline::byte_span{41, 50}); // win this.
    REQUIRE(doc.quotes[1].said_by);
    CHECK(doc.quotes[1].said_by->span == byline::byte_span{17, 25}); // Jane Doe
}
