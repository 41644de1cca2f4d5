#include <byline/names.hpp>
#include <byline/sentences.hpp>
#include <byline/detail/default_gazetteer_data.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using pairs = std::vector<std::pair<std::string, std::string>>;

byline::document annotate(std::string const& original, std::vector<std::pair<byline::byte_span, byline::entity>> prefilled = {}) {
    static std::deque<std::string> texts; // documents point into their text: keep every text alive
    auto const& text = texts.emplace_back(original);
    byline::document doc;
    doc.text = text;
    byline::sentence_splitter{}.annotate(doc);
    for (auto& [span, ent] : prefilled) {
        doc.mentions.push_back({span, static_cast<std::uint32_t>(doc.entities.size())});
        doc.entities.push_back(std::move(ent));
    }
    byline::name_finder{}.annotate(doc);
    return doc;
}

/// (text, id) of every mention of the given type, in order.
pairs mentions_of(byline::document const& doc, std::string const& type) {
    pairs out;
    for (auto const& m : doc.mentions)
        if (doc.entities[m.entity].type == type) out.emplace_back(std::string(m.span.in(doc.text)), doc.entities[m.entity].id);
    return out;
}

/// "text=id; ..." for readable failures.
std::string render(pairs const& ps) {
    std::string out;
    for (auto const& [text, id] : ps) out += text + "=" + id + "; ";
    return out;
}

byline::entity const* entity_named(byline::document const& doc, std::string const& id) {
    for (auto const& e : doc.entities)
        if (e.id == id) return &e;
    return nullptr;
}

std::string read_seed(std::string const& name) {
    std::ifstream in(std::string(BYLINE_TEST_DATA) + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Sorted, non-overlapping, in range, on code point boundaries, pointing at real entities.
void check_well_formed(byline::document const& doc) {
    std::size_t prev_end = 0;
    std::vector<bool> boundaries(doc.text.size() + 1, false); // as detail::decode steps
    for (std::size_t i = 0; i < doc.text.size(); i += byline::detail::decode(doc.text, i).length) boundaries[i] = true;
    boundaries[doc.text.size()] = true;
    auto boundary = [&](std::size_t pos) { return pos <= doc.text.size() && boundaries[pos]; };
    for (auto const& m : doc.mentions) {
        CHECK(m.span.begin >= prev_end);
        CHECK(m.span.begin < m.span.end);
        CHECK(m.span.end <= doc.text.size());
        CHECK(boundary(m.span.begin));
        CHECK(boundary(m.span.end));
        CHECK(m.entity < doc.entities.size());
        prev_end = m.span.end;
    }
}

} // namespace

TEST_CASE("names: seed 000 people come out with one id per person, without a gazetteer") {
    auto const text = read_seed("000_7f7ed1c0a54fa2bf.txt");
    REQUIRE(!text.empty());
    auto const doc = annotate(text);
    check_well_formed(doc);
    pairs const expected{
        {"Volodimir Zelenski", "person:zelenski"},
        {"Zelensky", "person:zelenski"},
        {"Zelenski", "person:zelenski"},
        {"Andrés Manuel López Obrador", "person:lopez_obrador"},
        {"Luiz Inácio Lula da Silva", "person:lula_da_silva"},
        {"López Obrador", "person:lopez_obrador"},
        {"Narenda Modi", "person:narenda_modi"},
        {"Pope Francis", "person:francis"},
        {"Antonio Guterres", "person:guterres"},
        {"Zelenski", "person:zelenski"},
        {"Lula", "person:lula_da_silva"},
        {"Sergei Lavrov", "person:lavrov"},
    };
    CHECK(render(mentions_of(doc, "PERSON")) == render(expected));
    // The first mention found at 26: "The President of Ukraine, Volodimir Zelenski, asked"
    REQUIRE(!doc.mentions.empty());
    CHECK(doc.mentions[0].span == byline::byte_span{26, 44});
    auto const* zelenski = entity_named(doc, "person:zelenski");
    REQUIRE(zelenski != nullptr);
    CHECK(zelenski->name == "Volodimir Zelenski");
    CHECK(zelenski->gender == byline::gender::male);
}

TEST_CASE("names: seed 002 people, including a surname shared by a city's name") {
    auto const text = read_seed("002_8913ef3a38a6720c.txt");
    REQUIRE(!text.empty());
    auto const doc = annotate(text);
    check_well_formed(doc);
    pairs const expected{
        {"Volodymyr Zelenskiy", "person:zelenskiy"},
        {"Zelenskiy", "person:zelenskiy"},
        {"Javier Milei", "person:milei"},
        {"Milei", "person:milei"},
        {"Luis Lacalle Pou", "person:lacalle_pou"},
        {"Santiago Pen\u0303a", "person:pena"}, // the seed writes the tilde as a combining mark
        {"Daniel Noboa", "person:noboa"},
        {"Zelenskiy", "person:zelenskiy"},
        {"Zelenskiy", "person:zelenskiy"},
        {"Zelenskiy", "person:zelenskiy"},
        {"Zelenskiy", "person:zelenskiy"},
    };
    CHECK(render(mentions_of(doc, "PERSON")) == render(expected));
}

TEST_CASE("names: seeds 001 and 003 people, titles, appositions and an alias in parentheses") {
    auto const text1 = read_seed("001_04d8d4f2fc7e7cc8.txt");
    auto const doc1 = annotate(text1);
    check_well_formed(doc1);
    std::set<std::pair<std::string, std::string>> found;
    for (auto const& p : mentions_of(doc1, "PERSON")) found.insert(p);
    for (auto const& p : pairs{{"Andrés Manuel López Obrador", "person:lopez_obrador"},
                               {"AMLO", "person:lopez_obrador"},
                               {"Santiago Creel", "person:creel"},
                               {"Creel", "person:creel"},
                               {"Ignacio Mier", "person:mier"},
                               {"Julian Assange", "person:assange"},
                               {"Assange", "person:assange"},
                               {"Anthony Blinken", "person:blinken"},
                               {"Tatiana Mashkova", "person:mashkova"},
                               {"Laura Richardson", "person:richardson"},
                               {"Richardson", "person:richardson"},
                               {"Lavrov", "person:lavrov"},
                               {"Volodymyr Zelensky", "person:zelensky"},
                               {"Zelensky", "person:zelensky"},
                               {"ZElenskyi", "person:zelensky"}})
        CHECK_MESSAGE(found.count(p), p.first);
    auto const* richardson = entity_named(doc1, "person:richardson");
    REQUIRE(richardson != nullptr);
    CHECK(richardson->gender == byline::gender::female);

    auto const text3 = read_seed("003_929f39875cec5451.txt");
    auto const doc3 = annotate(text3);
    check_well_formed(doc3);
    auto const people3 = mentions_of(doc3, "PERSON");
    CHECK(std::count(people3.begin(), people3.end(), std::pair<std::string, std::string>{"Olga Sánchez Cordero", "person:sanchez_cordero"}) == 1);
    CHECK(std::count(people3.begin(), people3.end(), std::pair<std::string, std::string>{"Antony Blinken", "person:blinken"}) == 1);
    auto const* olga = entity_named(doc3, "person:sanchez_cordero");
    REQUIRE(olga != nullptr);
    CHECK(olga->gender == byline::gender::female);
}

TEST_CASE("names: capitalised ordinary words, headlines and sentence starts are not people") {
    std::string const text =
        "A Significant Turnaround For The Region\n\n"
        "Print Friendly\n\n"
        "However, The government said on Monday that it would act. The Chamber met in May. "
        "In Latin America, Costa Rica and San Francisco were mentioned. Will Power Return?";
    auto const doc = annotate(text);
    check_well_formed(doc);
    CHECK(mentions_of(doc, "PERSON").empty());
}

TEST_CASE("names: a later surname links to the full name, and a person beats a city it contains") {
    std::string const text = "Paraguay's Santiago Peña arrived in Santiago on Monday. Peña said he was pleased.";
    // A gazetteer stage found the city twice.
    auto const doc = annotate(text, {{{11, 19}, {"santiago", "GPE", "Santiago", byline::gender::unknown}},
                                     {{37, 45}, {"santiago", "GPE", "Santiago", byline::gender::unknown}}});
    check_well_formed(doc);
    REQUIRE(doc.mentions.size() == 3);
    CHECK(doc.mentions[0].span == byline::byte_span{11, 25}); // "Santiago Peña" replaced "Santiago"
    CHECK(doc.mentions[1].span == byline::byte_span{37, 45}); // the city stays
    CHECK(doc.mentions[2].span == byline::byte_span{57, 62}); // "Peña"
    CHECK(doc.entities[doc.mentions[0].entity].id == "person:pena");
    CHECK(doc.entities[doc.mentions[1].entity].id == "santiago");
    CHECK(doc.mentions[2].entity == doc.mentions[0].entity);
    CHECK(doc.entities[doc.mentions[0].entity].gender == byline::gender::male);
}

TEST_CASE("names: a gazetteer place that is the last word blocks a would-be person") {
    std::string const text = "They asked whether Will Ukraine join.";
    auto const doc = annotate(text, {{{24, 31}, {"ukraine", "GPE", "Ukraine", byline::gender::unknown}}});
    REQUIRE(doc.mentions.size() == 1);
    CHECK(doc.entities[doc.mentions[0].entity].id == "ukraine");
}

TEST_CASE("names: a clear first name keeps a person whose surname is a gazetteer city") {
    std::string const text = "They remembered Whitney Houston in Houston.";
    auto const doc = annotate(text, {{{24, 31}, {"houston", "GPE", "Houston", byline::gender::unknown}},
                                     {{35, 42}, {"houston", "GPE", "Houston", byline::gender::unknown}}});
    check_well_formed(doc);
    REQUIRE(doc.mentions.size() == 2);
    CHECK(doc.mentions[0].span == byline::byte_span{16, 31});
    CHECK(doc.entities[doc.mentions[0].entity].id == "person:houston");
    CHECK(doc.entities[doc.mentions[1].entity].id == "houston");
}

TEST_CASE("names: a gazetteer person gives its id to the longer name and to the other mentions") {
    std::string const text = "Ukrainian President Volodymyr Zelensky spoke. Later, Zelensky left.";
    auto const doc = annotate(text, {{{30, 38}, {"zelensky", "PERSON", "Volodymyr Zelensky", byline::gender::unknown}},
                                     {{53, 61}, {"zelensky", "PERSON", "Volodymyr Zelensky", byline::gender::unknown}}});
    check_well_formed(doc);
    REQUIRE(doc.mentions.size() == 2);
    CHECK(doc.mentions[0].span == byline::byte_span{20, 38});
    CHECK(doc.mentions[1].span == byline::byte_span{53, 61});
    CHECK(doc.mentions[0].entity == 0);
    CHECK(doc.mentions[1].entity == 1);
    CHECK(doc.entities.size() == 2); // no new entity: the gazetteer's ids are used
    CHECK(doc.entities[0].gender == byline::gender::male);
}

TEST_CASE("names: an alias introduced in parentheses links later mentions") {
    std::string const text =
        "Mexico's President Andrés Manuel López Obrador (aka AMLO) spoke. Critics say AMLO has changed.";
    auto const doc = annotate(text);
    auto const people = mentions_of(doc, "PERSON");
    INFO(render(people));
    REQUIRE(people.size() == 3);
    CHECK(people[0] == std::pair<std::string, std::string>{"Andrés Manuel López Obrador", "person:lopez_obrador"});
    CHECK(people[1] == std::pair<std::string, std::string>{"AMLO", "person:lopez_obrador"});
    CHECK(people[2] == std::pair<std::string, std::string>{"AMLO", "person:lopez_obrador"});
    // Without the introduction, an acronym is nobody.
    CHECK(mentions_of(annotate("Critics say AMLO has changed."), "PERSON").empty());
}

TEST_CASE("names: spelling variants of one surname share an id; different first names do not") {
    std::string const text = "Volodymyr Zelenskiy met Zelensky's aides. Zelenski left. "
                             "Daniel Noboa and Álvaro Noboa are different men. Antony Blinken, or Anthony Blinken, "
                             "is one. Daniel Noboa returned.";
    auto const doc = annotate(text);
    auto const people = mentions_of(doc, "PERSON");
    REQUIRE(people.size() == 8);
    CHECK(people[0].second == "person:zelenskiy");
    CHECK(people[1] == std::pair<std::string, std::string>{"Zelensky", "person:zelenskiy"});
    CHECK(people[2] == std::pair<std::string, std::string>{"Zelenski", "person:zelenskiy"});
    CHECK(people[3] == std::pair<std::string, std::string>{"Daniel Noboa", "person:noboa"});
    CHECK(people[4] == std::pair<std::string, std::string>{"Álvaro Noboa", "person:noboa_2"});
    CHECK(people[5] == std::pair<std::string, std::string>{"Antony Blinken", "person:blinken"});
    CHECK(people[6] == std::pair<std::string, std::string>{"Anthony Blinken", "person:blinken"});
    CHECK(people[7] == std::pair<std::string, std::string>{"Daniel Noboa", "person:noboa"});
}

TEST_CASE("names: titles, abbreviated titles and gender") {
    auto const doc = annotate("Gen. Laura Richardson met Mrs. Thatcher and Foreign Minister Sergei Lavrov. "
                              "Secretary of State Antony Blinken and the spokeswoman, Maria Zakharova, spoke.");
    auto const people = mentions_of(doc, "PERSON");
    REQUIRE(people.size() == 5);
    CHECK(people[0].first == "Laura Richardson");
    CHECK(people[1].first == "Thatcher");
    CHECK(people[2].first == "Sergei Lavrov");
    CHECK(people[3].first == "Antony Blinken");
    CHECK(people[4].first == "Maria Zakharova");
    CHECK(entity_named(doc, "person:thatcher")->gender == byline::gender::female);
    CHECK(entity_named(doc, "person:lavrov")->gender == byline::gender::male);
}

TEST_CASE("names: an apposition after an office names the office holder") {
    auto const doc = annotate("It would include the Prime Minister of India, Narenda Modi, and others.");
    auto const people = mentions_of(doc, "PERSON");
    REQUIRE(people.size() == 1);
    CHECK(people[0] == std::pair<std::string, std::string>{"Narenda Modi", "person:narenda_modi"});
    CHECK(doc.mentions[0].span == byline::byte_span{46, 58});
}

TEST_CASE("names: invalid UTF-8, empty and odd input give well-formed results") {
    CHECK(annotate("").mentions.empty());
    std::string bad = "President \xC3\x28Zelensky\xFF\xFE met Santiago Pe\xC3\xB1\xC3 and \xE2\x80 Daniel Noboa\x80.";
    auto const doc = annotate(bad);
    check_well_formed(doc);
    CHECK(mentions_of(doc, "PERSON").back() == std::pair<std::string, std::string>{"Daniel Noboa", "person:noboa"});
    std::string noise;
    for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) & 0xFF));
    check_well_formed(annotate(noise));
    check_well_formed(annotate(std::string(10000, 'A') + " " + std::string(5000, '(')));
}

TEST_CASE("names: the embedded gazetteer parses as id, TYPE, name and aliases with the contract's types") {
    std::string_view data = byline::detail::default_gazetteer_tsv;
    std::set<std::string> ids;
    std::size_t lines = 0;
    while (!data.empty()) {
        auto const eol = data.find('\n');
        REQUIRE(eol != std::string_view::npos);
        auto const line = data.substr(0, eol);
        data.remove_prefix(eol + 1);
        ++lines;
        auto const t1 = line.find('\t');
        REQUIRE(t1 != std::string_view::npos);
        auto const t2 = line.find('\t', t1 + 1);
        REQUIRE(t2 != std::string_view::npos);
        auto const type = std::string(line.substr(t1 + 1, t2 - t1 - 1));
        CHECK((type == "GPE" || type == "LOC" || type == "NORP" || type == "ORG" || type == "PERSON"));
        CHECK(line.find("\t\t") == std::string_view::npos);
        CHECK(ids.insert(std::string(line.substr(0, t1))).second);
    }
    CHECK(lines > 1000);
    for (auto const* id : {"usa", "mexico", "ukraine", "russia", "united_nations", "nato", "european_union", "latin_america",
                           "caribbean", "norp_russian", "norp_mexican", "norp_latin_american", "kyiv", "brasilia", "kremlin"})
        CHECK_MESSAGE(ids.count(id), id);
}

TEST_CASE("names: headlines in title case, weekdays and acronyms do not make people") {
    auto const doc = annotate("Warren Hammers Wells Fargo Chief Over Fake Accounts\n\n"
                              "A letter from his doctor Friday says Kim Jong Un is fine. The U.N. met.\n");
    auto const people = mentions_of(doc, "PERSON");
    REQUIRE(people.size() == 1);
    CHECK(people[0] == std::pair<std::string, std::string>{"Kim Jong Un", "person:jong_un"});
}

TEST_CASE("names: initials, and a party-state note in parentheses that is no alias") {
    auto const doc = annotate("Donald J. Trump spoke. Rep. Jason Chaffetz (R-Utah) replied, and Trump left.");
    auto const people = mentions_of(doc, "PERSON");
    INFO(render(people));
    REQUIRE(people.size() == 3);
    CHECK(people[0] == std::pair<std::string, std::string>{"Donald J. Trump", "person:trump"});
    CHECK(people[1] == std::pair<std::string, std::string>{"Jason Chaffetz", "person:chaffetz"});
    CHECK(people[2] == std::pair<std::string, std::string>{"Trump", "person:trump"});
}

TEST_CASE("names: a one-word title that is part of how someone is called is part of the mention") {
    auto const doc = annotate("Pope Francis met Queen Elizabeth and President Biden. Francis said Elizabeth was kind.");
    auto const people = mentions_of(doc, "PERSON");
    REQUIRE(people.size() == 5);
    CHECK(people[0] == std::pair<std::string, std::string>{"Pope Francis", "person:francis"});
    CHECK(people[1] == std::pair<std::string, std::string>{"Queen Elizabeth", "person:elizabeth"});
    CHECK(people[2] == std::pair<std::string, std::string>{"Biden", "person:biden"}); // an office stays outside
    CHECK(people[3] == std::pair<std::string, std::string>{"Francis", "person:francis"});
    CHECK(people[4] == std::pair<std::string, std::string>{"Elizabeth", "person:elizabeth"});
    CHECK(doc.mentions[0].span == byline::byte_span{0, 12});
    CHECK(doc.mentions[1].span == byline::byte_span{17, 32});
    CHECK(entity_named(doc, "person:francis")->name == "Pope Francis");
    CHECK(entity_named(doc, "person:elizabeth")->gender == byline::gender::female);
    // A later mention with the title gives the entity its titled name.
    auto const later = annotate("Francis arrived. Pope Francis spoke.");
    REQUIRE(mentions_of(later, "PERSON").size() == 2);
    CHECK(mentions_of(later, "PERSON")[1].first == "Pope Francis");
    CHECK(entity_named(later, "person:francis")->name == "Pope Francis");
}

TEST_CASE("names: words come out the same wherever they fall in the tokenizer's 64-byte blocks") {
    std::string const sentence = "Gen. J.R. O'Brien's mid-Atlantic U.S.-backed plan, \xC3\x81lvaro L\xC3\xB3pez-Obrador "
                                 "(aka AMLO) and Jean-Luc said: \xE2\x80\x9CNo.\xE2\x80\x9D extraordinarilylongword x. y' z- "
                                 "\xE2\x80\x94Rivera\xE2\x80\xA6 \xE2\x80\x98ok\xE2\x80\x99 A\xE2\x80\x93" "B ";
    std::vector<byline::detail::names::token> reference;
    byline::detail::names::tokenize(sentence, {}, reference);
    REQUIRE(reference.size() == 23);
    for (std::size_t shift = 1; shift <= 65; ++shift) {
        std::string const text = std::string(shift, ' ') + sentence;
        std::vector<byline::detail::names::token> tokens;
        byline::detail::names::tokenize(text, {}, tokens);
        REQUIRE(tokens.size() == reference.size());
        for (std::size_t t = 1; t < tokens.size(); ++t) { // the first word's gap differs
            CHECK(tokens[t].begin == reference[t].begin + shift);
            CHECK(tokens[t].end == reference[t].end + shift);
            CHECK(tokens[t].flags == reference[t].flags);
        }
    }
    CHECK(std::string_view(sentence).substr(reference[1].begin, reference[1].end - reference[1].begin) == "J.R.");
    CHECK(std::string_view(sentence).substr(reference[2].begin, reference[2].end - reference[2].begin) == "O'Brien");
    CHECK(reference[2].has(byline::detail::names::possessive));
    // Quotation marks, dashes and the ellipsis separate words like spaces, yet are no plain space.
    CHECK(std::string_view(sentence).substr(reference[19].begin, reference[19].end - reference[19].begin) == "Rivera");
    CHECK(reference[19].has(byline::detail::names::clause_start));
    CHECK(!reference[19].has(byline::detail::names::after_space));
    CHECK(std::string_view(sentence).substr(reference[21].begin, reference[21].end - reference[21].begin) == "A");
    CHECK(std::string_view(sentence).substr(reference[22].begin, reference[22].end - reference[22].begin) == "B");
}

TEST_CASE("names: possessives and hyphenated words come out of the block scan as step() makes them") {
    // Shorter than a block: tokenized alone, every word goes through step(); padded, the block scan takes them.
    std::string const sentence = "Trump\xE2\x80\x99s ex-UN A-BC Biden's x-Y. Jean-P. rock-n'roll's it\xE2\x80\x99s";
    REQUIRE(sentence.size() < 64);
    std::vector<byline::detail::names::token> reference;
    byline::detail::names::tokenize(sentence, {}, reference);
    REQUIRE(reference.size() == 8);
    auto const word = [&](std::size_t t) { return std::string_view(sentence).substr(reference[t].begin, reference[t].end - reference[t].begin); };
    CHECK(word(0) == "Trump");
    CHECK(reference[0].has(byline::detail::names::possessive));
    CHECK(word(1) == "ex-UN");
    CHECK(reference[1].has(byline::detail::names::after_space));
    CHECK(word(2) == "A-BC");
    CHECK(reference[2].has(byline::detail::names::all_caps));
    CHECK(word(3) == "Biden");
    CHECK(reference[3].has(byline::detail::names::possessive));
    CHECK(word(4) == "x-Y.");
    CHECK(word(5) == "Jean-P.");
    CHECK(word(6) == "rock-n'roll");
    CHECK(reference[6].has(byline::detail::names::possessive));
    CHECK(word(7) == "it");
    CHECK(reference[7].has(byline::detail::names::possessive));
    for (std::size_t shift = 2; shift <= 64; ++shift) {
        std::string const text = std::string(shift, ' ') + sentence + std::string(64, ' ');
        std::vector<byline::detail::names::token> tokens;
        byline::detail::names::tokenize(text, {}, tokens);
        REQUIRE(tokens.size() == reference.size());
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            CHECK(tokens[t].begin == reference[t].begin + shift);
            CHECK(tokens[t].end == reference[t].end + shift);
            if (t > 0) CHECK(tokens[t].flags == reference[t].flags); // the first word's gap differs
        }
    }
}

TEST_CASE("names: the tokenizer's table of short gaps says what gap_flags says of every gap it holds") {
    using namespace byline::detail::names;
    std::size_t held = 0;
    for (std::size_t size = 1; size <= 2; ++size)
        for (int first = 0; first < 256; ++first)
            for (int second = 0; second < 256; ++second) {
                auto const flags = short_gaps[size][short_gap_kinds[static_cast<std::size_t>(first)]][short_gap_kinds[static_cast<std::size_t>(second)]];
                if (flags == long_gap) continue;
                char const bytes[2] = {static_cast<char>(first), static_cast<char>(second)};
                std::string_view const gap = size == 1 ? std::string_view(bytes + 1, 1) : std::string_view(bytes, 2);
                INFO(size, ' ', first, ' ', second);
                CHECK(flags == gap_flags(gap));
                ++held;
            }
    CHECK(short_gaps[1][word_kind][space_kind] == after_space);
    CHECK(short_gaps[2][comma_kind][space_kind] == after_comma);
    CHECK(short_gaps[2][clause_kind][space_kind] == clause_start);
    CHECK(short_gaps[1][word_kind][short_gap_kinds['\n']] == long_gap); // a line break: gap_flags, and a new line
    CHECK(held > 10000);
}

TEST_CASE("names: a regnal numeral ends a name and stays in its id") {
    auto const doc = annotate("King George III ruled Britain. Louis XIV built Versailles, and King Charles III "
                              "succeeded Elizabeth II. Writer Vann R. Newkirk II disagreed. World War II ended.");
    CHECK(mentions_of(doc, "PERSON") == pairs{{"King George III", "person:george_iii"},
                                              {"Louis XIV", "person:louis_xiv"},
                                              {"King Charles III", "person:charles_iii"},
                                              {"Elizabeth II", "person:elizabeth_ii"},
                                              {"Vann R. Newkirk II", "person:newkirk_ii"}});
}

TEST_CASE("names: a spelling variant links to a name first seen more than a thousand words before") {
    // The linking tables keep their own copies of the keys: "Merkel" (token 1025) takes the
    // key cache's slot of "Zelenskiy" (token 1, of 1024 slots) before "Zelensky" is linked.
    std::string text = "Volodymyr Zelenskiy spoke. Yes. ";
    for (int i = 0; i < 510; ++i) text += "It rained. ";
    text += "Angela Merkel spoke. Zelensky left.";
    auto const doc = annotate(text);
    auto const people = mentions_of(doc, "PERSON");
    INFO(render(people));
    REQUIRE(people.size() == 3);
    CHECK(people[0] == std::pair<std::string, std::string>{"Volodymyr Zelenskiy", "person:zelenskiy"});
    CHECK(people[1] == std::pair<std::string, std::string>{"Angela Merkel", "person:merkel"});
    CHECK(people[2] == std::pair<std::string, std::string>{"Zelensky", "person:zelenskiy"});
}

TEST_CASE("names: a thread keeps a small document's scratch, and gives back a huge one's after it") {
    std::string article;
    for (auto const* name : {"000_7f7ed1c0a54fa2bf.txt", "001_04d8d4f2fc7e7cc8.txt", "002_8913ef3a38a6720c.txt",
                             "003_929f39875cec5451.txt"})
        article += read_seed(name) + "\n\n";
    (void)annotate(article);
    auto const kept = byline::name_finder::thread_scratch_bytes();
    (void)annotate(article);
    CHECK(byline::name_finder::thread_scratch_bytes() == kept); // reused, not grown
    auto const bound = kept + byline::name_finder::retained_tokens * 8;

    // More tokens than are retained (a word and a space each): kept while documents are as big,
    // given back after a smaller one.
    std::string huge;
    for (std::size_t i = 0; i <= byline::name_finder::retained_tokens; ++i) huge += "Word ";
    (void)annotate(huge);
    auto const grown = byline::name_finder::thread_scratch_bytes();
    CHECK(grown > bound);
    (void)annotate(huge);
    CHECK(byline::name_finder::thread_scratch_bytes() == grown);
    (void)annotate(article);
    auto const small = byline::name_finder::thread_scratch_bytes();
    CHECK(small <= bound);

    // One capitalised word of 100 KB: its folded key goes after the next document too.
    (void)annotate("Said " + std::string(100000, 'A') + " today.");
    auto const with_long_key = byline::name_finder::thread_scratch_bytes();
    CHECK(with_long_key >= small + 100000);
    (void)annotate("Said Smith today."); // (needs no more of any other scratch)
    CHECK(byline::name_finder::thread_scratch_bytes() + 90000 <= with_long_key); // (other scratch moves a little)
    CHECK_FALSE(annotate(article).mentions.empty()); // and the scratch still works
}
