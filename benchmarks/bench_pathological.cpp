// Pathological inputs against ordinary news of the same size: the time-per-MB ratio must stay
// near 1 (linear time). Reports each input's MB/s and its ratio to the news baseline.
#include "bench.hpp"

#include <byline/byline.hpp>

namespace {

std::string repeat(std::string_view unit, std::size_t bytes) {
    std::string out;
    out.reserve(bytes + unit.size());
    while (out.size() < bytes) out += unit;
    return out;
}

void run(bench::context const& ctx) {
    std::size_t const size = std::min<std::size_t>(ctx.target_bytes / 5, std::size_t{10} << 20);
    byline::default_pipeline const pipeline;
    byline::document doc;
    auto measure = [&](std::string const& text) {
        return bench::throughput(text.size(), 2, [&] { pipeline.annotate(text, doc); });
    };
    std::string const news = bench::input(ctx, "seeds").substr(0, size);
    double const baseline = measure(news);
    bench::report(ctx, "pathological", "byline", "news", baseline, "\"ratio\": 1.00");
    std::pair<char const*, std::string> const inputs[] = {
        {"no_space", repeat("x", size)},
        {"quote_marks", repeat("\u201C\"\u2019", size)},
        {"periods", repeat(".", size)},
        {"nested_brackets", repeat("(", 100000) + repeat(")", 100000)},
        {"alias_repeated", repeat("Mexico ", size)},
        {"invalid_utf8", repeat("\xFF\xC0\xAF\xED\xA0\x80\x80", size)},
        {"truncated_utf8", repeat("\xE2\x80 \xF0\x9F\x98.", size)},
        {"bom_then_news", "\xEF\xBB\xBF" + news},
        {"nul_bytes", repeat(std::string_view("a\0b. ", 5), size)},
        {"crlf", repeat("A line.\r\n", size)},
        {"lone_cr", repeat("A line.\r", size)},
        {"one_100mb_line", repeat("word, ", std::size_t{100} << 20)},
    };
    auto report = [&ctx](char const* name, double mb_per_s, double against) {
        // ratio > 1 means slower per MB than news
        char extra[64];
        std::snprintf(extra, sizeof extra, "\"ratio\": %.2f", against / mb_per_s);
        bench::report(ctx, "pathological", "byline", name, mb_per_s, extra);
    };
    for (auto const& [name, text] : inputs) report(name, measure(text), baseline);

    // A user gazetteer whose longest alias repeats one word, on a text repeating that word:
    // a walk of the trie from every word would cost the longest alias (detail::max_alias_tokens)
    // per word; the matcher's suffix links make it one transition.
    std::string longest;
    for (std::size_t i = 1; i < byline::detail::max_alias_tokens; ++i) longest += "Mexico ";
    longest += "City";
    byline::gazetteer_builder builder;
    builder.add("longest", "GPE", longest);
    (void)builder.add_default();
    byline::default_pipeline const with_user(byline::sentence_splitter{}, byline::entity_matcher(builder.build()),
                                             byline::name_finder{}, byline::quote_finder{});
    auto measure_user = [&](std::string const& text) {
        return bench::throughput(text.size(), 2, [&] { with_user.annotate(text, doc); });
    };
    double const user_baseline = measure_user(news);
    report("user_gazetteer_news", user_baseline, baseline);
    report("user_gazetteer_alias_repeated", measure_user(repeat("Mexico ", size)), user_baseline);
}

bench::registration const registered("pathological", run);

} // namespace
