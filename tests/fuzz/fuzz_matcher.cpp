// libFuzzer target: the gazetteer matcher. The input is "alias\nalias\n...\x01text": the aliases
// (alias i belongs to entity i % 3) build a gazetteer, which is matched on the text under each
// overlap policy. Checks: matches in bounds, on code point boundaries, non-empty, in order,
// non-overlapping for the leftmost policies; each match's folded tokens equal its alias's (with
// the same spacing), an alias in capitals only matches no lower case letter; and both leftmost
// policies agree with a reference computed from the `all` matches.
#include "../invariants.hpp"

#include <byline/gazetteer.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {
[[noreturn]] void fail(char const* what, std::string const& detail) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
}

struct folded_token {
    std::string text;
    bool spaced;
    friend bool operator==(folded_token const&, folded_token const&) = default;
};

/// The folded tokens of `s` (the first token's spacing does not count) and whether `s` has upper
/// and lower case letters.
std::vector<folded_token> fold(std::string_view s, bool& has_upper, bool& has_lower) {
    byline::detail::tokenizer tz(s);
    byline::detail::raw_token tok;
    byline::detail::fold_buffer folded;
    std::vector<folded_token> out;
    has_upper = has_lower = false;
    while (tz.next(tok, folded)) {
        out.push_back({std::string(folded.view()), !out.empty() && tok.gap != byline::detail::token_gap::none});
        has_upper |= tok.has_upper;
        has_lower |= tok.has_lower;
    }
    return out;
}

std::string describe(byline::gazetteer_match const& m) {
    return "[" + std::to_string(m.span.begin) + ", " + std::to_string(m.span.end) + ") entity " +
           std::to_string(m.entity) + " alias " + std::to_string(m.alias);
}

/// Leftmost-longest or leftmost-first, derived from every match.
std::vector<byline::gazetteer_match> reference(std::vector<byline::gazetteer_match> const& all, bool longest) {
    std::vector<byline::gazetteer_match> out;
    std::size_t from = 0;
    for (std::size_t i = 0; i < all.size();) {
        if (all[i].span.begin < from) {
            ++i;
            continue;
        }
        auto const start = all[i].span.begin;
        auto best = all[i];
        for (; i < all.size() && all[i].span.begin == start; ++i) {
            auto const& m = all[i];
            bool const better = longest ? (m.span.end > best.span.end ||
                                           (m.span.end == best.span.end && m.alias < best.alias))
                                        : m.alias < best.alias;
            if (better) best = m;
        }
        out.push_back(best);
        from = best.span.end;
    }
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto const split = input.find('\x01');
    if (split == std::string_view::npos) return 0;
    std::string_view const text = input.substr(split + 1);

    std::vector<std::string_view> aliases;
    byline::gazetteer_builder builder;
    for (std::size_t pos = 0; pos < split;) {
        auto const nl = std::min(input.find('\n', pos), split);
        auto const alias = input.substr(pos, nl - pos);
        std::string const id(1, static_cast<char>('a' + aliases.size() % 3));
        builder.add(id, "T", alias); // the name is the entity's first alias, then more aliases
        aliases.push_back(alias);
        pos = nl + 1;
    }
    auto const g = builder.build();
    auto const at = byline_test::boundaries(text);

    auto check = [&](std::vector<byline::gazetteer_match> const& matches, bool disjoint) {
        std::vector<byline::byte_span> spans;
        for (std::size_t i = 0; i < matches.size(); ++i) {
            auto const& m = matches[i];
            spans.push_back(m.span);
            if (m.alias >= aliases.size()) fail("match", "refers to a missing alias: " + describe(m));
            auto const entity = g.entity(m.entity).id;
            if (entity.size() != 1 || static_cast<std::size_t>(entity[0] - 'a') != m.alias % 3)
                fail("match", "entity is not its alias's: " + describe(m));
            if (i > 0 && !disjoint && matches[i - 1].span.begin == m.span.begin && matches[i - 1].span.end > m.span.end)
                fail("match", "same start not ordered by end: " + describe(m));
        }
        if (auto violation = byline_test::check_sequence("match", spans, at, text.size(), disjoint))
            fail("invariant violated", *violation);
        for (auto const& m : matches) {
            bool alias_upper = false, alias_lower = false, text_upper = false, text_lower = false;
            auto const want = fold(aliases[m.alias], alias_upper, alias_lower);
            auto const got = fold(m.span.in(text), text_upper, text_lower);
            if (want != got) fail("match", "folded text differs from the folded alias: " + describe(m));
            if (alias_upper && !alias_lower && text_lower)
                fail("match", "an alias in capitals matched lower case: " + describe(m));
        }
    };

    auto const all = g.matches<byline::overlap::all>(text);
    check(all, false);
    auto const longest = g.matches<byline::overlap::leftmost_longest>(text);
    check(longest, true);
    if (longest != reference(all, true)) fail("leftmost_longest", "differs from the reference");
    auto const first = g.matches<byline::overlap::leftmost_first>(text);
    check(first, true);
    if (first != reference(all, false)) fail("leftmost_first", "differs from the reference");
    return 0;
}
