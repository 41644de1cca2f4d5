// The matcher skips ahead over text no alias can start in, 64 bytes at a time, but only where
// 80 bytes or more are left; a text under 80 bytes is read token by token. So the matches of
// short segments, each read alone, must be exactly the matches found when the same segments
// sit in one long text (joined by blank lines, which no alias spans), wherever the 64-byte
// blocks happen to fall.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using byline::overlap;

std::vector<std::string> const segments = {
    "He did not supply weapons to Kiev. In January he said so.",
    "Mexico\u2019s president met \u201CUkraine\u201D officials in Washington \u2014 twice.",
    "the turkey was roasted in Turkey, said the US and the us",
    "C\u00F4te d\u2019Ivoire and S\u00E3o Paulo, Santiago Pe\u00F1a and Pen\u0303a",
    "U.S. and U. S. and UN and U.N. and 'the' UN",
    "\u6771\u4EAC\u90FD and \u5317\u4EAC, Tokyo",
    "\xFF\xFE Mexico \xC3 Peru\xE2\x80 Chile",
    "Latin\r\nAmerica and Latin America, Latin\r\rAmerica",
    "Russia-Ukraine war; Mexico\u2014Peru; Mexico\u2013Peru",
    "supercalifragilisticexpialidocious Mexico Mexicoo Mexic",
    std::string("abc\0Mexico\0Peru", 15),
    "Philadelphia and Johannesburg and MEXICO and mexico",
    "The Hague and the hague and The Gambia",
    ".NET and 't Hooft and \u201CQuoted\u201D and -Ukraine",
    "Mexico-Ukraine Friendship Group and European Union",
};

byline::gazetteer with_punctuation() {
    byline::gazetteer_builder b;
    if (b.add_default()) return {};
    b.add("mexico", "GPE", "Mexico");
    b.add("friendship", "ORG", "Mexico-Ukraine Friendship Group");
    b.add("dotnet", "ORG", ".NET");
    b.add("hooft", "PERSON", "'t Hooft");
    b.add("quoted", "ORG", "\u201CQuoted\u201D");
    b.add("dash", "ORG", "-Ukraine");
    return b.build();
}

template <overlap Policy>
void check_segments_alone_and_joined(byline::gazetteer const& g) {
    for (std::size_t shift = 0; shift < 64; ++shift) {
        std::string text(shift, 'z');
        std::vector<byline::gazetteer_match> expected;
        for (std::size_t round = 0; round < 3; ++round)
            for (auto const& segment : segments) {
                text += "\n\n";
                auto const at = text.size();
                text += segment;
                for (auto m : g.matches<Policy>(segment)) {
                    m.span.begin += at;
                    m.span.end += at;
                    expected.push_back(m);
                }
                text.append(round + shift % 7, ' ');
            }
        INFO("shift " << shift);
        CHECK(g.matches<Policy>(text) == expected);
    }
}

} // namespace

TEST_CASE("gazetteer skip-ahead: long texts match as their short segments do, in every policy") {
    auto const custom = with_punctuation();
    for (auto const* gaz_ptr : {&byline::default_gazetteer(), &custom}) {
        auto const& gaz = *gaz_ptr;
        REQUIRE(gaz.entity_count() > 0);
        check_segments_alone_and_joined<overlap::longest_first>(gaz);
        check_segments_alone_and_joined<overlap::leftmost_longest>(gaz);
        check_segments_alone_and_joined<overlap::leftmost_first>(gaz);
        check_segments_alone_and_joined<overlap::all>(gaz);
    }
}

TEST_CASE("gazetteer skip-ahead: an alias found far into a text, at any offset") {
    auto const& g = byline::default_gazetteer();
    for (std::size_t shift = 0; shift < 70; ++shift) {
        std::string text(shift, 'x');
        text += " weapons to Kiev. Philadelphia, Johannesburg\u2019s and \u201CPeru\u201D";
        text.append(100, ' ');
        auto const ms = g.matches<overlap::longest_first>(text);
        REQUIRE(ms.size() == 4);
        CHECK(ms[0].span == byline::byte_span{shift + 12, shift + 16});
        CHECK(g.entity(ms[0].entity).id == "kyiv");
        CHECK(ms[1].span.in(text) == "Philadelphia");
        CHECK(ms[2].span.in(text) == "Johannesburg");
        CHECK(ms[3].span.in(text) == "Peru");
    }
}

TEST_CASE("gazetteer: a match callback may scan again on the same thread (the scan buffers are lent, not shared)") {
    auto const& g = byline::default_gazetteer();
    std::string const outer = "Mexico and Peru and Chile, then Ukraine.";
    std::string const inner = "Russia met Brazil and Kiev.";
    auto const inner_alone = g.matches<overlap::longest_first>(inner);
    REQUIRE(inner_alone.size() == 3);
    std::vector<byline::gazetteer_match> outer_found;
    g.find<overlap::longest_first>(outer, [&](byline::gazetteer_match const& m) {
        outer_found.push_back(m);
        CHECK(g.matches<overlap::longest_first>(inner) == inner_alone);
        CHECK(g.matches<overlap::leftmost_longest>(inner) == inner_alone);
    });
    CHECK(outer_found == g.matches<overlap::longest_first>(outer));
    REQUIRE(outer_found.size() == 4);
    CHECK(outer_found[3].span.in(outer) == "Ukraine");
}
