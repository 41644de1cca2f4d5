#pragma once
// Abbreviation entries and their case-insensitive lookup (constexpr, no Boost, no utf8proc).
#include <byline/version.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>

BYLINE_BEGIN_NAMESPACE

/// How an abbreviation behaves before a capitalised word (see basic_sentence_splitter).
enum class abbreviation_kind : std::uint8_t {
    title,      ///< Mr. Gen. Sen. St.: a name follows, never ends a sentence
    month,      ///< Jan. Sept.: ends one only before a typical sentence opener
    number,     ///< No. p. Art.: a number follows
    company,    ///< Inc. Corp. Co.: may end a sentence
    latin,      ///< e.g. i.e. vs.: never ends one (etc. and et al. are handled as `other`)
    place,      ///< U.S. Calif. Ave.: may end a sentence
    time,       ///< a.m. p.m.: ends one before any capitalised word
    other,      ///< Jr. Ph.D. Dept.: may end a sentence
    initialism, ///< A. to Z., M.I.T.
};

/// One abbreviation as written in running text, with its final period ("Mr.", "U.S.", "et al.").
struct abbreviation {
    std::string_view text;
    abbreviation_kind kind = abbreviation_kind::other;
    /// Also an ordinary capitalised word ("Mass.", "Is."): an abbreviation only before a
    /// lowercase word or a number.
    bool word_like = false;
};

namespace detail {

[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// Three-way comparison of ASCII-lowercased strings.
[[nodiscard]] constexpr int compare_folded(std::string_view a, std::string_view b) noexcept {
    std::size_t const n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        auto const x = static_cast<unsigned char>(ascii_lower(a[i]));
        auto const y = static_cast<unsigned char>(ascii_lower(b[i]));
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

[[nodiscard]] constexpr bool sorted_folded(std::span<abbreviation const> table) noexcept {
    for (std::size_t i = 1; i < table.size(); ++i)
        if (compare_folded(table[i - 1].text, table[i].text) > 0) return false;
    return true;
}

/// Finds `token` (with its final period) in a table sorted by compare_folded: the exact spelling
/// when listed, else any case variant ("SEC." finds "Sec.").
[[nodiscard]] constexpr abbreviation const* find_abbreviation(std::span<abbreviation const> table,
                                                            std::string_view token) noexcept {
    auto const* first = std::lower_bound(table.data(), table.data() + table.size(), token,
        [](abbreviation const& a, std::string_view t) { return compare_folded(a.text, t) < 0; });
    abbreviation const* folded_match = nullptr;
    for (auto const* it = first; it != table.data() + table.size() && compare_folded(it->text, token) == 0; ++it) {
        if (it->text == token) return it;
        if (folded_match == nullptr) folded_match = it;
    }
    return folded_match;
}

} // namespace detail
BYLINE_END_NAMESPACE
