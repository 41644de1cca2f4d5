#pragma once
// Invariants every byline result must satisfy on any input, valid UTF-8 or not. Shared by the
// doctest suite (pathological inputs) and the libFuzzer targets; returns the first violation.
#include <byline/document.hpp>
#include <byline/detail/utf8.hpp>

#include <optional>
#include <string>
#include <vector>

namespace byline_test {

/// Code point boundaries of `text` under byline's decoding rule (an invalid byte is one U+FFFD).
inline std::vector<bool> boundaries(std::string_view text) {
    std::vector<bool> at(text.size() + 1, false);
    for (std::size_t i = 0; i < text.size(); i += byline::detail::decode(text, i).length) at[i] = true;
    at[text.size()] = true;
    return at;
}

inline std::optional<std::string> check_span(std::string_view what, byline::byte_span s, std::vector<bool> const& at,
                                             std::size_t size) {
    auto const where = std::string(what) + " [" + std::to_string(s.begin) + ", " + std::to_string(s.end) + ")";
    if (s.begin > s.end || s.end > size) return where + " is not inside the text";
    if (!at[s.begin] || !at[s.end]) return where + " is not on code point boundaries";
    return std::nullopt;
}

/// Checks spans are inside the text, on boundaries, non-empty, ordered and (optionally) non-overlapping.
inline std::optional<std::string> check_sequence(std::string_view what, std::vector<byline::byte_span> const& spans,
                                                 std::vector<bool> const& at, std::size_t size, bool disjoint) {
    std::size_t previous_begin = 0, previous_end = 0;
    for (auto const s : spans) {
        if (auto e = check_span(what, s, at, size)) return e;
        if (s.empty()) return std::string(what) + " is empty at " + std::to_string(s.begin);
        if (s.begin < previous_begin || (disjoint && s.begin < previous_end))
            return std::string(what) + " out of order or overlapping at " + std::to_string(s.begin);
        previous_begin = s.begin;
        previous_end = s.end;
    }
    return std::nullopt;
}

/// Sentences are trimmed, disjoint, in order, and together cover every non-space character.
inline std::optional<std::string> check_sentences(std::string_view text, std::vector<byline::byte_span> const& sentences) {
    using byline::detail::decode;
    using byline::detail::decode_before;
    using byline::detail::is_space;
    auto const at = boundaries(text);
    if (auto e = check_sequence("sentence", sentences, at, text.size(), true)) return e;
    for (auto const s : sentences)
        if (is_space(decode(text, s.begin).cp) || is_space(decode_before(text, s.end).cp))
            return "sentence [" + std::to_string(s.begin) + ", " + std::to_string(s.end) + ") is not trimmed";
    std::size_t next = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto const d = decode(text, i);
        if (!is_space(d.cp)) {
            while (next < sentences.size() && sentences[next].end <= i) ++next;
            if (next == sentences.size() || sentences[next].begin > i)
                return "non-space character at " + std::to_string(i) + " is in no sentence";
        }
        i += d.length;
    }
    return std::nullopt;
}

/// Mentions are inside the text, on boundaries, in order, disjoint, and refer to entities.
inline std::optional<std::string> check_mentions(byline::document const& doc, std::vector<bool> const& at) {
    std::vector<byline::byte_span> spans;
    for (auto const& m : doc.mentions) {
        if (m.entity >= doc.entities.size()) return "mention refers to a missing entity";
        spans.push_back(m.span);
    }
    return check_sequence("mention", spans, at, doc.text.size(), true);
}

/// Quotes, speakers and cues are inside the text on boundaries, quotes in order of start and
/// holding a letter or digit, a speaker or cue non-empty and outside its quote's content,
/// speaker entities present.
inline std::optional<std::string> check_quotes(byline::document const& doc, std::vector<bool> const& at) {
    auto const text = doc.text;
    std::vector<byline::byte_span> spans;
    auto overlaps = [](byline::byte_span a, byline::byte_span b) { return a.begin < b.end && b.begin < a.end; };
    for (auto const& q : doc.quotes) {
        spans.push_back(q.span);
        auto const quote = "quote [" + std::to_string(q.span.begin) + ", " + std::to_string(q.span.end) + ")";
        if (q.span.end <= text.size()) {
            bool any_word = false;
            auto const content = q.span.in(text);
            for (std::size_t i = 0; i < content.size() && !any_word; i += byline::detail::decode(content, i).length)
                any_word = byline::detail::is_word_char(byline::detail::decode(content, i).cp);
            if (!any_word) return quote + " has no letter or digit";
        }
        if (q.said_by) {
            if (auto e = check_span("speaker", q.said_by->span, at, text.size())) return e;
            if (q.said_by->span.empty()) return "the speaker of " + quote + " is empty";
            if (overlaps(q.said_by->span, q.span)) return "the speaker of " + quote + " overlaps its content";
            if (q.said_by->entity && *q.said_by->entity >= doc.entities.size())
                return "speaker refers to a missing entity";
        }
        if (q.cue) {
            if (auto e = check_span("cue", *q.cue, at, text.size())) return e;
            if (q.cue->empty()) return "the cue of " + quote + " is empty";
            if (overlaps(*q.cue, q.span)) return "the cue of " + quote + " overlaps its content";
        }
    }
    return check_sequence("quote", spans, at, text.size(), false);
}

/// Every invariant of a pipeline result.
inline std::optional<std::string> check_document(byline::document const& doc) {
    auto const at = boundaries(doc.text);
    if (auto e = check_sentences(doc.text, doc.sentences)) return e;
    if (auto e = check_mentions(doc, at)) return e;
    return check_quotes(doc, at);
}

} // namespace byline_test
