// Swap in your own abbreviations: at compile time with a policy type, at run time with
// with_abbreviations(). Prints how many sentences each splitter finds in FILE.
#include <byline/sentences.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

// A newsroom style that also abbreviates "Pct." (precinct) and "Cllr." (councillor, before a name).
struct newsroom_policy : byline::english_news {
    static constexpr auto abbreviation_table = byline::merge_abbreviations(
        byline::english_news::abbreviation_table,
        std::array<byline::abbreviation, 2>{{{"Pct.", byline::abbreviation_kind::number},
                                             {"Cllr.", byline::abbreviation_kind::title}}});
};

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: custom_abbreviations FILE\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string const text = buffer.str();

    byline::sentence_splitter const plain;
    byline::basic_sentence_splitter<newsroom_policy> const newsroom;
    auto const extended = plain.with_abbreviations({"Cllr.", "Dep."}, byline::abbreviation_kind::title);

    auto count = [&text](auto const& splitter) {
        std::size_t n = 0;
        for ([[maybe_unused]] byline::byte_span const s : splitter.split(text)) ++n;
        return n;
    };
    std::printf("default: %zu sentences\nnewsroom policy: %zu\nrun-time additions: %zu\n", count(plain),
                count(newsroom), count(extended));
    std::string_view const sample = "Cllr. Vega visited the 9th Pct. on Monday. Nobody came.";
    for (byline::byte_span const s : newsroom.split(sample))
        std::printf("  %.*s\n", static_cast<int>(s.size()), sample.data() + s.begin);
}
