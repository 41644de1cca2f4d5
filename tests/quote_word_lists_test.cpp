// The quote finder's packed word lists: a word is in a list when its bytes, ASCII lower cased,
// spell a listed word exactly; lengths, long words and words at the text's very end included.
#include <byline/byline.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace {

using byline::detail::among;
using byline::detail::packed_words;

constexpr packed_words short_words{std::array<std::string_view, 4>{"is", "was", "from", "a"}};
constexpr packed_words long_words{std::array<std::string_view, 3>{"of", "statement", "congresswoman"}};

/// among() on `w` copied to the end of a buffer of its own size, so that no byte past it is readable.
template <std::size_t N>
bool in_list(std::string_view w, packed_words<N> const& set) {
    auto const bytes = std::make_unique<char[]>(w.size());
    std::memcpy(bytes.get(), w.data(), w.size());
    return among(bytes.get(), w.size(), w.size(), set);
}

} // namespace

TEST_CASE("packed word lists: listed words in any ASCII case, and nothing else") {
    for (std::string_view w : {"is", "IS", "Was", "fROM", "a", "A"}) CHECK_MESSAGE(in_list(w, short_words), w);
    for (std::string_view w : {"i", "isn", "wa", "wass", "fro", "froms", "an", "b", "s"})
        CHECK_MESSAGE(!in_list(w, short_words), w);
}

TEST_CASE("packed word lists: words longer than eight bytes compare all their bytes") {
    for (std::string_view w : {"of", "Statement", "STATEMENT", "congresswoman", "Congresswoman"})
        CHECK_MESSAGE(in_list(w, long_words), w);
    for (std::string_view w : {"statemen", "statements", "statemenT1", "congressman", "congresswomen", "o"})
        CHECK_MESSAGE(!in_list(w, long_words), w);
    CHECK(!in_list("congresswomanship", long_words)); // (longer than any list word may be)
    CHECK(!in_list("fromage", short_words));            // (longer than eight bytes: no short list word)
}

TEST_CASE("packed word lists: non-ASCII bytes are not folded into letters") {
    // 'I' + 0x20 is 'i', but 0xC9 ('É' in Latin-1, a UTF-8 lead byte here) must stay as it is
    CHECK(!in_list("\xC9S", short_words));
    CHECK(!in_list("\xE2\x80\x99s", short_words));
}

TEST_CASE("packed word lists: a word read in the middle of a longer text") {
    std::string const text = "It was the statement from Congresswoman Smith";
    auto at = [&](std::string_view w) { return text.find(w); };
    CHECK(among(text.data() + at("was"), 3, text.size() - at("was"), short_words));
    CHECK(among(text.data() + at("from"), 4, text.size() - at("from"), short_words));
    CHECK(among(text.data() + at("statement"), 9, text.size() - at("statement"), long_words));
    CHECK(among(text.data() + at("Congresswoman"), 13, text.size() - at("Congresswoman"), long_words));
    CHECK(!among(text.data() + at("the"), 3, text.size() - at("the"), short_words));
    CHECK(!among(text.data() + at("Smith"), 5, text.size() - at("Smith"), long_words));
}
