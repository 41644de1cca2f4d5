#pragma once
// Abbreviation entries and their case-insensitive lookup (constexpr, no Boost, no utf8proc).
#include <byline/version.hpp>
#include <byline/detail/ascii_swar.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
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

/// An abbreviation table's longest form that lookups consider.
inline constexpr std::size_t max_abbreviation_size = 24;

/// The ASCII-lowercased bytes of a form of up to max_abbreviation_size bytes, in three
/// zero-padded little-endian words.
struct folded_form {
    std::array<std::uint64_t, 3> words{};
    std::size_t size = 0;

    [[nodiscard]] static constexpr folded_form of(std::string_view s) noexcept {
        folded_form f;
        f.size = s.size();
        for (std::size_t i = 0; i < s.size() && i < max_abbreviation_size; ++i)
            f.words[i / 8] |= std::uint64_t{static_cast<unsigned char>(ascii_lower(s[i]))} << (8 * (i % 8));
        return f;
    }
    /// of(), for `s` with max_abbreviation_size bytes readable from s.data(): whole words, lowered
    /// and masked without a branch per byte.
    [[nodiscard]] static folded_form of_readable(std::string_view s) noexcept {
        static constexpr auto kept = [] { // per size: the bytes of each word it keeps
            std::array<std::array<std::uint64_t, 3>, max_abbreviation_size + 1> masks{};
            for (std::size_t n = 0; n <= max_abbreviation_size; ++n)
                for (std::size_t i = 0; i < n; ++i) masks[n][i / 8] |= std::uint64_t{0xFF} << (8 * (i % 8));
            return masks;
        }();
        folded_form f;
        f.size = s.size();
        for (std::size_t k = 0; k < 3; ++k) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + 8 * k, 8);
            f.words[k] = ascii_lower8(w) & kept[s.size()][k];
        }
        return f;
    }
    [[nodiscard]] constexpr std::uint64_t hash() const noexcept {
        std::uint64_t h = size;
        for (auto const w : words) h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        return h ^ (h >> 29);
    }
};

/// A hash index over a table sorted by compare_folded: find() answers as find_abbreviation()
/// does, for forms of up to max_abbreviation_size bytes, with one probe instead of a binary
/// search (whose comparisons are data-dependent branches).
template <std::size_t N>
struct abbreviation_index {
    static constexpr std::size_t slot_count = std::bit_ceil(N * 4 < 64 ? std::size_t{64} : N * 4);
    static constexpr int shift = 64 - std::countr_zero(slot_count);
    struct slot {
        std::uint16_t entry = 0; ///< index + 1 of the first entry of a group of equal folded forms; 0: empty
        std::uint16_t tag = 0;   ///< low hash bits
    };
    std::array<slot, slot_count> slots{};

    static_assert(N < 65535); // entry + 1 fits a slot

    [[nodiscard]] static constexpr abbreviation_index build(std::span<abbreviation const> table) noexcept {
        abbreviation_index index;
        for (std::size_t k = 0; k < table.size(); ++k) {
            auto const text = table[k].text;
            if (text.empty() || text.size() > max_abbreviation_size) continue; // never looked up
            if (k > 0 && compare_folded(table[k - 1].text, text) == 0) continue; // its group has a slot
            auto const h = folded_form::of(text).hash();
            auto i = static_cast<std::size_t>(h >> shift);
            while (index.slots[i].entry != 0) i = (i + 1) & (slot_count - 1);
            index.slots[i] = {static_cast<std::uint16_t>(k + 1), static_cast<std::uint16_t>(h)};
        }
        return index;
    }

    /// The entry for `token` (of `form`) in `table`, the one this index was built from.
    [[nodiscard]] abbreviation const* find(std::span<abbreviation const> table, std::string_view token,
                                           folded_form const& form) const noexcept {
        auto const h = form.hash();
        auto const tag = static_cast<std::uint16_t>(h);
        for (auto i = static_cast<std::size_t>(h >> shift);; i = (i + 1) & (slot_count - 1)) {
            auto const s = slots[i];
            if ((s.entry == 0) | (s.tag == tag)) { // one branch: usually the first slot decides
                if (s.entry == 0) return nullptr;
                auto const* const first = table.data() + (s.entry - 1);
                if (compare_folded(first->text, token) != 0) continue;
                for (auto const* it = first; it != table.data() + table.size() && compare_folded(it->text, token) == 0; ++it)
                    if (it->text == token) return it; // the exact spelling when listed
                return first;                          // else the first case variant, as find_abbreviation()
            }
        }
    }
};

} // namespace detail
BYLINE_END_NAMESPACE
