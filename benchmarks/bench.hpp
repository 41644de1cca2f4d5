#pragma once
// byline-bench: side-by-side throughput of byline and the peer each stage names.
// Each benchmarks/*.cpp registers its measurements; main runs them all (or --only STAGE).
#include <chrono>
#include <cstdio>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

struct context {
    std::string shared_dir; ///< ../shared, or "" when absent
    std::string data_dir;   ///< tests/data (the seed articles)
    std::size_t target_bytes = 50u << 20;
    bool json = false;
};

/// One line per measurement: a JSON object with --json, a readable line otherwise.
void report(context const& ctx, std::string_view stage, std::string_view impl, std::string_view input,
            double mb_per_s, std::string_view extra_json = {});

/// Best of `repeats` wall-clock runs of `fn` over `bytes` bytes, in MB/s (1 MB = 2^20 bytes).
template <class Fn>
double throughput(std::size_t bytes, int repeats, Fn&& fn) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        auto const t0 = std::chrono::steady_clock::now();
        fn();
        std::chrono::duration<double> const dt = std::chrono::steady_clock::now() - t0;
        best = dt.count() < best ? dt.count() : best;
    }
    return static_cast<double>(bytes) / (1 << 20) / best;
}

/// The named input, repeated to about ctx.target_bytes: "seeds" (tests/data) or a directory of
/// ctx.shared_dir/corpora ("gum_news", "quotes_polnear"); empty when it is absent.
std::string const& input(context const& ctx, std::string const& name);

/// Byte lengths of the articles that input(ctx, name) repeats, separator included, in order.
std::vector<std::size_t> article_lengths(context const& ctx, std::string const& name);

struct registration {
    registration(char const* stage, std::function<void(context const&)> run);
};

} // namespace bench
