#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

using byline::byte_span;
using byline::overlap;

/// (matched text, entity id) for each match, in order.
template <overlap Policy = overlap::leftmost_longest>
std::vector<std::pair<std::string, std::string>> found(byline::gazetteer const& g, std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto const& m : g.matches<Policy>(text))
        out.emplace_back(std::string(m.span.in(text)), std::string(g.entity(m.entity).id));
    return out;
}

using pairs = std::vector<std::pair<std::string, std::string>>;

byline::gazetteer world() {
    byline::gazetteer_builder b;
    b.add("mexico", "GPE", "Mexico");
    b.add("ukraine", "GPE", "Ukraine");
    b.add("russia", "GPE", "Russia");
    b.add("usa", "GPE", "United States", "US", "U.S.", "America");
    b.add("eu", "ORG", "European Union", "EU");
    b.add("un", "ORG", "United Nations", "UN", "U.N.");
    b.add("latam", "LOC", "Latin America");
    b.add("pena", "PERSON", "Santiago Peña", "Peña");
    b.add("friendship", "ORG", "Mexico-Ukraine Friendship Group");
    return b.build();
}

} // namespace

TEST_CASE("gazetteer: a match reports the original byte offsets and the entity") {
    auto const g = world();
    std::string const text = "Troops left Ukraine.";
    auto const ms = g.matches(text);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].span == byte_span{12, 19});
    auto const e = g.entity(ms[0].entity);
    CHECK(e.id == "ukraine");
    CHECK(e.type == "GPE");
    CHECK(e.name == "Ukraine");
}

TEST_CASE("gazetteer: matching is whole-word with Unicode-aware boundaries") {
    auto const g = world();
    CHECK(found(g, "Mexican Mexicos Mexico2 xMexico éMexico Mexicoé").empty());
    CHECK(found(g, "«Mexico» (Mexico) Mexico—Ukraine") ==
          pairs{{"Mexico", "mexico"}, {"Mexico", "mexico"}, {"Mexico", "mexico"}, {"Ukraine", "ukraine"}});
}

TEST_CASE("gazetteer: matching ignores case and accents, in NFC and NFD alike") {
    auto const g = world();
    CHECK(found(g, "MEXICO and mexico") == pairs{{"MEXICO", "mexico"}, {"mexico", "mexico"}});
    std::string const nfd = "Pen\xCC\x83" "a and Pena and PEÑA";
    auto const ms = g.matches(nfd);
    REQUIRE(ms.size() == 3);
    CHECK(ms[0].span == byte_span{0, 6}); // the combining tilde belongs to the match
    CHECK(ms[1].span == byte_span{11, 15});
    CHECK(ms[2].span == byte_span{20, 25});

    byline::gazetteer_builder b;
    b.add("zurich", "GPE", "Zurich");
    auto const g2 = b.build();
    CHECK(found(g2, "in Zürich.") == pairs{{"Zürich", "zurich"}});
}

TEST_CASE("gazetteer: an alias in capitals matches only capitals") {
    auto const g = world();
    CHECK(found(g, "Do not drag us in. Us neither.").empty());
    CHECK(found(g, "the US and the U.S. but not the u.s.") == pairs{{"US", "usa"}, {"U.S.", "usa"}});
    CHECK(found(g, "THE UNITED STATES") == pairs{{"UNITED STATES", "usa"}}); // a mixed-case alias matches capitals too
}

TEST_CASE("gazetteer: possessives and hyphenated compounds match their parts") {
    auto const g = world();
    CHECK(found(g, "Mexico’s and Russia's") == pairs{{"Mexico", "mexico"}, {"Russia", "russia"}});
    std::string const text = "the Russia-Ukraine war, US-EU sanctions";
    auto const ms = g.matches(text);
    REQUIRE(ms.size() == 4);
    CHECK(ms[0].span == byte_span{4, 10});
    CHECK(ms[1].span == byte_span{11, 18});
    CHECK(ms[2].span == byte_span{24, 26});
    CHECK(ms[3].span == byte_span{27, 29});
    CHECK(found(g, "the Mexico-Ukraine Friendship Group*") == pairs{{"Mexico-Ukraine Friendship Group", "friendship"}});
    CHECK(found(g, "the Mexico–Ukraine Friendship Group") == pairs{{"Mexico–Ukraine Friendship Group", "friendship"}});
}

TEST_CASE("gazetteer: the longest alias wins") {
    auto const g = world();
    CHECK(found(g, "Latin America and America") == pairs{{"Latin America", "latam"}, {"America", "usa"}});
    CHECK(found(g, "Latin American countries").empty());
}

TEST_CASE("gazetteer: periods inside aliases") {
    auto const g = world();
    CHECK(found(g, "if the U.N.’s values") == pairs{{"U.N.", "un"}});
    CHECK(found(g, "the U.S.") == pairs{{"U.S.", "usa"}});
    CHECK(found(g, "U. S. and U.S").empty()); // spacing differs, or the period is missing
}

TEST_CASE("gazetteer: a multi-word alias spans white space and line breaks, not paragraphs") {
    auto const g = world();
    CHECK(found(g, "Latin  America, Latin\nAmerica") == pairs{{"Latin  America", "latam"}, {"Latin\nAmerica", "latam"}});
    CHECK(found(g, "Latin\n\nAmerica") == pairs{{"America", "usa"}});
}

TEST_CASE("gazetteer: overlap policies follow aho-corasick semantics") {
    byline::gazetteer_builder b;
    b.add("ny", "GPE", "New York");
    b.add("nyt", "ORG", "New York Times");
    b.add("york", "GPE", "York");
    b.add("times", "ORG", "Times");
    auto const g = b.build();
    std::string const text = "The New York Times.";
    CHECK(found(g, text) == pairs{{"New York Times", "nyt"}});
    CHECK(found<overlap::leftmost_first>(g, text) == pairs{{"New York", "ny"}, {"Times", "times"}});
    CHECK(found<overlap::all>(g, text) ==
          pairs{{"New York", "ny"}, {"New York Times", "nyt"}, {"York", "york"}, {"Times", "times"}});

    auto const ms = g.matches<overlap::all>(text);
    REQUIRE(ms.size() == 4);
    CHECK(ms[0].alias < ms[1].alias); // priority is the order of addition
}

TEST_CASE("gazetteer: the same alias for two entities goes to the one added first") {
    byline::gazetteer_builder b;
    b.add("georgia_country", "GPE", "Georgia");
    b.add("georgia_state", "GPE", "Georgia", "GA");
    auto const g = b.build();
    CHECK(found(g, "Georgia") == pairs{{"Georgia", "georgia_country"}});
    CHECK(found<overlap::all>(g, "Georgia") == pairs{{"Georgia", "georgia_country"}, {"Georgia", "georgia_state"}});
}

TEST_CASE("gazetteer: TSV with comments, blank lines, CRLF and lines that share an id") {
    byline::gazetteer_builder b;
    auto const err = b.add_tsv("# people\n"
                               "\n"
                               "zelensky\tPERSON\tVolodymyr Zelensky\tZelensky\r\n"
                               "   # indented comment\n"
                               "zelensky\tPERSON\tZelenskiy\tZelenski\n"
                               "usa\tGPE\tUnited States\tUS\n",
                               "people.tsv");
    REQUIRE_FALSE(err);
    auto const g = b.build();
    CHECK(g.entity_count() == 2);
    CHECK(g.alias_count() == 6);
    CHECK(g.entity(0).name == "Volodymyr Zelensky"); // the first line's name
    CHECK(found(g, "Zelenski, Zelenskiy and Zelensky") ==
          pairs{{"Zelenski", "zelensky"}, {"Zelenskiy", "zelensky"}, {"Zelensky", "zelensky"}});
}

TEST_CASE("gazetteer: a malformed line is reported as FILE:LINE:COLUMN and nothing of it is added") {
    auto error_of = [](std::string_view tsv) {
        byline::gazetteer_builder b;
        auto const err = b.add_tsv(tsv, "g.tsv");
        return err ? err->to_string() : std::string("no error");
    };
    CHECK(error_of("ok\tGPE\tOk\nbad id\tGPE\tX\n") == "g.tsv:2:4: expected a TAB after the id (ids have no spaces)");
    CHECK(error_of("a\tGPE\n") == "g.tsv:1:6: expected a TAB after the type");
    CHECK(error_of("a\tGPE\t\n") == "g.tsv:1:7: expected a name");
    CHECK(error_of("a\tG PE\tX\n") == "g.tsv:1:4: expected a TAB after the type");
    CHECK(error_of("a\tGPE\tX\t\tY\n") == "g.tsv:1:9: expected an alias, not an empty field");
    CHECK(error_of("a\tGPE\tX\t\n") == "g.tsv:1:9: expected an alias, not an empty field");
    CHECK(error_of("\tGPE\tX\n") == "g.tsv:1:1: expected an id");
    CHECK(error_of("a\tGPE\tÜber\t...\n") == "g.tsv:1:12: an alias needs a letter or digit (and words under 128 bytes, at most 24 tokens)");
    CHECK(error_of("a\tGPE\tÜb\xFFr\n") == "g.tsv:1:9: invalid UTF-8");
    CHECK(error_of("# fine\r\n\r\na\tGPE\tA\r\n") == "no error");

    byline::gazetteer_builder b;
    b.add("kept", "GPE", "Kept");
    REQUIRE(b.add_tsv("new\tGPE\tNew\nbroken\n", "g.tsv"));
    auto const g = b.build();
    CHECK(g.entity_count() == 1);
    CHECK(found(g, "Kept New") == pairs{{"Kept", "kept"}});
}

TEST_CASE("gazetteer: an unreadable file is an error naming the file") {
    byline::gazetteer_builder b;
    auto const err = b.add_file("/nonexistent/gazetteer.tsv");
    REQUIRE(err);
    CHECK(err->to_string() == "/nonexistent/gazetteer.tsv: cannot read the gazetteer file");
}

TEST_CASE("gazetteer: an empty gazetteer and empty text match nothing") {
    byline::gazetteer const empty;
    CHECK(empty.entity_count() == 0);
    CHECK(empty.matches("Mexico").empty());
    CHECK(byline::gazetteer_builder{}.build().matches("Mexico").empty());
    CHECK(world().matches("").empty());
    CHECK(world().matches(" \n\t ").empty());
}

TEST_CASE("gazetteer: invalid UTF-8 in the text is a boundary, never a crash or a bad offset") {
    auto const g = world();
    std::string const text = "\xFFMexico\xC3Ukraine\xE2\x80 Russia\xF0\x9F";
    auto const ms = g.matches(text);
    REQUIRE(ms.size() == 3);
    CHECK(ms[0].span == byte_span{1, 7});
    CHECK(ms[1].span == byte_span{8, 15});
    CHECK(ms[2].span == byte_span{18, 24});
}

TEST_CASE("gazetteer: words longer than the fold buffer neither match nor break matching") {
    auto const g = world();
    std::string const text = std::string(300, 'x') + " Mexico " + std::string(200, 'M');
    auto const ms = g.matches(text);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].span == byte_span{301, 307});
    byline::gazetteer_builder b;
    b.add("long", "GPE", std::string(200, 'a'));
    CHECK(b.build().alias_count() == 0);
}

TEST_CASE("gazetteer: one compiled gazetteer serves several threads") {
    auto const g = world();
    std::string text;
    for (int i = 0; i < 200; ++i) text += "The US and Latin America, Mexico’s Peña. ";
    auto const expected = g.matches(text);
    REQUIRE(expected.size() == 800);
    std::vector<std::vector<byline::gazetteer_match>> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results) threads.emplace_back([&g, &text, &r] { r = g.matches(text); });
    for (auto& t : threads) t.join();
    for (auto const& r : results) CHECK(r == expected);
}

TEST_CASE("entity_matcher: mentions in order, each entity once in the document") {
    byline::pipeline<byline::sentence_splitter, byline::entity_matcher> const p(byline::sentence_splitter{},
                                                                                byline::entity_matcher(world()));
    std::string const text = "Mexico and the US. Then Mexico’s turn.";
    auto const doc = p(text);
    REQUIRE(doc.mentions.size() == 3);
    REQUIRE(doc.entities.size() == 2);
    CHECK(doc.mentions[0].span == byte_span{0, 6});
    CHECK(doc.mentions[1].span == byte_span{15, 17});
    CHECK(doc.mentions[2].span == byte_span{24, 30});
    CHECK(doc.mentions[0].entity == doc.mentions[2].entity);
    auto const& usa = doc.entities[doc.mentions[1].entity];
    CHECK(usa.id == "usa");
    CHECK(usa.type == "GPE");
    CHECK(usa.name == "United States");
}

TEST_CASE("entity_matcher: mentions an earlier stage found are kept, overlapping matches dropped") {
    struct earlier_stage {
        void annotate(byline::document& doc) const {
            doc.entities.push_back({"someone", "PERSON", "Someone", byline::gender::unknown});
            doc.mentions.push_back({{4, 17}, 0}); // "United States" taken as something else
        }
    };
    byline::pipeline<earlier_stage, byline::entity_matcher> const p(earlier_stage{}, byline::entity_matcher(world()));
    std::string const text = "The United States and Mexico.";
    auto const doc = p(text);
    REQUIRE(doc.mentions.size() == 2);
    CHECK(doc.mentions[0].span == byte_span{4, 17});
    CHECK(doc.entities[doc.mentions[0].entity].id == "someone");
    CHECK(doc.mentions[1].span == byte_span{22, 28});
    CHECK(doc.entities[doc.mentions[1].entity].id == "mexico");
}

TEST_CASE("entity_matcher: the default uses the embedded gazetteer, which is well-formed") {
    byline::gazetteer_builder b;
    CHECK_FALSE(b.add_default());
    CHECK(byline::default_gazetteer().entity_count() > 0);
    CHECK(&byline::default_gazetteer() == &byline::default_gazetteer()); // compiled once
    byline::default_pipeline const p;
    auto const doc = p("Ukraine asked Mexico for support.");
    CHECK(doc.mentions.size() >= 2);
}

TEST_CASE("gazetteer: the 50k-alias benchmark gazetteer loads and stays under 100 bytes per alias") {
    std::string const path = std::string(BYLINE_SHARED_DIR) + "/bench/gazetteer_50k.tsv";
    if (!std::ifstream(path)) {
        MESSAGE("skipped: " << path << " is absent");
        return;
    }
    byline::gazetteer_builder b;
    REQUIRE_FALSE(b.add_file(path));
    auto const g = b.build();
    CHECK(g.alias_count() == 50000);
    CHECK(g.memory_bytes() < 100 * g.alias_count());
    // Short, common aliases ("of", "as") are in it on purpose; capitals-only ones stay strict.
    auto const ms = g.matches("the Republic of the Congo, as the US said");
    REQUIRE_FALSE(ms.empty());
    CHECK(g.entity(ms.back().entity).id == "iso3166:US");
}
