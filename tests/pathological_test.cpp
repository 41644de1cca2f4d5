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
        repeat("Mexico", size),                       // an alias back to back
        repeat("\xFF", size),                         // invalid bytes only
        repeat("said ", size),                        // cue words only
    };
    for (auto const& text : degenerate) {
        double const t = seconds_for(text);
        INFO("first bytes: " << text.substr(0, 8) << " time " << t << " s against " << baseline << " s");
        // Generous: catches quadratic behaviour (which would take minutes), not noise.
        CHECK(t < 20 * baseline + 0.5);
    }
}
