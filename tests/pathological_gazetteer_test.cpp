// The gazetteer matcher follows suffix links (Aho-Corasick): matches that start inside a longer
// partial match are found exactly as a walk from every token would find them, in order of start.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using byline::overlap;
using spans = std::vector<std::tuple<std::size_t, std::size_t, std::string>>;

template <overlap Policy>
spans found(byline::gazetteer const& g, std::string_view text) {
    spans out;
    for (auto const& m : g.matches<Policy>(text)) out.emplace_back(m.span.begin, m.span.end, std::string(g.entity(m.entity).id));
    return out;
}

byline::gazetteer chain() {
    byline::gazetteer_builder b;
    b.add("bofa", "ORG", "Bank of America Merrill");
    b.add("ml", "ORG", "America Merrill Lynch");
    b.add("of-am", "ORG", "of America");
    b.add("am", "GPE", "America");
    b.add("us", "GPE", "US");
    return b.build();
}

} // namespace

TEST_CASE("gazetteer: matches inside a failed longer candidate are found through suffix links") {
    auto const g = chain();
    //                            0    5  8       16      24    30
    std::string const text = "Bank of America Merrill Lynch";
    CHECK(found<overlap::all>(g, text) == spans{{0, 23, "bofa"}, {5, 15, "of-am"}, {8, 15, "am"}, {8, 29, "ml"}});
    CHECK(found<overlap::leftmost_longest>(g, text) == spans{{0, 23, "bofa"}});
    CHECK(found<overlap::longest_first>(g, text) == spans{{0, 23, "bofa"}});
    // the longer partial match fails at "Lynch"-less text: the shorter ones inside it remain
    CHECK(found<overlap::all>(g, "Bank of America Merrill said") == spans{{0, 23, "bofa"}, {5, 15, "of-am"}, {8, 15, "am"}});
    CHECK(found<overlap::leftmost_longest>(g, "Bank of America said") == spans{{5, 15, "of-am"}});
}

TEST_CASE("gazetteer: a suffix match keeps its own case rule and stops at a paragraph") {
    auto const g = chain();
    // "US" is written in capitals: "us" inside a failed candidate does not match it
    CHECK(found<overlap::all>(g, "of America us US") == spans{{0, 10, "of-am"}, {3, 10, "am"}, {14, 16, "us"}});
    // no alias spans a paragraph break; the token after it may start one
    CHECK(found<overlap::all>(g, "America\n\nMerrill Lynch of\n\nAmerica") == spans{{0, 7, "am"}, {27, 34, "am"}});
}

TEST_CASE("gazetteer: the longest alias repeated back to back: every repeat is matched, in order") {
    byline::gazetteer_builder b;
    std::string longest;
    for (std::size_t i = 1; i < byline::detail::max_alias_tokens; ++i) longest += "a ";
    b.add("long", "X", longest + "b");
    b.add("a", "X", "a");
    auto const g = b.build();
    std::string text;
    for (int i = 0; i < 100; ++i) text += "a ";
    text += "b";
    auto const ms = found<overlap::leftmost_longest>(g, text);
    REQUIRE(ms.size() == 100 - (byline::detail::max_alias_tokens - 1) + 1);
    CHECK(ms.front() == std::tuple<std::size_t, std::size_t, std::string>{0, 1, "a"});
    CHECK(ms.back() == std::tuple<std::size_t, std::size_t, std::string>{2 * (101 - byline::detail::max_alias_tokens), 201, "long"});
}
