// libFuzzer target: the gazetteer TSV parser on arbitrary bytes. It never crashes; an error names
// a real line (1..number of lines) and a column inside it (1..code points + 1) and leaves the
// builder as it was; a file it accepts compiles into a gazetteer whose entities are well-formed
// and whose matches on the file's own text keep the match invariants.
#include "../invariants.hpp"

#include <byline/gazetteer.hpp>

#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void fail(char const* what, std::string const& detail) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) i += byline::detail::decode(s, i).length;
    return n;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const tsv(reinterpret_cast<char const*>(data), size);
    byline::gazetteer_builder builder;
    builder.add("before", "ORG", "Acme Corporation", "Acme");
    auto const before = builder.build();

    auto const error = builder.add_tsv(tsv, "fuzz.tsv");
    if (error) {
        std::size_t lines = 0; // as the parser counts them: a final newline ends the last line
        for (std::size_t pos = 0; pos < tsv.size(); ++lines) {
            auto const nl = tsv.find('\n', pos);
            pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
        }
        if (error->file != "fuzz.tsv") fail("error", "names the wrong file: " + error->to_string());
        if (error->line < 1 || error->line > lines) fail("error line out of range", error->to_string());
        std::size_t pos = 0;
        for (std::size_t l = 1; l < error->line; ++l) pos = tsv.find('\n', pos) + 1;
        auto const line = tsv.substr(pos, tsv.find('\n', pos) - pos);
        if (error->column < 1 || error->column > code_points(line) + 1)
            fail("error column out of range", error->to_string());
        if (error->message.empty()) fail("error", "has no message");
        auto const after = builder.build(); // a failed add_tsv adds nothing
        if (after.entity_count() != before.entity_count() || after.alias_count() != before.alias_count())
            fail("failed add_tsv", "changed the builder");
        return 0;
    }

    auto const g = builder.build();
    if (g.entity_count() < before.entity_count()) fail("gazetteer", "lost entities");
    if (g.entity(0).id != "before" || g.entity(0).name != "Acme Corporation") fail("gazetteer", "first entity changed");
    for (std::uint32_t e = 0; e < g.entity_count(); ++e) {
        auto const info = g.entity(e);
        if (info.id.empty() || info.type.empty()) fail("gazetteer", "entity " + std::to_string(e) + " has an empty id or type");
    }
    // Matching the file's own bytes: its aliases occur in it.
    auto const at = byline_test::boundaries(tsv);
    std::vector<byline::byte_span> spans;
    for (auto const& m : g.matches(tsv)) {
        if (m.entity >= g.entity_count()) fail("match", "refers to a missing entity");
        spans.push_back(m.span);
    }
    if (auto violation = byline_test::check_sequence("match", spans, at, tsv.size(), true))
        fail("invariant violated", *violation);
    return 0;
}
