// libFuzzer target: the sentence splitter keeps its invariants on any bytes, and sentence_stream
// fed the same bytes in fuzz-chosen chunks gives exactly the whole-text sentences.
// Input: 1 byte k, then k chunk-size bytes (each a chunk length of 0..255), then the text.
#include "../invariants.hpp"

#include <byline/sentences.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {
[[noreturn]] void fail(char const* what, std::string const& detail) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t const chunk_count = std::min<std::size_t>(data[0] % 16, size - 1);
    std::vector<std::size_t> chunks(data + 1, data + 1 + chunk_count);
    std::string_view const text(reinterpret_cast<char const*>(data) + 1 + chunk_count, size - 1 - chunk_count);

    static byline::sentence_splitter const splitter;
    auto const whole = byline::split_sentences(text);
    if (auto violation = byline_test::check_sentences(text, whole)) fail("invariant violated", *violation);

    std::vector<byline::byte_span> lazy;
    for (byline::byte_span const s : splitter.split(text)) lazy.push_back(s);
    if (lazy != whole) fail("splitter view", "differs from split_sentences");

    byline::sentence_stream stream(splitter);
    std::vector<byline::byte_span> streamed;
    auto collect = [&](byline::byte_span s, std::string_view sentence) {
        if (sentence != s.in(text)) fail("sentence_stream", "sentence text is not the text at its span");
        streamed.push_back(s);
    };
    std::size_t pos = 0;
    // The chosen sizes cycle; a 0 feeds an empty chunk, which must be harmless.
    if (std::any_of(chunks.begin(), chunks.end(), [](std::size_t n) { return n != 0; }))
        for (std::size_t i = 0; pos < text.size(); ++i) {
            std::size_t const n = std::min(chunks[i % chunks.size()], text.size() - pos);
            stream.feed(text.substr(pos, n), collect);
            pos += n;
        }
    if (pos < text.size()) stream.feed(text.substr(pos), collect);
    stream.finish(collect);
    if (streamed != whole) {
        std::string detail = "whole " + std::to_string(whole.size()) + " sentences, streamed " +
                             std::to_string(streamed.size());
        for (std::size_t i = 0; i < std::min(whole.size(), streamed.size()); ++i)
            if (whole[i] != streamed[i]) {
                detail += "; first difference #" + std::to_string(i) + ": whole [" + std::to_string(whole[i].begin) +
                          ", " + std::to_string(whole[i].end) + ") streamed [" + std::to_string(streamed[i].begin) +
                          ", " + std::to_string(streamed[i].end) + ")";
                break;
            }
        fail("chunked differs from whole", detail);
    }
    // The stream resets after finish(): a second text gets offsets from 0 again.
    std::vector<byline::byte_span> again;
    stream.feed(text, [&](byline::byte_span s) { again.push_back(s); });
    stream.finish([&](byline::byte_span s) { again.push_back(s); });
    if (again != whole) fail("sentence_stream", "a reused stream differs from a fresh one");
    return 0;
}
