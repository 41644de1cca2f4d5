#pragma once
// The language rules the sentence splitter reads: english_news, and how to derive your own.
#include <byline/detail/abbreviations_en.hpp>
#include <byline/detail/sentence_abbreviation.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <ranges>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>

BYLINE_BEGIN_NAMESPACE

/// Sorts and joins abbreviation tables at compile time, e.g. to extend a policy:
/// `static constexpr auto abbreviation_table = merge_abbreviations(english_news::abbreviation_table, mine);`
template <std::size_t N, std::size_t M>
[[nodiscard]] constexpr std::array<abbreviation, N + M> merge_abbreviations(std::array<abbreviation, N> const& a,
                                                                            std::array<abbreviation, M> const& b) {
    std::array<abbreviation, N + M> out{};
    std::copy(a.begin(), a.end(), out.begin());
    std::copy(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>(N));
    std::sort(out.begin(), out.end(),
              [](abbreviation const& x, abbreviation const& y) { return detail::compare_folded(x.text, y.text) < 0; });
    return out;
}

/// English news conventions. A policy is a type with these static members; derive from this one
/// and redefine what differs (members are looked up through the derived type).
struct english_news {
    /// Forms that can hide a sentence end: a contiguous range sorted by detail::compare_folded
    /// (merge_abbreviations sorts).
    static constexpr auto abbreviation_table = merge_abbreviations(
        detail::abbreviations_en,
        std::array<abbreviation, 2>{{{"N\u00B0.", abbreviation_kind::number}, {"N\u00BA.", abbreviation_kind::number}}});

    /// Latin forms that, unlike e.g. and i.e., can end a sentence ("..., etc. The ...").
    static constexpr std::array<std::string_view, 5> closing_latin{"etc.", "al.", "ibid.", "seq.", "cit."};

    /// Capitalised words that usually open a sentence rather than continue a name: after an
    /// abbreviation that may end a sentence (Inc., U.S., Jr.), a boundary needs one of these.
    static constexpr std::array<std::string_view, 52> sentence_starters{
        "A", "According", "After", "Also", "Although", "An", "And", "As", "At", "Because", "Being", "But",
        "Did", "During", "Earlier", "For", "He", "Her", "His", "How", "However", "I", "If", "In", "It", "Its",
        "Last", "Later", "Meanwhile", "Millions", "More", "Most", "Now", "On", "Our", "She", "Since", "So",
        "That", "The", "Their", "Then", "There", "These", "They", "This", "We", "What", "When", "Where",
        "While", "Who"};

    /// Introductory prepositions of a time phrase ("At 5 a.m. Mr. Smith went ...").
    static constexpr std::array<std::string_view, 9> time_prepositions{
        "At", "By", "Before", "After", "Until", "Till", "From", "Since", "Around"};

    /// Names written with an exclamation mark, which then does not end the sentence.
    static constexpr std::array<std::string_view, 2> exclamation_names{"Yahoo", "Jeopardy"};

    /// '.': ends a sentence unless an abbreviation, number, initial, URL or e-mail explains it.
    static constexpr std::array<char32_t, 1> full_stops{U'.'};
    /// End a sentence before white space and a word that is not lowercase.
    static constexpr std::array<char32_t, 6> strong_stops{U'!', U'?', U'\u203C', U'\u2047', U'\u2048', U'\u2049'};
    /// End a sentence wherever they are, even with no space after (full-width full stop).
    static constexpr std::array<char32_t, 1> unconditional_stops{U'\uFF0E'};
    static constexpr std::array<char32_t, 1> ellipses{U'\u2026'};
    /// Closing marks that stay with the sentence they follow.
    static constexpr std::array<char32_t, 12> closing_marks{U'"', U'\'', U')', U']', U'}', U'\u201D', U'\u2019',
                                                             U'\u00BB', U'\u203A', U'\uFF09', U'\u300D', U'\u300F'};
    /// Opening marks skipped when looking at the first word of the next sentence.
    static constexpr std::array<char32_t, 16> opening_marks{U'"', U'\'', U'(', U'[', U'{', U'\u201C', U'\u2018',
                                                             U'\u00AB', U'\u2039', U'\u201E', U'\u00BF', U'\u00A1',
                                                             U'\uFF08', U'\u300C', U'\u300E', U'`'};
    /// Dashes skipped there too ("? - Posted", "! -- you").
    static constexpr std::array<char32_t, 4> dashes{U'-', U'\u2013', U'\u2014', U'\u2015'};
    /// List bullets: start a new item wherever they follow white space.
    static constexpr std::array<char32_t, 6> bullets{U'\u2022', U'\u2043', U'\u25E6', U'\u25AA', U'\u25CF', U'\u2023'};
    /// Bullets only at the start of a line ("- item", "* item", "– item").
    static constexpr std::array<char32_t, 4> line_bullets{U'-', U'*', U'\u2013', U'\u2014'};

    /// A single line break ends a sentence unless the line ends in white space and the next line
    /// does not start like a sentence (a soft wrap). A blank line always ends one.
    static constexpr bool line_break_ends_sentence = true;

    /// A quotation that opens inside a sentence with a lowercase word belongs to that sentence,
    /// terminators and all ('says "many schools will quit. Then the State will pay" ((it)).').
    /// Off for news: it would also join the continuation after 'Mr. Obama said, "and to say that
    /// the economy is shifting. How we use energy is shifting."', which GUM's gold splits;
    /// fiction and the pragmatic_segmenter tests want it on.
    static constexpr bool lowercase_quotations_continue = false;

    /// A quotation that is a whole sentence and is followed by a dash and its source keeps its
    /// terminators ('"So far, it's 1-0. But it's a long game." - Matthew Ingram').
    static constexpr bool attributed_quotations_continue = true;

};

namespace detail {
template <class T>
concept glyph_array = requires { std::tuple_size<std::remove_cvref_t<T>>::value; } &&
                      std::same_as<std::ranges::range_value_t<std::remove_cvref_t<T>>, char32_t>;
template <class T>
concept word_list = std::ranges::range<std::remove_cvref_t<T>> &&
                    std::convertible_to<std::ranges::range_value_t<std::remove_cvref_t<T>>, std::string_view>;
} // namespace detail

/// What basic_sentence_splitter reads from a policy type (see english_news for the meaning of each).
template <class P>
concept sentence_policy = requires {
    std::span<abbreviation const>(P::abbreviation_table);
    requires detail::word_list<decltype(P::closing_latin)>;
    requires detail::word_list<decltype(P::sentence_starters)>;
    requires detail::word_list<decltype(P::time_prepositions)>;
    requires detail::word_list<decltype(P::exclamation_names)>;
    requires detail::glyph_array<decltype(P::full_stops)>;
    requires detail::glyph_array<decltype(P::strong_stops)>;
    requires detail::glyph_array<decltype(P::unconditional_stops)>;
    requires detail::glyph_array<decltype(P::ellipses)>;
    requires detail::glyph_array<decltype(P::closing_marks)>;
    requires detail::glyph_array<decltype(P::opening_marks)>;
    requires detail::glyph_array<decltype(P::dashes)>;
    requires detail::glyph_array<decltype(P::bullets)>;
    requires detail::glyph_array<decltype(P::line_bullets)>;
    { P::line_break_ends_sentence } -> std::convertible_to<bool>;
    { P::lowercase_quotations_continue } -> std::convertible_to<bool>;
    { P::attributed_quotations_continue } -> std::convertible_to<bool>;
};

static_assert(sentence_policy<english_news>);
static_assert(detail::sorted_folded(english_news::abbreviation_table));

BYLINE_END_NAMESPACE
