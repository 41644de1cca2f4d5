// Regression tests for defects the fuzz targets (tests/fuzz) found: each input is the minimised
// finding, and each check is the invariant it broke plus the exact expected result.
#include "invariants.hpp"

#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

TEST_CASE("fuzz_quotes: the second piece of a split quote after an unopened first piece excludes the speaker") {
    // The first piece has lost its opening mark; the second, too short for a whole quote, used
    // to be widened to the sentence start and so covered the speaker and the first piece.
    std::string_view const text = "We will,\xE2\x80\x9D said Jane Doe, the mayor, \xE2\x80\x9Cwin this.\xE2\x80\x9D She left.";
    byline::document doc;
    doc.text = text;
    doc.quotes = byline::quote_finder{}.find(text);
    CHECK_FALSE(byline_test::check_quotes(doc, byline_test::boundaries(text)));
    REQUIRE(doc.quotes.size() == 2);
    CHECK(doc.quotes[1].span == byline::byte_span{41, 50}); // win this.
    REQUIRE(doc.quotes[1].said_by);
    CHECK(doc.quotes[1].said_by->span == byline::byte_span{17, 25}); // Jane Doe
}

TEST_CASE("fuzz_sentences: an abbreviation before a closing mark glued to a word reads that word, not the text's first") {
    // "no.)thing": the look-ahead left the next word's position at 0, so the decision read the
    // first word of the whole text ("The", a sentence starter) and split; a stream, which has
    // dropped that text, did not. Now the glued word decides, in both.
    std::string_view const text = "The cat sat. We saw no.)thing here.";
    std::vector<byline::byte_span> const expected{{0, 12}, {13, 35}};
    CHECK(byline::split_sentences(text) == expected);
    for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
        byline::sentence_stream stream;
        std::vector<byline::byte_span> streamed;
        for (std::size_t pos = 0; pos < text.size(); pos += chunk)
            stream.feed(text.substr(pos, chunk), [&](byline::byte_span s) { streamed.push_back(s); });
        stream.finish([&](byline::byte_span s) { streamed.push_back(s); });
        CHECK(streamed == expected);
    }
}

TEST_CASE("fuzz_pipeline: a closing mark that continues a quote from the paragraph start reads no token before it") {
    // The quote runs from the paragraph start (no opening mark), and the subject-as-source rule
    // looked for the sentence start before the missing opening mark: index -1 (UBSan).
    std::string_view const text("S said:\nd\0s\xE2\x80\x9D", 14);
    auto const doc = byline::default_pipeline{}(text);
    auto const violation = byline_test::check_document(doc);
    INFO(violation.value_or(""));
    CHECK_FALSE(violation);
}

TEST_CASE("fuzz_pipeline: a quote widened to its reported content still holds the quoted words") {
    // The widening ran from the cue's content to the end of the sentence, which ended before the
    // quoted words: the quote was the bytes "\x94 \u201C." with no word at all.
    std::string_view const text = "he said\x94 \xE2\x80\x9C.\n\xE2\x80\x9CY";
    auto const doc = byline::default_pipeline{}(text);
    auto const violation = byline_test::check_document(doc);
    INFO(violation.value_or(""));
    CHECK_FALSE(violation);
}

namespace {
std::vector<std::string> corpus(std::string const& target) {
    std::vector<std::string> inputs;
    for (auto const& e : std::filesystem::directory_iterator(std::string(BYLINE_TEST_DATA) + "/../fuzz/corpus/" + target)) {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        inputs.push_back(s.str());
    }
    return inputs;
}
} // namespace

TEST_CASE("fuzz corpora: every seed and finding keeps the invariants, and streaming equals the whole split") {
    // The fuzz inputs carry a prefix (fuzz_sentences: chunk sizes; fuzz_quotes: options); the
    // text checks here use each input whole, which is a text like any other.
    auto const sentence_inputs = corpus("fuzz_sentences");
    REQUIRE(sentence_inputs.size() >= 20);
    for (auto const& text : sentence_inputs) {
        auto const whole = byline::split_sentences(text);
        CHECK_FALSE(byline_test::check_sentences(text, whole));
        for (std::size_t const chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64}, std::size_t{255}}) {
            byline::sentence_stream stream;
            std::vector<byline::byte_span> streamed;
            std::string_view const view(text);
            for (std::size_t pos = 0; pos < view.size(); pos += chunk)
                stream.feed(view.substr(pos, chunk), [&](byline::byte_span s) { streamed.push_back(s); });
            stream.finish([&](byline::byte_span s) { streamed.push_back(s); });
            INFO("chunk " << chunk << ", text of " << text.size() << " bytes");
            CHECK(streamed == whole);
        }
    }
    byline::default_pipeline const pipeline;
    for (auto const* target : {"fuzz_pipeline", "fuzz_quotes"})
        for (auto const& text : corpus(target)) {
            auto const violation = byline_test::check_document(pipeline(text));
            INFO(target << ": " << violation.value_or(""));
            CHECK_FALSE(violation);
        }
}
