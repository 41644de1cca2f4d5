#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {
// A user's own stage: counts sentences that end in a question mark, reading an earlier stage.
struct question_marker {
    std::size_t* questions;
    void annotate(byline::document& doc) const {
        for (auto const s : doc.sentences)
            if (s.in(doc.text).ends_with('?')) ++*questions;
    }
};
static_assert(byline::stage<question_marker>);
static_assert(byline::stage<byline::sentence_splitter>);
} // namespace

TEST_CASE("pipeline: a user stage sees the results of the stages before it") {
    std::size_t questions = 0;
    byline::pipeline<byline::sentence_splitter, question_marker> const p(byline::sentence_splitter{},
                                                                          question_marker{&questions});
    std::string const text = "Is it over? It is. Really?";
    auto const doc = p(text);
    CHECK(doc.sentences.size() == 3);
    CHECK(questions == 2);
}

TEST_CASE("pipeline: a reused document is reset between texts") {
    byline::default_pipeline const p;
    byline::document doc;
    p.annotate("One. Two. Three.", doc);
    CHECK(doc.sentences.size() == 3);
    p.annotate("Only one.", doc);
    REQUIRE(doc.sentences.size() == 1);
    CHECK(doc.sentences[0] == byline::byte_span{0, 9});
}
