// Writes a generated C++ header holding one table of text lines as
// `inline constexpr std::string_view NAME` in byline::detail. Shared by the generators here.
import { writeFileSync } from 'node:fs';

// C++ string literal text: escapes, and no trigraphs.
const esc = (s) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\n/g, '\\n')
    .replace(/\?\?/g, '?\\?');

// String literal pieces of at most ~2 KB each, split at line ends.
function literal(lines) {
    const pieces = [];
    let cur = '';
    for (const l of lines) {
        if (cur.length + l.length > 2000 && cur) { pieces.push(cur); cur = ''; }
        cur += l + '\n';
    }
    if (cur) pieces.push(cur);
    return pieces.map((p) => '    "' + esc(p) + '"').join('\n');
}

/// Writes `file` with the comment lines `comment` (without //), the table `name` of `lines`,
/// and returns the header's text.
export function writeTableHeader(file, comment, name, lines) {
    const text = `#pragma once
${comment.map((c) => '// ' + c).join('\n')}
#include <byline/version.hpp>

#include <string_view>

BYLINE_BEGIN_NAMESPACE
namespace detail {

// One literal concatenated from short pieces; the total exceeds the length compilers must
// support (-Woverlength-strings under -Wpedantic), which GCC and Clang handle fine.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif
// A char array rather than a string_view over a literal: constructing the view needs no
// constexpr strlen, which compilers cap (GCC's -fconstexpr-loop-limit) for large tables.
inline constexpr char ${name}_data[] =
${literal(lines)};
inline constexpr std::string_view ${name}{${name}_data, sizeof(${name}_data) - 1};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

} // namespace detail
BYLINE_END_NAMESPACE
`;
    writeFileSync(file, text);
    return text;
}
