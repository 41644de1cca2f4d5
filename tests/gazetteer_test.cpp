#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <chrono>
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

TEST_CASE("gazetteer: longest_first lets the globally longest of chained overlaps win, then the earliest") {
    byline::gazetteer_builder b;
    b.add("ab", "ORG", "A B");
    b.add("bcd", "ORG", "B C D");
    b.add("a", "ORG", "A");
    b.add("de", "ORG", "D E");
    b.add("ef", "ORG", "E F");
    auto const g = b.build();
    std::string const text = "A B C D"; // leftmost-longest takes "A B"; the contract, "B C D"
    CHECK(found(g, text) == pairs{{"A B", "ab"}});
    auto const ms = g.matches<overlap::longest_first>(text);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].span == byte_span{0, 1}); // "A" does not overlap the winner, so it stays
    CHECK(g.entity(ms[0].entity).id == "a");
    CHECK(ms[1].span == byte_span{2, 7});
    CHECK(g.entity(ms[1].entity).id == "bcd");

    // A chain A B | B C D | D E | E F: "B C D" wins, "D E" loses to it, "E F" and "A" stay.
    std::string const chain = "A B C D E F";
    auto const cs = g.matches<overlap::longest_first>(chain);
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].span == byte_span{0, 1});
    CHECK(cs[1].span == byte_span{2, 7});
    CHECK(cs[2].span == byte_span{8, 11});
    CHECK(g.entity(cs[2].entity).id == "ef");

    // Equal lengths: the earliest wins. Independent clusters resolve separately.
    CHECK(found<overlap::longest_first>(g, "D E F. A B C D E F") ==
          pairs{{"D E", "de"}, {"A", "a"}, {"B C D", "bcd"}, {"E F", "ef"}});
}

TEST_CASE("gazetteer: longest_first on a hostile chain of overlaps stays bounded and defined") {
    // "a a a ..." with an alias "a a": one chain of 100k overlapping candidates, cut into
    // clusters of max_cluster; all are equally long, so the earliest wins, as leftmost-longest.
    byline::gazetteer_builder b;
    b.add("aa", "X", "a a");
    b.add("ab", "X", "a b");
    auto const g = b.build();
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "a ";
    text += "b";
    auto const lf = g.matches<overlap::longest_first>(text);
    auto const ll = g.matches<overlap::leftmost_longest>(text);
    REQUIRE(lf.size() == 50000);
    CHECK(lf == ll);
    CHECK(lf.back().span == byte_span{199996, 199999}); // "a a" before the final "a b" lost to it
}

TEST_CASE("gazetteer: longest_first breaks a tie between entities of one span by priority") {
    byline::gazetteer_builder b;
    b.add("first", "GPE", "Georgia");
    b.add("second", "GPE", "Georgia");
    auto const g = b.build();
    CHECK(found<overlap::longest_first>(g, "in Georgia") == pairs{{"Georgia", "first"}});
    CHECK(found<overlap::longest_first>(g, "").empty());
}

TEST_CASE("entity_matcher: overlapping matches follow the contract: the longest wins, then the earliest") {
    byline::gazetteer_builder b;
    b.add("ab", "ORG", "A B");
    b.add("bcd", "ORG", "B C D");
    byline::pipeline<byline::entity_matcher> const p(byline::entity_matcher(b.build()));
    auto const doc = p("x A B C D y");
    REQUIRE(doc.mentions.size() == 1);
    CHECK(doc.mentions[0].span == byte_span{4, 9});
    CHECK(doc.entities[doc.mentions[0].entity].id == "bcd");
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

TEST_CASE("entity_matcher: a document naming tens of thousands of distinct entities takes linear time") {
    // Each new entity is looked up among the document's entities: a linear search made this
    // quadratic (20k gazetteer entities against 20k entities of an earlier stage).
    constexpr std::size_t n = 20000;
    auto const name = [](std::size_t i) { return "Ent" + std::to_string(100000 + i); };
    byline::gazetteer_builder b;
    std::string text;
    for (std::size_t i = 0; i < n; ++i) {
        b.add("g" + std::to_string(i), "ORG", name(i));
        text += name(i) + (i % 2 ? ", " : " and ");
    }
    byline::entity_matcher const matcher(b.build());
    byline::document doc;
    doc.text = text;
    for (std::size_t i = 0; i < n; ++i) // an earlier stage's entities, none shared
        doc.entities.push_back({"earlier" + std::to_string(i), "PERSON", "P", byline::gender::unknown});
    doc.entities.push_back({"g7", "ORG", "Ent100007 (earlier)", byline::gender::unknown}); // one shared id

    auto const start = std::chrono::steady_clock::now();
    matcher.annotate(doc);
    auto const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 5.0); // 0.25 s in a Debug build here; the quadratic search took 11 s
    REQUIRE(doc.mentions.size() == n);
    CHECK(doc.entities.size() == 2 * n);
    CHECK(doc.mentions[7].entity == n); // the earlier stage's "g7" is reused
    CHECK(doc.entities[doc.mentions[8].entity].id == "g8");
    CHECK(doc.mentions.back().span.in(text) == name(n - 1));
    CHECK(doc.entities[doc.mentions.back().entity].id == "g" + std::to_string(n - 1));
}

TEST_CASE("entity_matcher: default names that are ordinary words match only when capitalised") {
    byline::pipeline<byline::entity_matcher> const p{byline::entity_matcher{}};
    auto spans = [&](std::string_view text) {
        std::vector<std::pair<std::string, std::string>> out;
        auto const doc = p(text);
        for (auto const& m : doc.mentions) out.emplace_back(std::string(m.span.in(text)), doc.entities[m.entity].id);
        return out;
    };
    CHECK(spans("the turkey was roasted in Turkey") == pairs{{"Turkey", "turkey"}});
    CHECK(spans("fine china from China") == pairs{{"China", "china"}});
    CHECK(spans("a hanging chad in Chad; polish the Polish silver") == pairs{{"Chad", "chad"}, {"Polish", "norp_polish"}});
    CHECK(spans("TURKEY AND CHINA") == pairs{{"TURKEY", "turkey"}, {"CHINA", "china"}});
    CHECK(spans("mexico and ukraine") == pairs{{"mexico", "mexico"}, {"ukraine", "ukraine"}}); // not words: any case
}

TEST_CASE("gazetteer: the ordinary-word tables are sorted by bytes, as their binary search needs") {
    for (std::string_view lines : {byline::detail::names_common_words_txt, byline::detail::default_alias_lowercase_words}) {
        std::string_view previous;
        std::size_t count = 0, out_of_order = 0;
        for (std::size_t pos = 0; pos < lines.size();) {
            auto const end = std::min(lines.find('\n', pos), lines.size());
            auto const line = lines.substr(pos, end - pos);
            if (!(previous < line)) ++out_of_order;
            previous = line;
            pos = end + 1;
            ++count;
        }
        CHECK(out_of_order == 0);
        CHECK(count > 50);
    }
}

TEST_CASE("gazetteer: user aliases keep the contract's case rule, ordinary words or not") {
    byline::gazetteer_builder b;
    b.add("turkey", "GPE", "Turkey");
    auto const g = b.build();
    CHECK(found(g, "the turkey was roasted in Turkey") == pairs{{"turkey", "turkey"}, {"Turkey", "turkey"}});
}

TEST_CASE("matcher: a capitalised-only alias needs an upper-case first letter, in any script") {
    byline::detail::matcher m;
    REQUIRE(m.add_alias("Nice", 0, 0, true));
    REQUIRE(m.add_alias("Élan Vital", 1, 1, true));
    REQUIRE(m.add_alias("UN", 2, 2, true)); // written in capitals: capitals only, the stricter rule
    m.finish();
    std::string const text = "nice Nice NICE nIce élan vital Élan vital ÉLAN VITAL un Un UN";
    std::vector<byte_span> got;
    m.find<overlap::leftmost_longest>(text, [&](byline::gazetteer_match const& x) { got.push_back(x.span); });
    REQUIRE(got.size() == 5);
    CHECK(got[0].in(text) == "Nice");
    CHECK(got[1].in(text) == "NICE");
    CHECK(got[2] == byte_span{32, 43});
    CHECK(got[3].in(text) == "ÉLAN VITAL");
    CHECK(got[4].in(text) == "UN");
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

TEST_CASE("gazetteer: Han and kana aliases match inside runs written without spaces") {
    byline::gazetteer_builder b;
    b.add("tokyo", "GPE", "東京");
    b.add("japan", "GPE", "日本");
    b.add("nhk", "ORG", "NHK");
    b.add("kishida", "PERSON", "岸田文雄");
    auto const g = b.build();
    std::string const text = "日本の岸田文雄首相は東京都でNHKの取材に応じた。";
    CHECK(found(g, text) == pairs{{"日本", "japan"}, {"岸田文雄", "kishida"}, {"東京", "tokyo"}, {"NHK", "nhk"}});
    auto const ms = g.matches(text);
    REQUIRE(ms.size() == 4);
    CHECK(ms[0].span == byte_span{0, 6});
    CHECK(ms[2].span == byte_span{30, 36});
    CHECK(ms[3].span == byte_span{42, 45});
    // a character of a longer alias alone is no match, and an alias does not match across a space
    CHECK(found(g, "東 京と日").empty());
}
