// Whole-pipeline throughput (byline::default_pipeline: sentences, entities, names, quotes) and the
// quote stage on its own, one thread.
//
// The "seeds" input is the seed articles joined by blank lines and repeated to about 50 MB; it is
// annotated article by article (each chunk is exactly one seed article, in the order and with the
// lengths the input was built from), reusing one document, as a server annotating a stream would.
#include "bench.hpp"

#include <byline/byline.hpp>

#include <algorithm>
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

void run(bench::context const& ctx) {
    std::string const& text = bench::input(ctx, "seeds");
    auto const lengths = bench::seed_article_lengths(ctx);
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
    bench::report(ctx, "pipeline", "byline", "seeds", whole,
                  "\"articles\": " + std::to_string(articles) + ", \"quotes\": " + std::to_string(quotes));

    // The quote stage alone, on bare text (no sentences or entities from earlier stages).
    byline::quote_finder const finder;
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
