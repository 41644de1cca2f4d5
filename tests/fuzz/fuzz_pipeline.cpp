// libFuzzer target: the whole default pipeline on arbitrary bytes keeps every invariant.
#include "../invariants.hpp"

#include <byline/byline.hpp>

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    static byline::default_pipeline const pipeline;
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    auto const doc = pipeline(text);
    if (auto violation = byline_test::check_document(doc)) {
        std::fprintf(stderr, "invariant violated: %s\n", violation->c_str());
        std::abort();
    }
    return 0;
}
