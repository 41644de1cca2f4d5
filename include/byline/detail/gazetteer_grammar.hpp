#pragma once
// The X3 grammar of one gazetteer line (CONTRACT.md): blank, `# comment`, or
//   <id> TAB <TYPE> TAB <name> [TAB <alias>]...
// No expectation operator: each step records what it expects next, and on failure the furthest
// such record names the problem and its position (the "furthest failure" rule of PEG tools).
#include <byline/version.hpp>
#include <byline/detail/x3.hpp>

#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail::gazetteer_grammar {

namespace x3 = boost::spirit::x3;

/// What one line parse produced: its fields, or where and what it expected when it failed.
struct line_state {
    std::vector<std::string_view> fields;
    char const* expected_at = nullptr;
    char const* expected = nullptr;
};
struct state_tag;

/// Records "expected `what` here" unless a failure further right is already recorded.
inline auto expect(char const* what) {
    return x3::eps[([what](auto& ctx) {
        line_state& st = x3::get<state_tag>(ctx);
        auto const at = x3::_where(ctx).begin();
        if (st.expected_at == nullptr || at >= st.expected_at) {
            st.expected_at = at;
            st.expected = what;
        }
    })];
}

inline constexpr auto push_field = [](auto& ctx) {
    line_state& st = x3::get<state_tag>(ctx);
    auto const& r = x3::_attr(ctx);
    st.fields.emplace_back(&*r.begin(), static_cast<std::size_t>(r.end() - r.begin()));
};

inline auto const field_char = ~x3::char_("\t\r\n");
inline auto const id = +(field_char - ' ');
inline auto const type = +(x3::char_("a-zA-Z0-9_.:") | x3::char_('-'));
inline auto const text_field = +field_char;
inline auto const line_end = -x3::lit('\r') >> x3::eoi;

inline auto const blank_or_comment = *x3::blank >> -(x3::lit('#') >> *~x3::char_("\r\n")) >> line_end;

inline auto const record =
    expect("an id") >> x3::raw[id][push_field] >>
    expect("a TAB after the id (ids have no spaces)") >> x3::lit('\t') >>
    expect("a type (letters, digits, '_', '-', '.', ':')") >> x3::raw[type][push_field] >>
    expect("a TAB after the type") >> x3::lit('\t') >>
    expect("a name") >> x3::raw[text_field][push_field] >>
    *(x3::lit('\t') >> expect("an alias, not an empty field") >> x3::raw[text_field][push_field]) >>
    expect("a TAB or the end of the line") >> line_end;

/// Parses one line (without its '\n'). True when it is valid; `st.fields` is empty for blank
/// and comment lines.
[[nodiscard]] inline bool parse_line(std::string_view line, line_state& st) {
    st.fields.clear();
    st.expected_at = nullptr;
    st.expected = nullptr;
    char const* first = line.data();
    char const* const last = line.data() + line.size();
    if (x3::parse(first, last, blank_or_comment)) return true;
    first = line.data();
    st.fields.clear();
    return x3::parse(first, last, x3::with<state_tag>(st)[record]);
}

} // namespace detail::gazetteer_grammar
BYLINE_END_NAMESPACE
