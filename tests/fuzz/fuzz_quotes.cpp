// libFuzzer target: the quote finder and attributor, alone (no sentences or entities known) and
// after the sentence, entity and name stages, with fuzz-chosen options. Quotes, speakers and cues
// lie inside the text on code point boundaries, quotes are in order of start, a speaker or cue
// never overlaps its quote's content, and speaker entities exist.
// Input: 1 options byte, then the text.
#include "../invariants.hpp"

#include <byline/byline.hpp>

#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void fail(std::string const& detail) {
    std::fprintf(stderr, "invariant violated: %s\n", detail.c_str());
    std::abort();
}

byline::quote_options options_of(std::uint8_t bits) {
    byline::quote_options o;
    o.indirect = (bits & 1) == 0;
    o.carry_over = (bits & 2) == 0;
    o.default_cues = (bits & 4) == 0;
    if (bits & 8) o.extra_cues = {"quipped", "lashed out at", "said", "x"};
    o.max_block_paragraphs = bits >> 4; // 0..15
    return o;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);
    byline::quote_finder const finder(options_of(data[0]));

    byline::document alone;
    alone.text = text;
    alone.quotes = finder.find(text);
    if (auto violation = byline_test::check_quotes(alone, byline_test::boundaries(text)))
        fail("quote_finder alone: " + *violation);

    static byline::pipeline<byline::sentence_splitter, byline::entity_matcher, byline::name_finder> const before;
    byline::document doc = before(text);
    finder.annotate(doc);
    if (auto violation = byline_test::check_document(doc)) fail("after the other stages: " + *violation);
    return 0;
}
