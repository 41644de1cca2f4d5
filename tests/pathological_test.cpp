// Hostile and pathological input: every result keeps its invariants, and time stays linear.
#include "invariants.hpp"

#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

byline::default_pipeline const& pipeline() {
    static byline::default_pipeline const p;
    return p;
}

void require_invariants(std::string const& text) {
    auto const doc = pipeline()(text);
    auto const violation = byline_test::check_document(doc);
    INFO(violation.value_or(""));
    CHECK_FALSE(violation.has_value());
}

std::string repeat(std::string_view unit, std::size_t bytes) {
    std::string out;
    out.reserve(bytes + unit.size());
    while (out.size() < bytes) out += unit;
    return out;
}

double seconds_for(std::string const& text) {
    auto const t0 = std::chrono::steady_clock::now();
    auto const doc = pipeline()(text);
    std::chrono::duration<double> const dt = std::chrono::steady_clock::now() - t0;
    CHECK_FALSE(byline_test::check_document(doc).has_value());
    return dt.count();
}

} // namespace

TEST_CASE("pathological: empty and white-space-only input give empty results") {
    for (std::string const text : {"", " ", "\n\n\n", "\xC2\xA0\t \r\n"}) {
        auto const doc = pipeline()(text);
        CHECK(doc.sentences.empty());
        CHECK(doc.mentions.empty());
        CHECK(doc.quotes.empty());
    }
}

TEST_CASE("pathological: invalid UTF-8 of every kind keeps offsets on the caller's bytes") {
    std::string const cases[] = {
        "Truncated \xE2\x80 sequence. Next sentence.",
        "Overlong \xC0\xAF slash. Said \xE0\x80\xAF again.",
        "Surrogate \xED\xA0\x80 half. Done.",
        "Stray \x80\x81\xBF continuation. \"Quoted \xFF text,\" he said.",
        std::string("NUL\0bytes. Inside\0 text.", 25),
        "\xEF\xBB\xBFWith a BOM. Second.",
        "CRLF line.\r\nNext line.\r\n\r\nParagraph.",
        "Lone CR.\rNext.\r\rParagraph.",
        "\xF4\x90\x80\x80 above U+10FFFF. \xF8\x88\x80\x80\x80 five bytes.",
        "Ends in a truncated sequence \xF0\x9F\x98",
    };
    for (auto const& text : cases) require_invariants(text);
}

TEST_CASE("pathological: unbalanced quotation marks do not run to the end of the text") {
    require_invariants("\u201CNever closed. Then news.\n\nAnother paragraph said \u201D here. \u2018A \u201C\" \"\"\"");
}

TEST_CASE("pathological: quotation marks around no word quote nothing") {
    // 1 MB of marks gave 150,000 "partial" quotes of one apostrophe each (and 6x the time of news).
    for (std::string const& text : {repeat("\u201C\"\u2019", 1u << 20), std::string("\u201C\u2026\u201D \u201C?\u201D \"\" \u00AB \u00BB")}) {
        auto const doc = pipeline()(text);
        CHECK(doc.quotes.empty());
    }
}

TEST_CASE("pathological: degenerate inputs stay linear (time per MB near ordinary news)") {
    constexpr std::size_t size = 2u << 20;
    std::string const news = repeat(
        "The President of Ukraine, Volodimir Zelenski, asked Mexico on Thursday for support, "
        "according to a message he gave. \u201CWe will win,\u201D Zelensky said.\n\n",
        size);
    double const baseline = seconds_for(news);
    std::string const degenerate[] = {
        repeat("x", size),                            // no white space at all
        repeat("\u201C\"", size),                     // nothing but quotation marks
        repeat(".", size),                            // nothing but periods
        repeat("(", size / 2) + repeat(")", size / 2), // deep nesting
        repeat("Mexico", size),                       // an alias glued to itself: one long word
        repeat("Mexico ", size),                      // an alias back to back
        repeat("\xFF", size),                         // invalid bytes only
        repeat("\xE2\x80 \xF0\x9F\x98.", size),       // truncated sequences
        repeat("said ", size),                        // cue words only
        repeat(std::string_view("a\0b. ", 5), size),  // NUL bytes in sentences
        repeat("A line.\r\n", size),                 // CRLF line ends
        repeat("A line.\r", size),                   // lone CR line ends
        repeat("\u201CA,\u201D he said. ", size),      // short attributed quotes back to back
    };
    for (auto const& text : degenerate) {
        double const t = seconds_for(text);
        INFO("first bytes: " << text.substr(0, 8) << " time " << t << " s against " << baseline << " s");
        // Generous: catches quadratic behaviour (which would take minutes), not noise.
        CHECK(t < 20 * baseline + 0.5);
    }
}

TEST_CASE("pathological: a user gazetteer alias repeated back to back stays linear") {
    // A long alias made of one word repeated: the trie walk from every start costs the alias
    // length per word of a text that repeats that word, so aliases are capped in length.
    constexpr std::size_t size = 1u << 20;
    auto alias_of = [](std::size_t words) {
        std::string alias;
        for (std::size_t i = 0; i < words; ++i) alias += "Mexico ";
        return alias + "City";
    };
    byline::gazetteer_builder builder;
    builder.add("mx", "GPE", "Mexico", "Mexican Republic");
    builder.add("longest", "GPE", alias_of(byline::detail::max_alias_tokens - 1));
    builder.add("too-long", "GPE", alias_of(2000));
    auto const g = builder.build();
    CHECK(g.alias_count() == 3); // the 2001-token alias is refused
    byline::gazetteer_builder from_file;
    auto const error = from_file.add_tsv("x\tGPE\t" + alias_of(2000) + "\n", "long.tsv");
    REQUIRE(error);
    CHECK(error->to_string().starts_with("long.tsv:1:7: an alias needs"));
    byline::pipeline<byline::sentence_splitter, byline::entity_matcher, byline::name_finder, byline::quote_finder> const
        with_user(byline::sentence_splitter{}, byline::entity_matcher(g), byline::name_finder{}, byline::quote_finder{});
    auto timed = [&](std::string const& text) {
        auto const t0 = std::chrono::steady_clock::now();
        auto const doc = with_user(text);
        std::chrono::duration<double> const dt = std::chrono::steady_clock::now() - t0;
        auto const violation = byline_test::check_document(doc);
        INFO(violation.value_or(""));
        CHECK_FALSE(violation.has_value());
        return std::pair{dt.count(), doc.mentions.size()};
    };
    auto const [baseline, news_mentions] = timed(repeat("Mexican Republic officials met in Mexico on Monday. ", size));
    auto const [t, mentions] = timed(repeat("Mexico ", size));
    INFO("repeated alias " << t << " s against " << baseline << " s");
    CHECK(t < 20 * baseline + 0.5);
    CHECK(news_mentions > 0);
    CHECK(mentions == size / 7 + (size % 7 != 0)); // every "Mexico" is a mention of its own
}

TEST_CASE("pathological: a long unfinished sentence streamed in small chunks stays linear") {
    // sentence_stream used to rescan the unfinished sentence on every chunk: quadratic.
    std::string const text = repeat("word ", 4u << 20) + "end.";
    auto const t0 = std::chrono::steady_clock::now();
    auto const whole = byline::split_sentences(text);
    std::chrono::duration<double> const whole_time = std::chrono::steady_clock::now() - t0;

    auto const t1 = std::chrono::steady_clock::now();
    byline::sentence_stream stream;
    std::vector<byline::byte_span> streamed;
    std::string_view const view(text);
    for (std::size_t pos = 0; pos < view.size(); pos += 4096)
        stream.feed(view.substr(pos, 4096), [&](byline::byte_span s) { streamed.push_back(s); });
    stream.finish([&](byline::byte_span s) { streamed.push_back(s); });
    std::chrono::duration<double> const stream_time = std::chrono::steady_clock::now() - t1;

    CHECK(streamed == whole);
    REQUIRE(whole.size() == 1);
    INFO("streamed " << stream_time.count() << " s against " << whole_time.count() << " s whole");
    CHECK(stream_time.count() < 20 * whole_time.count() + 0.5);
}
