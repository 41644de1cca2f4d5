#include "bench.hpp"

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>

namespace bench {
namespace {

std::vector<std::pair<std::string, std::function<void(context const&)>>>& registry() {
    static std::vector<std::pair<std::string, std::function<void(context const&)>>> r;
    return r;
}

std::string slurp(std::filesystem::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string repeat_to(std::string const& unit, std::size_t bytes) {
    std::string out;
    if (unit.empty()) return out;
    out.reserve(bytes + unit.size());
    while (out.size() < bytes) out += unit;
    return out;
}

} // namespace

registration::registration(char const* stage, std::function<void(context const&)> run) {
    registry().emplace_back(stage, std::move(run));
}

void report(context const& ctx, std::string_view stage, std::string_view impl, std::string_view input,
            double mb_per_s, std::string_view extra_json) {
    if (ctx.json) {
        std::printf("{\"stage\": \"%.*s\", \"impl\": \"%.*s\", \"input\": \"%.*s\", \"mb_per_s\": %.1f%s%.*s}\n",
                    static_cast<int>(stage.size()), stage.data(), static_cast<int>(impl.size()), impl.data(),
                    static_cast<int>(input.size()), input.data(), mb_per_s, extra_json.empty() ? "" : ", ",
                    static_cast<int>(extra_json.size()), extra_json.data());
    } else {
        std::printf("%-10.*s %-10.*s %-12.*s %9.1f MB/s %.*s\n", static_cast<int>(stage.size()), stage.data(),
                    static_cast<int>(impl.size()), impl.data(), static_cast<int>(input.size()), input.data(),
                    mb_per_s, static_cast<int>(extra_json.size()), extra_json.data());
    }
    std::fflush(stdout);
}

namespace {
/// The .txt files of an input, in the order input() concatenates them.
std::vector<std::filesystem::path> input_files(context const& ctx, std::string const& name) {
    if (name != "seeds" && ctx.shared_dir.empty()) return {};
    auto const dir = name == "seeds" ? std::filesystem::path(ctx.data_dir)
                                     : std::filesystem::path(ctx.shared_dir) / "corpora" / name;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(dir))
        for (auto const& e : std::filesystem::directory_iterator(dir))
            if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}
constexpr std::string_view article_separator = "\n\n";
} // namespace

std::string const& input(context const& ctx, std::string const& name) {
    static std::map<std::string, std::string> cache;
    auto& text = cache[name];
    if (!text.empty()) return text;
    std::string unit;
    for (auto const& f : input_files(ctx, name)) (unit += slurp(f)) += article_separator;
    text = repeat_to(unit, ctx.target_bytes);
    return text;
}

std::vector<std::size_t> article_lengths(context const& ctx, std::string const& name) {
    std::vector<std::size_t> lengths;
    for (auto const& f : input_files(ctx, name))
        lengths.push_back(static_cast<std::size_t>(std::filesystem::file_size(f)) + article_separator.size());
    return lengths;
}

} // namespace bench

int main(int argc, char** argv) {
    bench::context ctx;
    ctx.data_dir = BYLINE_BENCH_DATA;
    ctx.shared_dir = BYLINE_BENCH_SHARED;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        std::string_view const a = argv[i];
        if (a == "--json") ctx.json = true;
        else if (a == "--only" && i + 1 < argc) only = argv[++i];
        else if (a == "--shared" && i + 1 < argc) ctx.shared_dir = argv[++i];
        else if (a == "--mb" && i + 1 < argc) ctx.target_bytes = std::stoul(argv[++i]) << 20;
        else {
            std::fprintf(stderr, "usage: byline-bench [--json] [--only STAGE] [--mb N] [--shared DIR]\n");
            return 2;
        }
    }
    if (!std::filesystem::is_directory(ctx.shared_dir)) ctx.shared_dir.clear();
    for (auto const& [stage, run] : bench::registry())
        if (only.empty() || only == stage) run(ctx);
}
