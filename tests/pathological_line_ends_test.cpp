// Old-Mac line ends (a lone CR) are line ends in every stage, exactly like LF; CRLF is one line end.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

byline::default_pipeline const& pipeline() {
    static byline::default_pipeline const p;
    return p;
}

std::vector<std::pair<std::size_t, std::size_t>> quote_spans(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (auto const& q : byline::quote_finder{}.find(text)) out.emplace_back(q.span.begin, q.span.end);
    return out;
}

std::vector<std::pair<std::string, std::string>> matches(byline::gazetteer const& g, std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto const& m : g.matches(text)) out.emplace_back(std::string(m.span.in(text)), std::string(g.entity(m.entity).id));
    return out;
}

} // namespace

TEST_CASE("line ends: a quote left open is repaired at a lone CR, as at LF") {
    // “It is over, Smith said.<CR>The market fell on Monday.
    std::string const cr = "\u201CIt is over, Smith said.\rThe market fell on Monday.\r";
    CHECK(quote_spans(cr) == std::vector<std::pair<std::size_t, std::size_t>>{{3, 26}});
    std::string lf = cr;
    std::replace(lf.begin(), lf.end(), '\r', '\n');
    CHECK(quote_spans(lf) == quote_spans(cr));
    // CRLF: the CR stays inside the line, which ends at the LF
    CHECK(quote_spans("\u201CIt is over, Smith said.\r\nThe market fell on Monday.\r\n") ==
          std::vector<std::pair<std::size_t, std::size_t>>{{3, 26}});
}

TEST_CASE("line ends: a blank line of lone CRs separates paragraphs for the gazetteer") {
    byline::gazetteer_builder b;
    b.add("latam", "GPE", "Latin America");
    b.add("usa", "GPE", "America");
    auto const g = b.build();
    using pairs = std::vector<std::pair<std::string, std::string>>;
    CHECK(matches(g, "Latin\rAmerica") == pairs{{"Latin\rAmerica", "latam"}});
    CHECK(matches(g, "Latin\r\nAmerica") == pairs{{"Latin\r\nAmerica", "latam"}});
    CHECK(matches(g, "Latin\r\rAmerica") == pairs{{"America", "usa"}});
    CHECK(matches(g, "Latin\r\n\r\nAmerica") == pairs{{"America", "usa"}});
    CHECK(matches(g, "Latin\n\rAmerica") == pairs{{"America", "usa"}});
}

TEST_CASE("line ends: a text with lone CRs gives the results of the same text with LFs") {
    std::string const lf =
        "MEXICO CITY (AP) \u2014 Mexico's president said Monday the country would not send arms.\n\n"
        "\u201CWe will not take sides,\u201D Andr\u00E9s Manuel L\u00F3pez Obrador told reporters.\n\n"
        "\u201CThe war must end. We ask for dialogue\n\n"
        "\u201CAnd we ask for peace,\u201D he added.\n"
        "He spoke for an hour:\n\nThe conflict hurts everyone, he said.\n";
    std::string cr = lf;
    std::replace(cr.begin(), cr.end(), '\n', '\r');
    auto const a = pipeline()(lf);
    auto const b = pipeline()(cr);
    REQUIRE_FALSE(a.quotes.empty());
    CHECK(a.sentences == b.sentences);
    REQUIRE(a.mentions.size() == b.mentions.size());
    for (std::size_t i = 0; i < a.mentions.size(); ++i) CHECK(a.mentions[i].span == b.mentions[i].span);
    REQUIRE(a.quotes.size() == b.quotes.size());
    for (std::size_t i = 0; i < a.quotes.size(); ++i) {
        CHECK(a.quotes[i].span == b.quotes[i].span);
        CHECK(a.quotes[i].kind == b.quotes[i].kind);
        REQUIRE(a.quotes[i].said_by.has_value() == b.quotes[i].said_by.has_value());
        if (a.quotes[i].said_by) CHECK(a.quotes[i].said_by->span == b.quotes[i].said_by->span);
        CHECK(a.quotes[i].cue == b.quotes[i].cue);
    }
}
