// Whole-pipeline throughput (byline::default_pipeline: sentences, entities, names, quotes) and the
// quote stage on its own, one thread; and the pipeline's time split by stage.
//
// The "seeds" input is the seed articles joined by blank lines and repeated to about 50 MB; it is
// annotated article by article (each chunk is exactly one seed article, in the order and with the
// lengths the input was built from), reusing one document, as a server annotating a stream would.
// Four articles repeated let the CPU's branch predictor learn much of the text, which a stream of
// distinct articles does not allow; so the pipeline also runs on PolNeAR's 84 distinct articles
// (from ../shared, when present), repeated the same way.
#include "bench.hpp"

#include <byline/byline.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

template <class Fn>
std::size_t for_each_article(std::string const& text, std::vector<std::size_t> const& lengths, Fn&& fn) {
    std::size_t articles = 0;
    for (std::size_t at = 0, i = 0; at < text.size(); ++articles, i = (i + 1) % lengths.size()) {
        std::size_t const n = std::min(lengths[i], text.size() - at);
        fn(std::string_view(text).substr(at, n));
        at += n;
    }
    return articles;
}

/// A stage that runs `S` and adds the time it took to `seconds`: wrapped around each default
/// stage, it splits the pipeline's time by stage, measured inside the pipeline itself (the
/// stages read each other's results, so a stage timed alone would see different input).
template <byline::stage S>
struct timed {
    S stage;
    double* seconds;
    void annotate(byline::document& doc) const {
        auto const t0 = std::chrono::steady_clock::now();
        stage.annotate(doc);
        *seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
};

void report_stage_shares(bench::context const& ctx, std::string const& text, std::vector<std::size_t> const& lengths) {
    std::array<double, 4> seconds{};
    byline::pipeline<timed<byline::sentence_splitter>, timed<byline::entity_matcher>, timed<byline::name_finder>,
                     timed<byline::quote_finder>> const
        split({{}, &seconds[0]}, {{}, &seconds[1]}, {{}, &seconds[2]}, {{}, &seconds[3]});
    byline::document doc;
    for (int repeat = 0; repeat < 3; ++repeat)
        for_each_article(text, lengths, [&](std::string_view article) { split.annotate(article, doc); });
    double const total = seconds[0] + seconds[1] + seconds[2] + seconds[3];
    char const* const names[] = {"sentences", "entities", "names", "quotes"};
    for (std::size_t i = 0; i < seconds.size(); ++i) {
        char extra[64];
        std::snprintf(extra, sizeof extra, "\"share\": %.3f", seconds[i] / total);
        bench::report(ctx, "pipeline-stage", names[i], "seeds", 3.0 * static_cast<double>(text.size()) / (1 << 20) / seconds[i],
                      extra);
    }
}

/// The default pipeline over the named input's articles one by one (best of three passes).
void report_pipeline(bench::context const& ctx, std::string const& name) {
    std::string const& text = bench::input(ctx, name);
    auto const lengths = bench::article_lengths(ctx, name);
    if (text.empty() || lengths.empty()) return;

    byline::default_pipeline const pipeline;
    byline::document doc;
    std::size_t quotes = 0;
    std::size_t articles = 0;
    double const whole = bench::throughput(text.size(), 3, [&] {
        quotes = 0;
        articles = for_each_article(text, lengths, [&](std::string_view article) {
            pipeline.annotate(article, doc);
            quotes += doc.quotes.size();
        });
    });
    bench::report(ctx, "pipeline", "byline", name, whole,
                  "\"articles\": " + std::to_string(articles) + ", \"quotes\": " + std::to_string(quotes));
}

void run(bench::context const& ctx) {
    report_pipeline(ctx, "seeds");
    report_pipeline(ctx, "quotes_polnear");

    std::string const& text = bench::input(ctx, "seeds");
    auto const lengths = bench::article_lengths(ctx, "seeds");
    if (text.empty() || lengths.empty()) return;

    report_stage_shares(ctx, text, lengths);

    // The quote stage alone, on bare text (no sentences or entities from earlier stages).
    byline::quote_finder const finder;
    byline::document doc;
    std::size_t quotes = 0;
    double const alone = bench::throughput(text.size(), 3, [&] {
        quotes = 0;
        for_each_article(text, lengths, [&](std::string_view article) {
            doc.reset(article);
            finder.annotate(doc);
            quotes += doc.quotes.size();
        });
    });
    bench::report(ctx, "quotes", "byline", "seeds", alone, "\"quotes\": " + std::to_string(quotes));
}

bench::registration const r("pipeline", run);

} // namespace
