// The seed articles (tests/data/*.txt) against their gazetteer (tests/data/seeds_gazetteer.tsv).
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

std::string slurp(std::string const& name) {
    std::ifstream in(std::string(BYLINE_TEST_DATA) + "/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

byline::gazetteer const& seeds_gazetteer() {
    static byline::gazetteer const g = [] {
        byline::gazetteer_builder b;
        auto const err = b.add_file(std::string(BYLINE_TEST_DATA) + "/seeds_gazetteer.tsv");
        REQUIRE_FALSE(err);
        return b.build();
    }();
    return g;
}

struct mention {
    std::size_t begin, end;
    std::string text, id;
    friend bool operator==(mention const&, mention const&) = default;
};

std::vector<mention> mentions_in(std::string const& text) {
    byline::pipeline<byline::entity_matcher> const p{byline::entity_matcher(seeds_gazetteer())};
    auto const doc = p(text);
    std::vector<mention> out;
    for (auto const& m : doc.mentions)
        out.push_back({m.span.begin, m.span.end, std::string(m.span.in(text)), doc.entities[m.entity].id});
    return out;
}

bool has(std::vector<mention> const& ms, mention const& m) {
    for (auto const& x : ms)
        if (x == m) return true;
    return false;
}

bool ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/// Every whole-word occurrence of `surface` is covered by a mention, and one that covers
/// exactly the occurrence has entity `id` (longer mentions, e.g. "Mexico Daily Post", may hold it).
void check_every_occurrence(std::string const& text, std::vector<mention> const& ms, std::string_view surface,
                            std::string_view id) {
    std::size_t occurrences = 0;
    for (auto at = text.find(surface); at != std::string::npos; at = text.find(surface, at + 1)) {
        auto const end = at + surface.size();
        if ((at > 0 && ascii_letter(text[at - 1])) || (end < text.size() && ascii_letter(text[end]))) continue;
        ++occurrences;
        bool covered = false;
        for (auto const& m : ms) {
            if (m.begin > at || m.end < end) continue;
            covered = true;
            if (m.begin == at && m.end == end) CHECK_MESSAGE(m.id == id, surface << " at " << at << " is " << m.id);
        }
        CHECK_MESSAGE(covered, surface << " at " << at << " was not found");
    }
    CHECK_MESSAGE(occurrences > 0, surface << " does not occur");
}

} // namespace

TEST_CASE("seeds: every mention of seed 000, in order, with its id") {
    auto const text = slurp("000_7f7ed1c0a54fa2bf.txt");
    std::vector<std::pair<std::string, std::string>> got;
    for (auto const& m : mentions_in(text)) got.emplace_back(m.text, m.id);
    std::vector<std::pair<std::string, std::string>> const expected{
        {"Ukraine", "ukraine"}, {"Volodimir Zelenski", "zelensky"}, {"Mexico", "mexico"},
        {"Latin American", "latin_american"}, {"Russian", "russian"}, {"Mexican", "mexican"},
        {"Ukraine", "ukraine"}, {"Latin American", "latin_american"}, {"Zelensky", "zelensky"},
        {"Mexico", "mexico"}, {"Russian", "russian"},
        {"Mexico-Ukraine Friendship Group", "mexico_ukraine_friendship_group"}, {"Ukrainian", "ukrainian"},
        {"Zelenski", "zelensky"}, {"Latin America", "latin_america"}, {"Africa", "africa"}, {"Moscow", "moscow"},
        {"Mexico", "mexico"}, {"Russian", "russian"}, {"Mexico", "mexico"}, {"Mexican", "mexican"},
        {"Russian", "russian"}, {"UN", "united_nations"}, {"Russian", "russian"}, {"Ukrainian", "ukrainian"},
        {"Andrés Manuel López Obrador", "lopez_obrador"}, {"Russia", "russia"}, {"Ukraine", "ukraine"},
        {"Luiz Inácio Lula da Silva", "lula"}, {"Brazil", "brazil"}, {"López Obrador", "lopez_obrador"},
        {"India", "india"}, {"Narenda Modi", "narendra_modi"}, {"Pope Francis", "pope_francis"},
        {"UN", "united_nations"}, {"Antonio Guterres", "antonio_guterres"}, {"Mexican", "mexican"},
        {"United States", "usa"}, {"Ukraine", "ukraine"}, {"Washington", "washington"}, {"Zelenski", "zelensky"},
        {"Mexican", "mexican"}, {"Lula", "lula"}, {"Washington", "washington"}, {"Brasilia", "brasilia"},
        {"Russian", "russian"}, {"Chinese", "chinese"}, {"Russian", "russian"}, {"Sergei Lavrov", "sergei_lavrov"},
        {"Brazil", "brazil"}, {"Venezuela", "venezuela"}, {"Nicaragua", "nicaragua"}, {"Cuba", "cuba"}};
    CHECK(got == expected);
}

TEST_CASE("seeds: exact offsets of the hard cases") {
    auto const s000 = slurp("000_7f7ed1c0a54fa2bf.txt");
    auto const s001 = slurp("001_04d8d4f2fc7e7cc8.txt");
    auto const s002 = slurp("002_8913ef3a38a6720c.txt");
    auto const s003 = slurp("003_929f39875cec5451.txt");
    auto const m000 = mentions_in(s000), m001 = mentions_in(s001), m002 = mentions_in(s002), m003 = mentions_in(s003);

    CHECK(has(m000, {26, 44, "Volodimir Zelenski", "zelensky"}));
    CHECK(has(m000, {741, 772, "Mexico-Ukraine Friendship Group", "mexico_ukraine_friendship_group"}));
    CHECK(has(m000, {1852, 1866, "López Obrador", "lopez_obrador"}));
    CHECK(has(m001, {18764, 18773, "ZElenskyi", "zelensky"}));
    CHECK(has(m001, {9447, 9451, "U.N.", "united_nations"})); // in "U.N.’s"
    CHECK(has(m001, {3665, 3667, "US", "usa"}));              // "US-EU"
    CHECK(has(m001, {3668, 3670, "EU", "european_union"}));
    CHECK(has(m001, {1019, 1025, "Russia", "russia"})); // "Russia-Ukraine/NATO"
    CHECK(has(m001, {1026, 1033, "Ukraine", "ukraine"}));
    CHECK(has(m001, {1034, 1038, "NATO", "nato"}));
    CHECK(has(m001, {392, 398, "Mexico", "mexico"})); // "Mexico’s"
    CHECK(has(m002, {61, 80, "Volodymyr Zelenskiy", "zelensky"}));
    CHECK(has(m002, {843, 858, "Santiago Pen\xCC\x83" "a", "santiago_pena"})); // NFD: a combining tilde
    CHECK(has(m003, {1279, 1308, "Andrés Manuel López Obrador", "lopez_obrador"}));
    CHECK(has(m003, {1375, 1381, "Russia", "russia"})); // "Russia-Ukraine"
    CHECK(has(m003, {1671, 1673, "UN", "united_nations"}));
    CHECK(has(m003, {3039, 3056, "Mexico Daily Post", "mexico_daily_post"}));
}

TEST_CASE("seeds: every occurrence of the people, places and organisations is found") {
    struct expectation {
        char const* seed;
        std::vector<std::pair<char const*, char const*>> surfaces;
    };
    std::vector<expectation> const all{
        {"000_7f7ed1c0a54fa2bf.txt",
         {{"Zelenski", "zelensky"}, {"Zelensky", "zelensky"}, {"López Obrador", "lopez_obrador"}, {"Mexico", "mexico"},
          {"Ukraine", "ukraine"}, {"UN", "united_nations"}, {"Lula", "lula"}, {"Washington", "washington"}}},
        {"001_04d8d4f2fc7e7cc8.txt",
         {{"Zelensky", "zelensky"}, {"ZElenskyi", "zelensky"}, {"AMLO", "lopez_obrador"}, {"Mexico", "mexico"},
          {"Ukraine", "ukraine"}, {"Russia", "russia"}, {"NATO", "nato"}, {"EU", "european_union"}, {"US", "usa"},
          {"U.S.", "usa"}, {"U.N.", "united_nations"}, {"United Nations", "united_nations"},
          {"Latin America", "latin_america"}, {"Assange", "julian_assange"}, {"Chile", "chile"}}},
        {"002_8913ef3a38a6720c.txt",
         {{"Zelenskiy", "zelensky"}, {"Ukraine", "ukraine"}, {"Russia", "russia"}, {"U.S.", "usa"},
          {"Latin America", "latin_america"}, {"Paraguay", "paraguay"}, {"Milei", "javier_milei"}}},
        {"003_929f39875cec5451.txt",
         {{"Mexico", "mexico"}, {"Ukraine", "ukraine"}, {"Russia", "russia"}, {"US", "usa"},
          {"AMLO", "lopez_obrador"}, {"López Obrador", "lopez_obrador"}, {"United States", "usa"},
          {"UN", "united_nations"}}},
    };
    for (auto const& e : all) {
        CAPTURE(e.seed);
        auto const text = slurp(e.seed);
        auto const ms = mentions_in(text);
        for (auto const& [surface, id] : e.surfaces) check_every_occurrence(text, ms, surface, id);
    }
}

TEST_CASE("seeds: nothing is invented") {
    for (auto const* seed : {"000_7f7ed1c0a54fa2bf.txt", "001_04d8d4f2fc7e7cc8.txt", "002_8913ef3a38a6720c.txt",
                             "003_929f39875cec5451.txt"}) {
        CAPTURE(seed);
        auto const text = slurp(seed);
        auto const ms = mentions_in(text);
        CHECK_FALSE(ms.empty());
        std::size_t previous_end = 0;
        for (auto const& m : ms) {
            CHECK(m.begin >= previous_end); // in order, non-overlapping
            previous_end = m.end;
            CHECK(m.text != "us");       // "drag us in"
            CHECK(m.text != "Us");
            if (m.id == "usa" && m.text == "America") CHECK(text.substr(m.begin - 6, 6) != "Latin ");
            if (m.id == "usa") CHECK(!text.substr(m.end).starts_with("SOUTHCOM"));
        }
    }
    auto const s001 = slurp("001_04d8d4f2fc7e7cc8.txt");
    auto const ms = mentions_in(s001);
    auto const drag = s001.find("drag us in");
    REQUIRE(drag != std::string::npos);
    for (auto const& m : ms) CHECK_FALSE((m.begin >= drag && m.begin < drag + 10));
    CHECK(has(ms, {15327, 15337, "USSOUTHCOM", "ussouthcom"}));
}
