#pragma once
// Reading a user's abbreviation list (the shared lexicon's TSV format) with Spirit X3, off the
// splitting hot path: `byline::read_abbreviation_list(text)` feeds with_abbreviations().
#include <byline/detail/sentence_abbreviation.hpp>
#include <byline/detail/x3.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE

/// What read_abbreviation_list found: entries are views into the text it read.
struct abbreviation_list {
    std::vector<abbreviation> entries;
    std::vector<std::size_t> skipped_lines; ///< 1-based lines that were not entries (header, no final period, unknown kind)
};

namespace detail::grammar {
namespace x3 = boost::spirit::x3;

struct abbreviation_kinds_table : x3::symbols<abbreviation_kind> {
    abbreviation_kinds_table() {
        add("title", abbreviation_kind::title)("month", abbreviation_kind::month)("number", abbreviation_kind::number)(
            "company", abbreviation_kind::company)("latin", abbreviation_kind::latin)("place", abbreviation_kind::place)(
            "time", abbreviation_kind::time)("other", abbreviation_kind::other)("initialism", abbreviation_kind::initialism);
    }
};
inline abbreviation_kinds_table const abbreviation_kinds;

/// `form [TAB kind [TAB anything]]`: the form may hold spaces ("et al."), not tabs. (char_set
/// parsers are not literal types, hence const rather than constexpr.)
inline auto const abbreviation_form = x3::raw[+~x3::char_("\t\r\n")];
inline auto const kind_column = x3::lit('\t') >> x3::no_case[abbreviation_kinds];
inline auto const rest_of_line = *~x3::char_("\r\n");

} // namespace detail::grammar

/// Reads one abbreviation per line, as in shared/lexicons/abbreviations_en.tsv:
/// `abbreviation<TAB>category<TAB>sources` (the category and sources are optional; the category
/// defaults to `other`). Blank lines and lines starting with '#' are ignored; a form must end in
/// a period. The entries point into `text`, which must outlive them (with_abbreviations copies).
[[nodiscard]] inline abbreviation_list read_abbreviation_list(std::string_view text) {
    namespace x3 = boost::spirit::x3;
    abbreviation_list out;
    std::size_t line_number = 0;
    while (!text.empty()) {
        ++line_number;
        auto const eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;

        char const* first = line.data();
        char const* const last = line.data() + line.size();
        boost::iterator_range<char const*> form;
        abbreviation_kind kind = abbreviation_kind::other;
        bool const ok = x3::parse(first, last, detail::grammar::abbreviation_form, form) &&
                        (first == last || x3::parse(first, last, detail::grammar::kind_column, kind)) &&
                        x3::parse(first, last, detail::grammar::rest_of_line) && first == last;
        std::string_view const word(form.begin(), static_cast<std::size_t>(form.end() - form.begin()));
        if (!ok || word.empty() || word.back() != '.') {
            out.skipped_lines.push_back(line_number);
            continue;
        }
        out.entries.push_back({word, kind, false});
    }
    return out;
}

BYLINE_END_NAMESPACE
