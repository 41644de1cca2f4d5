#pragma once
// Character-level attribution patterns that read best as grammars (Spirit X3, no `>`).
#include <byline/detail/x3.hpp>
#include <byline/span.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

BYLINE_BEGIN_NAMESPACE
namespace detail {
namespace quote_grammar {

namespace x3 = boost::spirit::x3;

/// A word in capitals, with an optional abbreviation period: PENCE, SEN., O'ROURKE, AL-ASSAD.
inline constexpr auto capital = x3::char_('A', 'Z');
inline constexpr auto caps_word = x3::lexeme[capital >> +(capital | x3::char_('\'') | x3::char_('-')) >> -x3::lit('.')];
/// A transcript's speaker label: "PENCE: ", "SEN. TIM KAINE: ", "Q: ".
inline constexpr auto speaker_label =
    x3::raw[(caps_word | capital) >> *(x3::lit(' ') >> caps_word)] >> x3::lit(':') >> +x3::lit(' ');

/// Labels that head a paragraph without naming a speaker.
inline bool is_editorial_label(std::string_view label) noexcept {
    for (std::string_view w : {"CLARIFICATION", "CORRECTION", "UPDATE", "UPDATED", "NOTE", "EDITOR'S NOTE", "WATCH",
                               "READ", "RELATED", "PHOTOS", "VIDEO", "SOURCE", "SOURCES", "MORE", "ALSO", "BREAKING"})
        if (label == w) return true;
    return false;
}

struct label_match {
    byte_span speaker;      ///< the label without the colon
    byte_span colon;        ///< the cue
    std::size_t content_at; ///< where the utterance starts
};

/// A speaker label at `text[pos]` (a transcript line: "PENCE: Well, look, ...").
[[nodiscard]] inline std::optional<label_match> speaker_label_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size() || text[pos] < 'A' || text[pos] > 'Z') return std::nullopt;
    char const* const base = text.data();
    char const* first = base + pos;
    char const* const last = base + std::min(text.size(), pos + 48); // labels are short
    boost::iterator_range<char const*> label;
    if (!x3::parse(first, last, speaker_label, label)) return std::nullopt;
    std::string_view const name(label.begin(), static_cast<std::size_t>(label.end() - label.begin()));
    if (is_editorial_label(name)) return std::nullopt;
    auto const b = static_cast<std::size_t>(label.begin() - base);
    auto const e = static_cast<std::size_t>(label.end() - base);
    return label_match{{b, e}, {e, e + 1}, static_cast<std::size_t>(first - base)};
}

} // namespace quote_grammar
} // namespace detail
BYLINE_END_NAMESPACE
