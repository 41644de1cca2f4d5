// name_finder throughput, beside the cheapest scan that finds the same raw material: Hyperscan
// matching runs of capitalised words (UTF-8, Unicode classes), which does no classification,
// linking or lookups at all.
#include "bench.hpp"

#include <byline/byline.hpp>

#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <vector>

namespace {

/// name_finder article by article, as the pipeline runs it (sentences and gazetteer mentions
/// found beforehand, outside the measurement).
void run_articles(bench::context const& ctx) {
    std::string const& text = bench::input(ctx, "seeds");
    auto const lengths = bench::article_lengths(ctx, "seeds");
    if (text.empty() || lengths.empty()) return;
    std::vector<byline::document> prepared;
    for (std::size_t at = 0, i = 0; at < text.size(); i = (i + 1) % lengths.size()) {
        std::size_t const n = std::min(lengths[i], text.size() - at);
        auto& doc = prepared.emplace_back();
        doc.reset(std::string_view(text).substr(at, n));
        byline::sentence_splitter{}.annotate(doc);
        byline::entity_matcher{}.annotate(doc);
        at += n;
    }
    byline::name_finder const finder;
    std::size_t mentions = 0;
    double best = 1e300;
    for (int repeat = 0; repeat < 3; ++repeat) {
        auto docs = prepared; // untimed: each repeat starts from the same earlier stages
        auto const t0 = std::chrono::steady_clock::now();
        mentions = 0;
        for (auto& doc : docs) {
            finder.annotate(doc);
            mentions += doc.mentions.size();
        }
        std::chrono::duration<double> const dt = std::chrono::steady_clock::now() - t0;
        best = std::min(best, dt.count());
    }
    double const names = static_cast<double>(text.size()) / (1 << 20) / best;
    char extra[96];
    std::snprintf(extra, sizeof extra, "\"articles\": %zu, \"mentions\": %zu", prepared.size(), mentions);
    bench::report(ctx, "names", "byline", "seeds-articles", names, extra);
}

void run(bench::context const& ctx) {
    run_articles(ctx);
    for (char const* name : {"seeds", "gum_news"}) {
        auto const& text = bench::input(ctx, name);
        if (text.empty()) continue;

        byline::document doc;
        doc.text = text;
        byline::sentence_splitter{}.annotate(doc);
        byline::name_finder const finder;
        std::size_t mentions = 0;
        double const names = bench::throughput(text.size(), 3, [&] {
            doc.mentions.clear();
            doc.entities.clear();
            finder.annotate(doc);
            mentions = doc.mentions.size();
        });
        char extra[96];
        std::snprintf(extra, sizeof extra, "\"mentions\": %zu, \"entities\": %zu", mentions, doc.entities.size());
        bench::report(ctx, "names", "byline", name, names, extra);

        byline::default_pipeline const pipeline;
        double const whole = bench::throughput(text.size(), 3, [&] { pipeline.annotate(text, doc); });
        bench::report(ctx, "names", "pipeline", name, whole);

        hs_database_t* db = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_compile(R"(\p{Lu}\w+(?:[ \t]+\p{Lu}\w+)+)", HS_FLAG_UTF8 | HS_FLAG_UCP, HS_MODE_BLOCK, nullptr, &db, &err) !=
            HS_SUCCESS) {
            std::fprintf(stderr, "hyperscan: %s\n", err->message);
            hs_free_compile_error(err);
            continue;
        }
        hs_scratch_t* scratch = nullptr;
        hs_alloc_scratch(db, &scratch);
        std::size_t matches = 0;
        auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* count) -> int {
            ++*static_cast<std::size_t*>(count);
            return 0;
        };
        double const peer = bench::throughput(text.size(), 3, [&] {
            matches = 0;
            hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &matches);
        });
        std::snprintf(extra, sizeof extra, "\"matches\": %zu", matches);
        bench::report(ctx, "names", "hyperscan", name, peer, extra);
        hs_free_scratch(scratch);
        hs_free_database(db);
    }
}

static bench::registration r("names", run);

} // namespace
