// One pipeline (and the compiled gazetteer inside it) shared by several threads gives each thread
// the same results as a single-threaded run. CI runs this under ThreadSanitizer (preset tsan).
#include "invariants.hpp"

#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace {
std::vector<std::string> seed_articles() {
    std::vector<std::string> texts;
    for (auto const& e : std::filesystem::directory_iterator(BYLINE_TEST_DATA)) {
        if (e.path().extension() != ".txt") continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        texts.push_back(s.str());
    }
    return texts;
}

bool same(byline::document const& a, byline::document const& b) {
    if (a.sentences != b.sentences || a.mentions.size() != b.mentions.size() || a.quotes.size() != b.quotes.size())
        return false;
    for (std::size_t i = 0; i < a.mentions.size(); ++i)
        if (a.mentions[i].span != b.mentions[i].span ||
            a.entities[a.mentions[i].entity].id != b.entities[b.mentions[i].entity].id)
            return false;
    for (std::size_t i = 0; i < a.quotes.size(); ++i)
        if (a.quotes[i].span != b.quotes[i].span || a.quotes[i].kind != b.quotes[i].kind ||
            a.quotes[i].said_by.has_value() != b.quotes[i].said_by.has_value() ||
            (a.quotes[i].said_by && a.quotes[i].said_by->span != b.quotes[i].said_by->span))
            return false;
    return true;
}
} // namespace

TEST_CASE("threads: one shared pipeline gives every thread the single-threaded results") {
    auto const texts = seed_articles();
    REQUIRE(texts.size() == 4);
    byline::default_pipeline const shared;
    std::vector<byline::document> expected;
    for (auto const& t : texts) expected.push_back(shared(t));

    constexpr int thread_count = 4;
    std::vector<int> mismatches(thread_count, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t] {
            byline::document doc; // each thread reuses its own document
            for (int round = 0; round < 5; ++round)
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    shared.annotate(texts[(i + static_cast<std::size_t>(t)) % texts.size()], doc);
                    if (!same(doc, expected[(i + static_cast<std::size_t>(t)) % texts.size()])) ++mismatches[static_cast<std::size_t>(t)];
                }
        });
    }
    for (auto& th : threads) th.join();
    for (int m : mismatches) CHECK(m == 0);
}

TEST_CASE("threads: default pipelines built concurrently share the embedded data safely") {
    std::string const text = "Zelensky met the UN chief in Mexico. \u201CWe will win,\u201D he said.";
    std::vector<std::thread> threads;
    std::vector<std::size_t> sentence_counts(4, 0);
    for (std::size_t t = 0; t < 4; ++t)
        threads.emplace_back([&, t] { sentence_counts[t] = byline::default_pipeline{}(text).sentences.size(); });
    for (auto& th : threads) th.join();
    for (auto n : sentence_counts) CHECK(n == 2);
}

TEST_CASE("threads: configured stages (user gazetteer, abbreviations, extra cues) are shared and copied safely") {
    auto texts = seed_articles();
    texts.push_back("Gov. Ada Quux of Example Corp. quipped: \u201CNo.\u201D Example Corp. lashed out at rivals. "
                    "\u201CNever,\u201D Quux said.");
    byline::gazetteer_builder builder;
    builder.add("example", "ORG", "Example Corp.", "Example");
    builder.add("quux", "PERSON", "Ada Quux", "Quux");
    REQUIRE_FALSE(builder.add_default());
    byline::quote_options options;
    options.extra_cues = {"quipped", "lashed out at"};
    using configured = byline::pipeline<byline::sentence_splitter, byline::entity_matcher, byline::name_finder,
                                        byline::quote_finder>;
    configured const shared(byline::sentence_splitter{}.with_abbreviations({"Gov."}, byline::abbreviation_kind::title),
                            byline::entity_matcher(builder.build()), byline::name_finder{},
                            byline::quote_finder(options));
    std::vector<byline::document> expected;
    for (auto const& t : texts) {
        expected.push_back(shared(t));
        CHECK_FALSE(byline_test::check_document(expected.back()));
    }

    constexpr std::size_t thread_count = 4;
    std::vector<int> mismatches(thread_count, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t] {
            configured const copy = shared; // copies share the compiled tables
            byline::document doc;
            for (int round = 0; round < 3; ++round)
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    auto const k = (i + t) % texts.size();
                    (t % 2 == 0 ? shared : copy).annotate(texts[k], doc);
                    if (!same(doc, expected[k])) ++mismatches[t];
                }
        });
    }
    for (auto& th : threads) th.join();
    for (int m : mismatches) CHECK(m == 0);
}
