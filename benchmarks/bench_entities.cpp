// Gazetteer matching: byline's matcher (folding, word boundaries, leftmost-longest) against
// Intel Hyperscan's literal matcher (caseless, start of match, every match) on the same aliases
// (../shared/bench/gazetteer_50k.tsv) and the same input; byline's longest-first policy too.
// Also: build time and bytes per alias, and a synthetic 1M-alias gazetteer built from the 50k one.
#include "bench.hpp"

#include <byline/gazetteer.hpp>

#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string slurp(std::filesystem::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

/// The third field of each `id TAB type TAB alias` line, without duplicates.
std::vector<std::string> aliases_of(std::string const& tsv) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    std::istringstream in(tsv);
    for (std::string line; std::getline(in, line);) {
        auto const t1 = line.find('\t');
        auto const t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string::npos) continue;
        auto alias = line.substr(t2 + 1, line.find('\t', t2 + 1) - t2 - 1);
        if (seen.insert(alias).second) out.push_back(std::move(alias));
    }
    return out;
}

struct built {
    byline::gazetteer g;
    double ms;
};

built build_byline(std::string const& tsv) {
    auto const t0 = std::chrono::steady_clock::now();
    byline::gazetteer_builder b;
    if (auto err = b.add_tsv(tsv, "gazetteer")) std::fprintf(stderr, "%s\n", err->to_string().c_str());
    auto g = b.build();
    return {std::move(g), seconds_since(t0) * 1000};
}

/// 1M aliases: each 50k line repeated with 20 qualifiers ("North Springfield", ...).
std::string synthetic_1m(std::string const& tsv) {
    static constexpr char const* qualifiers[] = {"North", "South", "East", "West", "Upper", "Lower", "New", "Old",
                                                 "Greater", "Little", "Saint", "Port", "Fort", "Mount", "Lake",
                                                 "Central", "Grand", "Royal", "Free", "Outer"};
    std::string out;
    out.reserve(tsv.size() * 24);
    std::istringstream in(tsv);
    for (std::string line; std::getline(in, line);) {
        auto const t1 = line.find('\t');
        auto const t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string::npos) continue;
        for (auto const* q : qualifiers)
            out.append(q).append(":").append(line, 0, t2 + 1).append(q).append(" ").append(line, t2 + 1).append("\n");
    }
    return out;
}

/// Hyperscan's database of the same aliases: caseless literals with start of match.
struct hyperscan {
    hs_database_t* db = nullptr;
    hs_scratch_t* scratch = nullptr;
    double build_ms = 0;
    std::size_t bytes = 0;

    explicit hyperscan(std::vector<std::string> const& aliases) {
        std::vector<char const*> exprs;
        std::vector<std::size_t> lens;
        std::vector<unsigned> flags, ids;
        for (std::size_t i = 0; i < aliases.size(); ++i) {
            exprs.push_back(aliases[i].data());
            lens.push_back(aliases[i].size());
            flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST);
            ids.push_back(static_cast<unsigned>(i));
        }
        hs_compile_error_t* error = nullptr;
        auto const t0 = std::chrono::steady_clock::now();
        if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                                 static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                                 &error) != HS_SUCCESS) {
            std::fprintf(stderr, "hyperscan: %s\n", error->message);
            hs_free_compile_error(error);
            return;
        }
        build_ms = seconds_since(t0) * 1000;
        hs_database_size(db, &bytes);
        hs_alloc_scratch(db, &scratch);
    }
    ~hyperscan() {
        hs_free_scratch(scratch);
        hs_free_database(db);
    }
    hyperscan(hyperscan const&) = delete;
    hyperscan& operator=(hyperscan const&) = delete;

    std::size_t count(std::string const& text) const {
        std::size_t matches = 0;
        auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* n) -> int {
            ++*static_cast<std::size_t*>(n);
            return 0;
        };
        hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &matches);
        return matches;
    }
};

void run(bench::context const& ctx) {
    auto const path = std::filesystem::path(ctx.shared_dir) / "bench" / "gazetteer_50k.tsv";
    if (!std::filesystem::exists(path)) {
        std::printf("entities: %s absent, skipped\n", path.c_str());
        return;
    }
    auto const tsv = slurp(path);
    auto const& text = bench::input(ctx, "seeds");
    auto const aliases = aliases_of(tsv);

    // Builds, best of 3 for byline and of 2 for Hyperscan (whose compile takes seconds).
    built b = build_byline(tsv);
    for (int i = 0; i < 2; ++i) {
        auto again = build_byline(tsv);
        if (again.ms < b.ms) b = std::move(again);
    }
    auto hs = std::make_unique<hyperscan>(aliases);
    if (hs->db == nullptr) return;
    {
        auto again = std::make_unique<hyperscan>(aliases);
        if (again->db != nullptr && again->build_ms < hs->build_ms) hs = std::move(again);
    }

    // Scans, alternating the two so that both see the same machine load; best of 5 each.
    std::size_t byline_matches = 0, hs_matches = 0;
    double byline_mb_s = 0, hs_mb_s = 0;
    for (int round = 0; round < 5; ++round) {
        byline_mb_s = std::max(byline_mb_s, bench::throughput(text.size(), 1, [&] {
            byline_matches = 0;
            b.g.find(text, [&](byline::gazetteer_match const&) { ++byline_matches; });
        }));
        hs_mb_s = std::max(hs_mb_s, bench::throughput(text.size(), 1, [&] { hs_matches = hs->count(text); }));
    }

    char extra[256];
    std::snprintf(extra, sizeof extra,
                  "\"build_ms\": %.1f, \"aliases\": %zu, \"bytes_per_alias\": %.1f, \"matches\": %zu", b.ms,
                  b.g.alias_count(), static_cast<double>(b.g.memory_bytes()) / static_cast<double>(b.g.alias_count()),
                  byline_matches);
    bench::report(ctx, "entities", "byline", "seeds", byline_mb_s, extra);
    std::snprintf(extra, sizeof extra,
                  "\"build_ms\": %.1f, \"aliases\": %zu, \"bytes_per_alias\": %.1f, \"matches\": %zu", hs->build_ms,
                  aliases.size(), static_cast<double>(hs->bytes) / static_cast<double>(aliases.size()), hs_matches);
    bench::report(ctx, "entities", "hyperscan", "seeds", hs_mb_s, extra);
    std::snprintf(extra, sizeof extra, "\"matching_speedup\": %.2f, \"build_speedup\": %.2f", byline_mb_s / hs_mb_s,
                  hs->build_ms / b.ms);
    bench::report(ctx, "entities", "byline/hyperscan", "seeds", byline_mb_s / hs_mb_s, extra);

    // overlap::longest_first, the contract's rule that entity_matcher uses: every candidate is
    // collected and resolved per cluster of overlaps instead of skipping past each match.
    std::size_t longest_first_matches = 0;
    double longest_first_mb_s = 0;
    for (int round = 0; round < 3; ++round)
        longest_first_mb_s = std::max(longest_first_mb_s, bench::throughput(text.size(), 1, [&] {
            longest_first_matches = 0;
            b.g.find<byline::overlap::longest_first>(text, [&](byline::gazetteer_match const&) { ++longest_first_matches; });
        }));
    std::snprintf(extra, sizeof extra, "\"matches\": %zu, \"vs_leftmost_longest\": %.2f", longest_first_matches,
                  longest_first_mb_s / byline_mb_s);
    bench::report(ctx, "entities", "byline-longest-first", "seeds", longest_first_mb_s, extra);

    // Scale: a 1M-alias gazetteer.
    auto const big = synthetic_1m(tsv);
    auto const large = build_byline(big);
    std::size_t large_matches = 0;
    double const large_mb_s = bench::throughput(text.size(), 3, [&] {
        large_matches = 0;
        large.g.find(text, [&](byline::gazetteer_match const&) { ++large_matches; });
    });
    std::snprintf(extra, sizeof extra,
                  "\"build_ms\": %.1f, \"aliases\": %zu, \"bytes_per_alias\": %.1f, \"matches\": %zu", large.ms,
                  large.g.alias_count(),
                  static_cast<double>(large.g.memory_bytes()) / static_cast<double>(large.g.alias_count()), large_matches);
    bench::report(ctx, "entities", "byline-1M", "seeds", large_mb_s, extra);
}

bench::registration const registered("entities", run);

} // namespace
