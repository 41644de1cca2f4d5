#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using byline::byte_span;
using byline::quote_kind;
using byline::quotation;

/// The span of the first occurrence of `needle` in `text` (which must contain it).
byte_span at(std::string_view text, std::string_view needle, std::size_t from = 0) {
    auto const b = text.find(needle, from);
    REQUIRE(b != std::string_view::npos);
    return {b, b + needle.size()};
}

std::vector<quotation> quotes_of(std::string_view text) { return byline::quote_finder{}.find(text); }

/// The quote whose content contains `needle`.
std::optional<quotation> quote_with(std::vector<quotation> const& qs, std::string_view text, std::string_view needle) {
    for (auto const& q : qs)
        if (q.span.in(text).find(needle) != std::string_view::npos) return q;
    return std::nullopt;
}

std::string_view speaker_text(quotation const& q, std::string_view text) {
    return q.said_by ? q.said_by->span.in(text) : std::string_view{};
}

std::string read_seed(std::string const& name) {
    std::ifstream in(std::string(BYLINE_TEST_DATA) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

// ---- quotation marks -------------------------------------------------------------------------

TEST_CASE("quotes: curly quotes with the cue and speaker after them") {
    std::string_view const text = "“We will win this war,” Smith said on Monday.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "We will win this war,"));
    CHECK(qs[0].kind == quote_kind::direct);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Smith"));
    CHECK_FALSE(qs[0].said_by->entity); // no entity stage ran
    REQUIRE(qs[0].cue);
    CHECK(*qs[0].cue == at(text, "said"));
}

TEST_CASE("quotes: straight quotes with the cue before the speaker") {
    std::string_view const text = "\"Prices will fall next year,\" said Maria Lopez, an economist.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "Prices will fall next year,"));
    CHECK(speaker_text(qs[0], text) == "Maria Lopez");
}

TEST_CASE("quotes: curly and straight quotes in one article") {
    std::string_view const text = "“The first one is here,” Smith said.\n\n\"The second one is there,\" Jones said.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].span == at(text, "The first one is here,"));
    CHECK(speaker_text(qs[0], text) == "Smith");
    CHECK(qs[1].span == at(text, "The second one is there,"));
    CHECK(speaker_text(qs[1], text) == "Jones");
}

TEST_CASE("quotes: single quotes nested inside double quotes stay part of the quote") {
    std::string_view const text = "“He told me ‘never again’ twice,” she said.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "He told me ‘never again’ twice,"));
    CHECK(speaker_text(qs[0], text) == "she");
}

TEST_CASE("quotes: a quote nested in the other style belongs to the outer quote") {
    std::string_view const text = "\"I read you the question: “As you know, she left early.” It matters,\" Caddell said.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "I read you the question: “As you know, she left early.” It matters,"));
    CHECK(speaker_text(qs[0], text) == "Caddell");
}

TEST_CASE("quotes: guillemets, low-high, corner brackets and NYT marks") {
    struct convention {
        std::string_view text;
        std::string_view content;
    };
    for (auto const& c : {convention{"«Nous gagnerons la guerre», said Jean.", "Nous gagnerons la guerre"},
                          convention{"„Wir schaffen das schon“, said Angela.", "Wir schaffen das schon"},
                          convention{"「We shall see about that」 said Ken.", "We shall see about that"},
                          convention{"``It is a fine plan,'' Mr. Burman said.", "It is a fine plan,"},
                          convention{"''It is a fine plan,'' Mr. Burman said.", "It is a fine plan,"},
                          convention{"“Outer ‹inner words› here,” Ana said.", "Outer ‹inner words› here,"},
                          convention{"‚Eins zwei drei‘, said Karl.", "Eins zwei drei"}}) {
        CAPTURE(c.text);
        auto const qs = quotes_of(c.text);
        REQUIRE(qs.size() == 1);
        CHECK(qs[0].span == at(c.text, c.content));
        CHECK(qs[0].said_by);
    }
}

TEST_CASE("quotes: apostrophes are not quotation marks") {
    std::string_view const text =
        "Zelensky’s aides don’t know. The United States‘ support matters to the parents’ group. It's 5'11\" tall.";
    CHECK(quotes_of(text).empty());
}

TEST_CASE("quotes: British single quotes pair at word edges") {
    std::string_view const text = "‘We are ready for anything,’ the minister said.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "We are ready for anything,"));
    CHECK(speaker_text(qs[0], text) == "the minister");
}

TEST_CASE("quotes: an unclosed quote ends with its paragraph and spares the next one") {
    std::string_view const text = "He said “this never closes at all.\n\nJones said: “This one is fine.”";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].span == at(text, "this never closes at all."));
    CHECK(qs[1].span == at(text, "This one is fine."));
    CHECK(speaker_text(qs[1], text) == "Jones");
}

TEST_CASE("quotes: a stray closing mark does not derail the document") {
    std::string_view const text = "The report is out” and nobody read it.\n\n“It is long,” Lee said.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "It is long,"));
    CHECK(speaker_text(qs[0], text) == "Lee");
}

TEST_CASE("quotes: a multi-paragraph quote is one quote") {
    std::string_view const text = "“The first paragraph of the speech.\n\n“The second paragraph of it,” Smith said.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == byte_span{at(text, "The first").begin, at(text, "of it,").end});
    CHECK(speaker_text(qs[0], text) == "Smith");
}

TEST_CASE("quotes: the pieces of a split quote share one speaker") {
    std::string_view const text = "“The first half is here,” he said. “The second half follows.”\n\n"
                                  "“One part,” Ana said, “and another part.”";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 4);
    CHECK(qs[1].span == at(text, "The second half follows."));
    CHECK(qs[1].said_by->span == qs[0].said_by->span);
    CHECK(qs[3].span == at(text, "and another part."));
    CHECK(speaker_text(qs[3], text) == "Ana");
}

TEST_CASE("quotes: dash byline") {
    std::string_view const text = "“No one wants that kind of leader.” ― Sonya Herridge";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(speaker_text(qs[0], text) == "Sonya Herridge");
    CHECK(qs[0].cue->in(text) == "―");
}

TEST_CASE("quotes: a wrong-way closing mark can open a paragraph's quote") {
    std::string_view const text = "”Mr. Trump embodies the lasting legacy of racism.” ― Sonya Herridge";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "Mr. Trump embodies the lasting legacy of racism."));
    CHECK(speaker_text(qs[0], text) == "Sonya Herridge");
}

TEST_CASE("quotes: transcript lines are their labelled speaker's") {
    std::string_view const text = "PENCE: Well, look, she thinks this is a show.\n\n"
                                  "\"WALLACE: Will she be there tomorrow night?\n\n"
                                  "CLARIFICATION: The first sentence was fixed.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].span == at(text, "Well, look, she thinks this is a show."));
    CHECK(speaker_text(qs[0], text) == "PENCE");
    CHECK(qs[0].cue->in(text) == ":");
    CHECK(qs[1].span == at(text, "Will she be there tomorrow night?"));
    CHECK(speaker_text(qs[1], text) == "WALLACE");
}

// ---- kinds -------------------------------------------------------------------------------------

TEST_CASE("quotes: block quote after an introducing line ending in a colon") {
    std::string_view const text = "The minister again reiterated the policy:\n\n"
                                  "We will not send weapons. We are pacifists and will stay so.\n\n"
                                  "Critics said the policy was naive.";
    auto const qs = quotes_of(text);
    auto const block = quote_with(qs, text, "We will not send weapons");
    REQUIRE(block);
    CHECK(block->kind == quote_kind::block);
    CHECK(block->span == at(text, "We will not send weapons. We are pacifists and will stay so."));
    CHECK(speaker_text(*block, text) == "The minister");
    CHECK(block->cue->in(text) == "reiterated");
}

TEST_CASE("quotes: block quote whose only mark is a stray closing one") {
    std::string_view const text = "In May, the president reiterated that position:\n\n"
                                  "The policy stays the same, we do not want to get involved.”\n\n"
                                  "A Heading";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].kind == quote_kind::block);
    CHECK(qs[0].span == at(text, "The policy stays the same, we do not want to get involved."));
    CHECK(speaker_text(qs[0], text) == "the president");
}

TEST_CASE("quotes: a list after a colon is not a block quote") {
    std::string_view const text = "The requested weapons were:\n– Anti-tank weapons.\n– Helmets and vests.\n";
    CHECK(quotes_of(text).empty());
}

TEST_CASE("quotes: indirect speech") {
    std::string_view const text = "Smith said that the economy is strong. Prices will rise, according to the bank.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].kind == quote_kind::indirect);
    CHECK(qs[0].span == at(text, "the economy is strong"));
    CHECK(speaker_text(qs[0], text) == "Smith");
    CHECK(qs[1].kind == quote_kind::indirect);
    CHECK(qs[1].span == at(text, "Prices will rise"));
    CHECK(speaker_text(qs[1], text) == "the bank");
    CHECK(qs[1].cue->in(text) == "according to");
}

TEST_CASE("quotes: a partial quote reports the content that holds it") {
    std::string_view const text = "President Andrés Manuel López Obrador insists that the country remains “neutral”.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].kind == quote_kind::partial);
    CHECK(qs[0].span == at(text, "the country remains “neutral”"));
    CHECK(speaker_text(qs[0], text) == "President Andrés Manuel López Obrador");
    CHECK(qs[0].cue->in(text) == "insists");
}

TEST_CASE("quotes: scare quotes and names in quotation marks have no speaker") {
    std::string_view const text = "The chamber “hosted” a call in a room called the “Green Room”.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].span == at(text, "hosted"));
    CHECK_FALSE(qs[0].said_by);
    CHECK(qs[1].span == at(text, "Green Room"));
    CHECK_FALSE(qs[1].said_by);
}

TEST_CASE("quotes: user cues extend the lexicon") {
    std::string_view const text = "“Not on my watch, never,” the senator harrumphed.";
    CHECK_FALSE(quotes_of(text).front().said_by);
    byline::quote_finder const finder(byline::quote_options{.extra_cues = {"harrumphed"}});
    auto const qs = finder.find(text);
    REQUIRE(qs.size() == 1);
    CHECK(speaker_text(qs[0], text) == "the senator");
}

// ---- entities ------------------------------------------------------------------------------------

TEST_CASE("quotes: a pronoun speaker resolves to the nearest earlier person of its gender") {
    std::string_view const text = "Maria Lopez met John Smith.\n\n“We have a deal at last,” he said.";
    byline::document doc;
    doc.text = text;
    doc.entities = {{"lopez", "PERSON", "Maria Lopez", byline::gender::female},
                    {"smith", "PERSON", "John Smith", byline::gender::male}};
    doc.mentions = {{at(text, "Maria Lopez"), 0}, {at(text, "John Smith"), 1}};
    byline::quote_finder{}.annotate(doc);
    REQUIRE(doc.quotes.size() == 1);
    REQUIRE(doc.quotes[0].said_by);
    CHECK(doc.quotes[0].said_by->span == at(text, "he"));
    CHECK(doc.quotes[0].said_by->entity == std::optional<std::uint32_t>{1});
}

TEST_CASE("quotes: 'it said' resolves to the organisation named before") {
    std::string_view const text = "The Teamsters union backed the plan.\n\n“We are ready to strike,” it said.";
    byline::document doc;
    doc.text = text;
    doc.entities = {{"teamsters", "ORG", "Teamsters", byline::gender::unknown}};
    doc.mentions = {{at(text, "Teamsters"), 0}};
    byline::quote_finder{}.annotate(doc);
    REQUIRE(doc.quotes.size() == 1);
    CHECK(speaker_text(doc.quotes[0], text) == "it");
    CHECK(doc.quotes[0].said_by->entity == std::optional<std::uint32_t>{0});
}

TEST_CASE("quotes: the speaker of a possessive description is not the owner") {
    std::string_view const text = "Zelensky’s spokesman panned the plan as being “made in Russia”.";
    byline::document doc;
    doc.text = text;
    doc.entities = {{"zelensky", "PERSON", "Volodymyr Zelensky", byline::gender::male}};
    doc.mentions = {{at(text, "Zelensky"), 0}};
    byline::quote_finder{}.annotate(doc);
    REQUIRE(doc.quotes.size() == 1);
    CHECK(speaker_text(doc.quotes[0], text) == "Zelensky’s spokesman");
    CHECK_FALSE(doc.quotes[0].said_by->entity);
}

// ---- bad input ---------------------------------------------------------------------------------

TEST_CASE("quotes: empty and mark-only input") {
    CHECK(quotes_of("").empty());
    CHECK(quotes_of("“").empty());
    CHECK(quotes_of("”").empty());
    CHECK(quotes_of("\"\"\n\n''").empty());
}

TEST_CASE("quotes: invalid UTF-8 keeps offsets on the caller's bytes") {
    std::string const text = "\xff\xfe “Bad \xc3 bytes \x80 inside,” Smith said. \xe2\x80";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "Bad \xc3 bytes \x80 inside,"));
    CHECK(speaker_text(qs[0], text) == "Smith");
}

TEST_CASE("quotes: many unbalanced marks take linear time") {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "He said “yes and ” no \" maybe ‘ and then, “ more words here.\n";
    auto const t0 = std::chrono::steady_clock::now();
    auto const qs = quotes_of(text);
    std::chrono::duration<double> const dt = std::chrono::steady_clock::now() - t0;
    CHECK(!qs.empty());
    CHECK(dt.count() < 5.0); // about 1.4 MB; quadratic behaviour would take minutes
    for (auto const& q : qs) CHECK(q.span.end <= text.size());
}

// ---- the seed articles ---------------------------------------------------------------------------

namespace {

struct expectation {
    std::string_view content;     ///< a piece of the quote's text
    std::string_view speaker;     ///< the speaker mention, "" for none
    std::string_view entity_name; ///< a piece of the resolved entity's name, "" for unresolved
};

void check_seed(std::string const& name, std::vector<expectation> const& expected) {
    std::string const text = read_seed(name);
    byline::default_pipeline const pipeline;
    auto const doc = pipeline(text);
    for (auto const& e : expected) {
        CAPTURE(name);
        CAPTURE(e.content);
        auto const q = quote_with(doc.quotes, text, e.content);
        REQUIRE(q);
        CHECK(speaker_text(*q, text) == e.speaker);
        if (e.entity_name.empty()) {
            CHECK((!q->said_by || !q->said_by->entity));
        } else {
            REQUIRE(q->said_by);
            REQUIRE(q->said_by->entity);
            CHECK(doc.entities[*q->said_by->entity].name.find(e.entity_name) != std::string::npos);
        }
    }
}

} // namespace

TEST_CASE("quotes: seed 000, Zelensky's three quotes") {
    check_seed("000_7f7ed1c0a54fa2bf.txt",
               {{"Ukraine has already proposed", "Zelensky", "Zelensk"},
                {"I think that with the help of Mexico", "the one who denounced the Russian invasion of his country",
                 "Zelensk"},
                {"I invite you to choose", "he", "Zelensk"},
                {"Mexico-Ukraine Friendship Group", "", ""}});
}

TEST_CASE("quotes: seed 001, block quotes, partial quotes and descriptions") {
    check_seed("001_04d8d4f2fc7e7cc8.txt",
               {{"hosted", "", ""},
                {"The policy stays the same", "AMLO", "López Obrador"},
                {"does not represent the consensual position",
                 "the Political Coordination Board of the Chamber of Deputies", "Political Coordination Board"},
                {"irrational", "AMLO", "López Obrador"},
                {"Ladies and Gentlemen!", "He", "Zelensky"},
                {"made in Russia", "Zelensky’s spokesman", ""},
                {"[H]ow can one of the actors", "AMLO", "López Obrador"},
                {"Do not drag us in", "He", "López Obrador"},
                {"there is no neutrality", "US Secretary of State Anthony Blinken", "Blinken"},
                {"these comments give only a glimpse", "an article in WSWS", ""},
                {"Green Room", "", ""},
                {"I believe [that] with the help of Mexico", "Zelensky", "Zelensky"},
                {"Trade between Russia and Latin American", "Tatiana Mashkova", "Mashkova"},
                {"Likewise, Russian and Latin American businessmen", "Tatiana Mashkova", "Mashkova"},
                {"step up [its] game", "Richardson", "Richardson"}});
}

TEST_CASE("quotes: seed 002 has no quotation") {
    std::string const text = read_seed("002_8913ef3a38a6720c.txt");
    byline::default_pipeline const pipeline;
    CHECK(pipeline(text).quotes.empty());
}

TEST_CASE("quotes: seed 003, López Obrador's assurance") {
    check_seed("003_929f39875cec5451.txt",
               {{"We do not send weapons, we are pacifists", "he", "López Obrador"},
                {"the country remains “neutral”", "President Andrés Manuel López Obrador", "López Obrador"},
                {"in large quantities", "Ukrainian parliamentarians", ""}});
}

TEST_CASE("quotes: an utterance noun named as the source yields the pronoun behind it") {
    std::string_view const text = "Zelenski asked for support, according to a message he gave by video call.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].kind == quote_kind::indirect);
    CHECK(speaker_text(qs[0], text) == "he");
}

TEST_CASE("quotes: a quoted phrase after 'for' is reported as itself, not with the cue's object") {
    std::string_view const text = "The remarks prompted Washington to lash out at Brasilia for \u201Cparroting propaganda.\u201D";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "parroting propaganda."));
    CHECK(speaker_text(qs[0], text) == "Washington");
}

TEST_CASE("quotes: a quantifier opens a speaker after the cue") {
    std::string_view const text = "\u201CThey are in a frenzy,\u201D said one Democratic source on the panel.";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    CHECK(speaker_text(qs[0], text) == "one Democratic source");
}

TEST_CASE("quotes: a person's perfect-tense predicate owns its quoted phrase") {
    byline::default_pipeline const pipeline;
    std::string const text = "In recent weeks, Harry Reid has gone after Trump as a \u201Chuman leech who will bleed the country.\u201D";
    auto const doc = pipeline(text);
    auto const q = quote_with(doc.quotes, text, "human leech");
    REQUIRE(q);
    CHECK(speaker_text(*q, text) == "Harry Reid");
}

// ---- attribution sieve: verbs, clause boundaries, nested cues ------------------------------------

TEST_CASE("quotes: an irregular past after a determiner and a name is a verb, not a noun") {
    std::string_view const text = "\u201CThe company was left holding debt,\u201D the Times wrote.\n\n"
                                  "\u201CLeaders honored him,\u201D the article read.";
    auto const qs = byline::default_pipeline{}(std::string(text)).quotes;
    REQUIRE(qs.size() == 2);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "the Times"));
    CHECK(qs[0].cue == at(text, "wrote"));
    REQUIRE(qs[1].said_by);
    CHECK(qs[1].said_by->span == at(text, "the article"));
}

TEST_CASE("quotes: a cue word after 'of' and an adjective is a noun") {
    std::string_view const text = "Clinton says Trump\u2019s flurry of late-night tweets was \u201Cunhinged, even "
                                  "for him.\u201D";
    auto const qs = byline::default_pipeline{}(std::string(text)).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Clinton"));
    CHECK(qs[0].cue == at(text, "says"));
}

TEST_CASE("quotes: a clause opened by 'though' after a quote does not attribute it") {
    std::string_view const text = "She said she speaks about race because \u201Cyou talk about the issues in front "
                                  "of you,\u201D "
                                  "though she noted she has also pushed for prosecution.";
    auto const qs = byline::default_pipeline{}(std::string(text)).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    // the outer cue: "She said" owns the clause "she speaks ..."
    CHECK(qs[0].said_by->span == byte_span{0, 3});
    CHECK(qs[0].cue == at(text, "said"));
}

TEST_CASE("quotes: a new sentence's cue before a comma and a quotation mark introduces the next quote") {
    std::string_view const text = "She says Trump represents the \u201Csame rigged system that he claims.\u201D "
                                  "She adds, \u201CWhat kind of genius loses a billion dollars?\u201D";
    auto const qs = byline::default_pipeline{}(std::string(text)).quotes;
    REQUIRE(qs.size() == 2);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == byte_span{0, 3});
    CHECK(qs[0].cue == at(text, "says"));
    REQUIRE(qs[1].said_by);
    auto const she_adds = at(text, "She adds");
    CHECK(qs[1].said_by->span == byte_span{she_adds.begin, she_adds.begin + 3});
    CHECK(qs[1].cue == at(text, "adds"));
}

TEST_CASE("quotes: ', but he said' ends the reported clause and keeps its own speaker") {
    std::string_view const text = "Putney said that the video did not give \u201Cabsolute evidence,\u201D but he "
                                  "said that "
                                  "the footage \u201Csupports what we heard.\u201D";
    auto const qs = byline::default_pipeline{}(std::string(text)).quotes;
    REQUIRE(qs.size() == 2);
    CHECK(qs[0].span == at(text, "the video did not give \u201Cabsolute evidence,\u201D"));
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Putney"));
    REQUIRE(qs[1].said_by);
    auto const he_said = at(text, "he said");
    CHECK(qs[1].said_by->span == byte_span{he_said.begin, he_said.begin + 2});
}

TEST_CASE("quotes: 'according to' after a quote names the source that follows it") {
    std::string const text = "McAuliffe was greeted with chants of \"Bobby!\" at a labor conference last month, "
                             "according to Virginia AFL-CIO President Doris Crouse-Mays.";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Virginia AFL-CIO President Doris Crouse-Mays"));
    CHECK(qs[0].cue == at(text, "according to"));
}

TEST_CASE("quotes: a participle's subject is found after a quote opening the sentence") {
    std::string const text = "\u201CKeep your hands in sight,\u201D Blige sings to Clinton before asking her, "
                             "\u201CWhere do we go from here?\u201D";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 2);
    for (auto const& q : qs) {
        REQUIRE(q.said_by);
        CHECK(q.said_by->span == at(text, "Blige"));
    }
    CHECK(qs[0].cue == at(text, "sings"));
}

TEST_CASE("quotes: dates and numbers opening a sentence are not its subject") {
    std::string const text = "On July 6, 2015, Sanders made the following comment: \u201CThe unemployment rate is 33 "
                             "percent.\u201D\n\n"
                             "On September 27 they published the results by announcing that the statement was "
                             "\u201Ctrue.\u201D";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 2);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Sanders"));
    REQUIRE(qs[1].said_by);
    CHECK(qs[1].said_by->span == at(text, "they"));
    CHECK(qs[1].cue == at(text, "announcing"));
}

TEST_CASE("quotes: a pronoun contracted with 'is' is the speaker without the contraction") {
    std::string const text = "He\u2019s claiming that voting fraud is \u201Ca big, big problem in this country.\u201D";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == byte_span{0, 2});
    CHECK(qs[0].cue == at(text, "claiming"));
}

TEST_CASE("quotes: 'what he called' reports the words of the clause's subject") {
    std::string const text = "Secretary General Ban Ki-moon condemned what he called a \u201Cbrazen breach\u201D of "
                             "U.N. resolutions.";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].span == at(text, "what he called a \u201Cbrazen breach\u201D of U.N. resolutions"));
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Secretary General Ban Ki-moon"));
    CHECK(qs[0].cue == at(text, "condemned"));
}

TEST_CASE("quotes: a contraction like I'd is not a subject for 'what he calls'") {
    std::string const text = "As a woman, I\u2019d rather live in what he calls \u201Chell\u201D than live here.";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    auto const he = at(text, "he calls");
    CHECK(qs[0].said_by->span == byte_span{he.begin, he.begin + 2});
}

TEST_CASE("quotes: a time expression is not the speaker of a relative clause's cue") {
    std::string const text = "He released a letter from his doctor Friday afternoon that says he has "
                             "\u201Cextraordinarily good health\u201D for a 63-year-old.";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == byte_span{0, 2});
}

TEST_CASE("quotes: the object of a preposition before the cue is not its subject") {
    std::string const text = "Protesters marching through the streets chanted \"What curfew?\" and kept going.";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Protesters"));
    CHECK(qs[0].cue == at(text, "chanted"));
}

TEST_CASE("quotes: a title owns the place it is 'from'") {
    std::string const text = "Senator from Texas says he cannot allow Clinton to win the presidency.";
    auto const qs = byline::default_pipeline{}(text).quotes;
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].kind == quote_kind::indirect);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Senator from Texas"));
}

namespace {

/// The speaker's text of the quote holding `needle`, from the default pipeline's output.
std::string speaker_of(byline::document const& doc, std::string_view needle) {
    auto const q = quote_with(doc.quotes, doc.text, needle);
    REQUIRE(q);
    return std::string(speaker_text(*q, doc.text));
}

} // namespace

TEST_CASE("quotes: descriptions opened by a quantifier, and 'now' between a subject and its cue") {
    std::string const text = "At a forum on Monday, one questioner claimed that the \u201Cforces of political "
                             "correctness\u201D "
                             "were hurting the military.\n\n"
                             "If we lived in normal times, a reader would now ask: \u201CLarry King is on a Russian "
                             "outlet?\u201D\n\n"
                             "In August, several environmental groups granted Mr. Clarke an extension, saying his "
                             "\u201Ccapital was less than expected.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    CHECK(speaker_of(doc, "forces of political") == "one questioner");
    CHECK(speaker_of(doc, "Larry King") == "a reader");
    CHECK(speaker_of(doc, "capital was less") == "several environmental groups");
}

TEST_CASE("quotes: an outer cue a few words before 'that' owns the nested one, not across a clause") {
    std::string const text = "Trump said during a rally in Michigan that Clinton once described the deal as "
                             "\u201Cthe gold standard\u201D of trade deals.\n\n"
                             "When Clinton noted that Trump has not paid taxes \u2015 as was true for a few years "
                             "\u2015 "
                             "Trump boasted, \u201CThat makes me smart.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    auto const gold = quote_with(doc.quotes, text, "gold standard");
    REQUIRE(gold);
    REQUIRE(gold->said_by);
    CHECK(gold->said_by->span == at(text, "Trump"));
    CHECK(gold->cue == at(text, "said"));
    auto const smart = quote_with(doc.quotes, text, "makes me smart");
    REQUIRE(smart);
    REQUIRE(smart->said_by);
    auto const boasted = at(text, "Trump boasted");
    CHECK(smart->said_by->span == byte_span{boasted.begin, boasted.begin + 5});
}

TEST_CASE("quotes: the subject of a coordinated verb, and of a long opening adverbial's clause") {
    std::string const text = "Once, when my mother mentioned the devil to me, I laughed and said, "
                             "“I don’t believe in the devil.”\n\n"
                             "With Democratic leaders increasingly worried about a lack of passion for Hillary "
                             "Clinton among "
                             "young black voters, President Obama is rolling out a new message: “It’s about me.”";
    auto const doc = byline::default_pipeline{}(text);
    auto const devil = quote_with(doc.quotes, text, "believe in the devil");
    REQUIRE(devil);
    REQUIRE(devil->said_by);
    auto const i_laughed = at(text, "I laughed");
    CHECK(devil->said_by->span == byte_span{i_laughed.begin, i_laughed.begin + 1});
    CHECK(speaker_of(doc, "about me") == "President Obama");
}

TEST_CASE("quotes: a person introducing a quote with a dash, but not a preposition's object") {
    std::string const text = "A chorus of Republicans has said the same, including the former candidate Mitt Romney -- "
                             "“It is disqualifying to refuse to release tax returns” -- and others.\n\n"
                             "Mr. Schultz has seemed supportive of Mr. Trump -- “a completely different man to me.”";
    auto const doc = byline::default_pipeline{}(text);
    auto const romney = quote_with(doc.quotes, text, "disqualifying");
    REQUIRE(romney);
    REQUIRE(romney->said_by);
    // (the role before the name is part of the speaker's noun phrase)
    CHECK(romney->said_by->span == at(text, "the former candidate Mitt Romney"));
    REQUIRE(romney->said_by->entity);
    CHECK(doc.entities[*romney->said_by->entity].name.find("Romney") != std::string::npos);
    CHECK(speaker_of(doc, "completely different") != "Mr. Trump");
}

TEST_CASE("quotes: 'According to X,' opening the sentence outranks the cue inside it") {
    std::string const text = "According to Yahoo News, Clinton spokesman Jesse Lehrich said Friday that "
                             "“she would sign this legislation.”";
    auto const doc = byline::default_pipeline{}(text);
    REQUIRE(doc.quotes.size() == 1);
    REQUIRE(doc.quotes[0].said_by);
    CHECK(doc.quotes[0].said_by->span == at(text, "Yahoo News"));
    CHECK(doc.quotes[0].cue == at(text, "According to"));
}

TEST_CASE("quotes: 'ruled that' attributes a fact-checker's verdict") {
    std::string const text = "Politifact then ruled that the statement about “thousands of shootings” is “true.”";
    auto const doc = byline::default_pipeline{}(text);
    REQUIRE_FALSE(doc.quotes.empty());
    REQUIRE(doc.quotes[0].said_by);
    CHECK(doc.quotes[0].said_by->span == at(text, "Politifact"));
    CHECK(doc.quotes[0].cue == at(text, "ruled"));
}

TEST_CASE("quotes: a 'when' clause after a quote is not its attribution") {
    std::string const text = "The spot ends with footage of Donald Trump saying during the debate, \u201CThat makes "
                             "me smart,\u201D "
                             "when Hillary Clinton blasted him for not paying income tax.";
    auto const doc = byline::default_pipeline{}(text);
    REQUIRE(doc.quotes.size() == 1);
    REQUIRE(doc.quotes[0].said_by);
    CHECK(doc.quotes[0].said_by->span == at(text, "Donald Trump"));
    CHECK(doc.quotes[0].cue == at(text, "saying"));
}

TEST_CASE("quotes: a short parenthetical attribution later in the quote's sentence") {
    std::string const text = "\u201CThis just isn\u2019t right,\u201D Warren said. \u201CYou squeezed employees to "
                             "the breaking point\u201D "
                             "to drive up the stock price, she said, referencing the bank\u2019s drive to "
                             "\u201Ccross-sell\u201D accounts.";
    auto const doc = byline::default_pipeline{}(text);
    auto const q = quote_with(doc.quotes, text, "You squeezed");
    REQUIRE(q);
    REQUIRE(q->said_by);
    auto const she = at(text, "she said");
    CHECK(q->said_by->span == byte_span{she.begin, she.begin + 3});
    CHECK(q->cue == byte_span{she.begin + 4, she.begin + 8});
}

TEST_CASE("quotes: a subject's parenthesised party and a comma aside before its verb") {
    std::string const text = "Senate Minority Leader Harry Reid (D-Nev.), in particular, has been steadily pounding "
                             "Trump as a "
                             "\u201Ccon artist\u201D \u2015 just as he did with Romney in 2012.";
    auto const doc = byline::default_pipeline{}(text);
    REQUIRE(doc.quotes.size() == 1);
    REQUIRE(doc.quotes[0].said_by);
    CHECK(doc.quotes[0].said_by->span == at(text, "Senate Minority Leader Harry Reid"));
    CHECK(doc.quotes[0].cue == at(text, "pounding"));
}

TEST_CASE("quotes: a kicker in capitals before a dash is not the subject") {
    std::string const text = "CONGRESS HAS INVESTIGATED HIM \u2014 Oz\u2019s dubious advice earned him a hearing for "
                             "saying that "
                             "green coffee extract was a \u201Cmagic weight loss cure.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    REQUIRE(doc.quotes.size() == 1);
    REQUIRE(doc.quotes[0].said_by);
    CHECK(doc.quotes[0].said_by->span == at(text, "Oz\u2019s dubious advice"));
}

TEST_CASE("quotes: 'according to X' set off by commas before the cue, and 'characterized … as'") {
    std::string const text = "Scott\u2019s relatives watched the police videos on Thursday, according to their "
                             "attorneys, and said "
                             "they came away with \u201Cmore questions than answers.\u201D\n\n"
                             "However, he characterized Sen. Tim Kaine as, \u201Ca little desperate there.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    CHECK(speaker_of(doc, "more questions") == "their attorneys");
    auto const q = quote_with(doc.quotes, text, "little desperate");
    REQUIRE(q);
    CHECK(q->cue == at(text, "characterized"));
}

TEST_CASE("quotes: a fronted 'After saying …' clause belongs to the main clause's subject") {
    std::string const text = "After saying her right foot was \u201Cso swollen I could barely get my shoe on,\u201D "
                             "she was taken to a hospital.";
    auto const doc = byline::default_pipeline{}(text);
    REQUIRE(doc.quotes.size() == 1);
    REQUIRE(doc.quotes[0].said_by);
    auto const she = at(text, "she was");
    CHECK(doc.quotes[0].said_by->span == byte_span{she.begin, she.begin + 3});
    CHECK(doc.quotes[0].cue == at(text, "saying"));
}

TEST_CASE("quotes: 'According to X,' is no source when the lexicon lacks it (user cues only)") {
    byline::quote_options options;
    options.default_cues = false;
    options.extra_cues = {"said"};
    std::string_view const text = "According to Yahoo News, spokesman Jesse Lehrich said that \u201Cshe would sign it.\u201D";
    auto const qs = byline::quote_finder{options}.find(text);
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Jesse Lehrich"));
}

// ---- speaker spans cover the whole noun phrase ---------------------------------------------------

namespace {

/// The quote holding `needle` in the default pipeline's `doc`, which must have a speaker.
byline::speaker const& speaker_with(byline::document const& doc, std::string_view needle) {
    static byline::speaker const none{};
    auto const& qs = doc.quotes;
    for (auto const& q : qs)
        if (q.span.in(doc.text).find(needle) != std::string_view::npos && q.said_by) return *q.said_by;
    FAIL("no quote with a speaker holds " << needle);
    return none;
}

std::string entity_name(byline::document const& doc, byline::speaker const& s) {
    return s.entity ? doc.entities[*s.entity].name : std::string{};
}

} // namespace

TEST_CASE("quotes: a demonym opening the subject modifies its noun and names no entity") {
    std::string const text = "Last March, Ukrainian parliamentarians sent a letter to the president of the Senate, "
                             "Olga Sánchez Cordero, requesting weapons and military equipment \u201Cin large "
                             "quantities.\u201D\n\nCentral European leaders have embraced the idea, warning that "
                             "\u201Cthe union must defend itself.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    auto const& ukrainian = speaker_with(doc, "in large quantities");
    CHECK(ukrainian.span == at(text, "Ukrainian parliamentarians")); // not "Ukrainian", nor "... sent"
    CHECK_FALSE(ukrainian.entity);
    auto const& central = speaker_with(doc, "the union must defend");
    CHECK(central.span == at(text, "Central European leaders"));
    CHECK_FALSE(central.entity);
}

TEST_CASE("quotes: an ordinary word opening the sentence modifies the noun after it") {
    std::string_view const text = "Other leaders used blunt language, calling the launch \u201Creckless and "
                                  "provocative.\u201D\n\nSmall groups of protesters marched downtown, chanting "
                                  "\u201Cno justice, no peace.\u201D\n\nBlack voters turned out, saying the race was "
                                  "\u201Cclose.\u201D";
    auto const qs = quotes_of(text); // no entity stage: the word list alone decides
    auto const other = quote_with(qs, text, "reckless");
    REQUIRE(other);
    REQUIRE(other->said_by);
    CHECK(other->said_by->span == at(text, "Other leaders"));
    auto const small = quote_with(qs, text, "no justice");
    REQUIRE(small);
    REQUIRE(small->said_by);
    CHECK(small->said_by->span == at(text, "Small groups of protesters"));
    auto const black = quote_with(qs, text, "close.");
    REQUIRE(black);
    REQUIRE(black->said_by);
    CHECK(black->said_by->span == at(text, "Black voters"));
}

TEST_CASE("quotes: an ordinary word that may be a surname keeps the verb after it out of the speaker") {
    std::string_view const text = "Rice pushed back, saying the report was \u201Cwrong.\u201D\n\n"
                                  "Bush took aim at the plan, saying it was \u201Ca disaster.\u201D\n\n"
                                  "Young wants more, saying the deal is \u201Cnot enough.\u201D";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 3);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Rice"));
    REQUIRE(qs[1].said_by);
    CHECK(qs[1].said_by->span == at(text, "Bush"));
    REQUIRE(qs[2].said_by);
    CHECK(qs[2].said_by->span == at(text, "Young"));
}

TEST_CASE("quotes: a description keeps its 'of' phrase") {
    std::string_view const text = "The authors of the report said the tax code is \u201Criddled with loopholes.\u201D\n\n"
                                  "The city of Phoenix is demanding that the campaign stop, calling the ad "
                                  "\u201Cmisleading.\u201D";
    auto const qs = quotes_of(text);
    auto const authors = quote_with(qs, text, "riddled");
    REQUIRE(authors);
    REQUIRE(authors->said_by);
    CHECK(authors->said_by->span == at(text, "The authors of the report")); // found backwards from the cue
    auto const city = quote_with(qs, text, "misleading");
    REQUIRE(city);
    REQUIRE(city->said_by);
    CHECK(city->said_by->span == at(text, "The city of Phoenix")); // found forwards as the subject
}

TEST_CASE("quotes: a modifier and a role before a person's name stay in the span and the person resolves") {
    std::string const text = "\u201CHis body language was excellent,\u201D said MSNBC host Chris Matthews.\n\n"
                             "Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying "
                             "officials should act \u201Cwithout delay.\u201D\n\n"
                             "\u201CThere is no neutrality,\u201D said US Secretary of State Anthony Blinken.";
    auto const doc = byline::default_pipeline{}(text);
    auto const& host = speaker_with(doc, "body language");
    CHECK(host.span == at(text, "MSNBC host Chris Matthews"));
    CHECK(entity_name(doc, host).find("Matthews") != std::string::npos);
    auto const& nominee = speaker_with(doc, "without delay");
    CHECK(nominee.span == at(text, "Democratic presidential nominee Hillary Clinton"));
    CHECK(entity_name(doc, nominee).find("Clinton") != std::string::npos);
    auto const& blinken = speaker_with(doc, "no neutrality");
    CHECK(blinken.span == at(text, "US Secretary of State Anthony Blinken")); // "US" is not the pronoun
    CHECK(entity_name(doc, blinken).find("Blinken") != std::string::npos);
}

TEST_CASE("quotes: a name after a determiner modifies the noun after it") {
    std::string const text = "A New York judge has rejected the request, saying the courts have \u201Cno business\u201D "
                             "deciding it.\n\nThe New York state attorney general is confirming that the foundation "
                             "is \u201Cnot registered.\u201D\n\nPolice have shot and killed 707 people this year, "
                             "according to a Washington Post database tracking such deaths.";
    auto const doc = byline::default_pipeline{}(text);
    auto const& judge = speaker_with(doc, "no business");
    CHECK(judge.span == at(text, "A New York judge"));
    CHECK_FALSE(judge.entity); // the judge is not New York
    auto const& attorney = speaker_with(doc, "not registered");
    CHECK(attorney.span == at(text, "The New York state attorney general"));
    CHECK_FALSE(attorney.entity);
    auto const& database = speaker_with(doc, "shot and killed");
    CHECK(database.span == at(text, "a Washington Post database")); // not "... tracking such deaths"
}

TEST_CASE("quotes: a sentence-initial 'Her' before a noun is a possessive") {
    std::string_view const text = "Her lawyer went further, saying the ruling was \u201Ca travesty.\u201D";
    auto const qs = quotes_of(text);
    REQUIRE(qs.size() == 1);
    REQUIRE(qs[0].said_by);
    CHECK(qs[0].said_by->span == at(text, "Her lawyer")); // not "Her", nor "Her lawyer went"
}

TEST_CASE("quotes: the place or body complementing a title is not the speaker's entity") {
    std::string const text = "Senator from Texas says he cannot allow Clinton to win the presidency.\n\n"
                             "The president of Mexico said the country remains \u201Cneutral.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    auto const& senator = speaker_with(doc, "cannot allow");
    CHECK(senator.span == at(text, "Senator from Texas"));
    CHECK_FALSE(senator.entity);
    auto const& president = speaker_with(doc, "neutral");
    CHECK(president.span == at(text, "The president of Mexico"));
    CHECK_FALSE(president.entity);
}

TEST_CASE("quotes: a possessive owner's role does not stop the next pronoun finding its antecedent") {
    std::string const text = "Libertarian presidential candidate Gary Johnson\u2019s doctor is calling the candidate "
                             "\u201Cextremely physically fit.\u201D He released a letter that says he has "
                             "\u201Cextraordinarily good health.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    auto const& doctor = speaker_with(doc, "physically fit");
    CHECK(doctor.span == at(text, "Libertarian presidential candidate Gary Johnson\u2019s doctor"));
    CHECK_FALSE(doctor.entity); // the doctor is not Johnson
    auto const& he = speaker_with(doc, "good health");
    CHECK(he.span == at(text, "He"));
    CHECK(entity_name(doc, he).find("Johnson") != std::string::npos);
}

TEST_CASE("quotes: a role and its modifiers before a person's name belong to the speaker, who is the person") {
    std::string const text = "\u201CWe are not going to do that,\u201D Clinton campaign spokesman Brian Fallon said on "
                             "Monday.\n\nWhite House press secretary Josh Earnest said the president was \u201Cdeeply "
                             "concerned.\u201D";
    auto const doc = byline::default_pipeline{}(text);
    auto const& fallon = speaker_with(doc, "not going to do that");
    CHECK(fallon.span == at(text, "Clinton campaign spokesman Brian Fallon"));
    CHECK(entity_name(doc, fallon).find("Fallon") != std::string::npos); // the head, not Clinton
    auto const& earnest = speaker_with(doc, "deeply concerned");
    CHECK(earnest.span == at(text, "White House press secretary Josh Earnest"));
    CHECK(entity_name(doc, earnest).find("Earnest") != std::string::npos);
}
