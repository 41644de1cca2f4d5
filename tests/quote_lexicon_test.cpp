// The quote finder's lexicon shortcuts: the cue filter that spares most words a lookup, lookups
// at the text's end, and the simple-word path of the tokenizer against the general one.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using byline::detail::cue_table;
using byline::detail::no_entry;

std::string with_case(std::string_view w, bool capital, bool all) {
    std::string out(w);
    for (std::size_t i = 0; i < out.size(); ++i)
        if ((all || (capital && i == 0)) && out[i] >= 'a' && out[i] <= 'z') out[i] = static_cast<char>(out[i] - 32);
    return out;
}

} // namespace

TEST_CASE("cue lexicon: the cue filter passes every word that starts a cue, in any ASCII case") {
    cue_table const table(true, {"lambast", "lashed out at"});
    auto const view = table.lookup();
    std::size_t cues = 0;
    auto check = [&](std::string_view form) {
        auto const first = form.substr(0, form.find(' '));
        auto const* l = table.find(first);
        if (!l || !l->cue) return;
        ++cues;
        for (auto const& w : {std::string(first), with_case(first, true, false), with_case(first, false, true)}) {
            CHECK_MESSAGE(view.may_start_cue(w.data(), w.size(), w.size()), w);
            // inside a text: the bytes after the word are readable, and must not count
            std::string const text = w + "'s statement, quoted";
            CHECK_MESSAGE(view.may_start_cue(text.data(), w.size(), text.size()), w);
            CHECK(view.find(w.data(), w.size(), w.size()) != no_entry);
        }
    };
    for (auto const& e : byline::detail::default_cues) check(e.form);
    check("lambast");
    check("lashed out at");
    CHECK(cues > 500);
}

TEST_CASE("cue lexicon: a word at the very end of the text is looked up without reading past it") {
    cue_table const table(true, {});
    auto const view = table.lookup();
    std::string const text = "He said";
    // only the word's own bytes are readable: the lookup copies them to a padded buffer
    auto const at_end = view.find(text.data() + 3, 4, 4);
    REQUIRE(at_end != no_entry);
    CHECK(view[at_end].form == "said");
    CHECK(view.find(text.data(), 2, 2) == view.find(text.data(), 2, text.size())); // "He" either way
    std::string const longer = "Characterized"; // over 8 bytes: the second half of the key counts
    auto const found = view.find(longer.data(), longer.size(), longer.size());
    REQUIRE(found != no_entry);
    CHECK(view[found].form == "characterized");
    CHECK(view.find("characterizer", 13, 13) == no_entry);
}

TEST_CASE("quote tokens: simple words, their commas and periods, titles and initialisms") {
    using byline::detail::qtok;
    namespace d = byline::detail;
    std::string const line = "Smith said, Mr. Jones left. U.S. 2019 vote, e.g. x";
    std::vector<d::qtoken> toks;
    d::tokenize_line(line, 0, line.size(), toks);
    struct expected {
        std::size_t begin, end;
        qtok kind;
        std::uint8_t flags;
    };
    std::vector<expected> const want{
        {0, 5, qtok::word, d::w_ascii | d::w_cap},    {6, 10, qtok::word, d::w_ascii | d::w_lower},
        {10, 11, qtok::comma, 0},                     {12, 15, qtok::word, d::w_ascii | d::w_cap},
        {16, 21, qtok::word, d::w_ascii | d::w_cap},  {22, 26, qtok::word, d::w_ascii | d::w_lower},
        {26, 27, qtok::terminal, 0},                  {28, 32, qtok::word, d::w_ascii | d::w_cap},
        {33, 37, qtok::word, d::w_ascii | d::w_digit}, {38, 42, qtok::word, d::w_ascii | d::w_lower},
        {42, 43, qtok::comma, 0},                     {44, 48, qtok::word, d::w_ascii | d::w_lower},
        {49, 50, qtok::word, d::w_ascii | d::w_lower},
    };
    REQUIRE(toks.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i);
        CHECK(toks[i].begin == want[i].begin);
        CHECK(toks[i].end == want[i].end);
        CHECK(toks[i].kind == want[i].kind);
        CHECK(toks[i].flags == want[i].flags);
    }
}
