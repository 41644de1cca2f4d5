#pragma once
// Word tables of the name finder: folding of words into lookup keys, and flat hash tables over
// the generated lexicons (given names, titles and roles, common English words).
#include <byline/version.hpp>
#include <byline/detail/utf8.hpp>
#include <byline/detail/given_names.hpp>
#include <byline/detail/names_common_words.hpp>
#include <byline/detail/titles_roles.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail::names {

/// Appends the lookup key of `word`: canonical decomposition, combining marks removed, case
/// folded, and the typographic apostrophe as ASCII. The generated tables use the same folding.
inline void append_folded(std::string& out, std::string_view word) {
    for (std::size_t i = 0; i < word.size();) {
        auto const c = static_cast<unsigned char>(word[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
            ++i;
            continue;
        }
        auto const d = decode(word, i);
        i += d.length;
        if (d.cp == 0x2019 || d.cp == 0x2018) {
            out.push_back('\'');
            continue;
        }
        utf8proc_int32_t parts[8];
        int boundclass = 0;
        auto const n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(d.cp), parts, 8,
                                               static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                                              UTF8PROC_CASEFOLD),
                                               &boundclass);
        if (n < 0 || n > 8) {
            append_utf8(out, d.cp);
            continue;
        }
        for (utf8proc_ssize_t k = 0; k < n; ++k) append_utf8(out, static_cast<char32_t>(parts[k]));
    }
}

[[nodiscard]] inline std::string folded(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    append_folded(out, word);
    return out;
}

/// A read-only open-addressing hash table from keys to one value byte, built once from
/// generated `key[<TAB>value]` lines. Keys and values point into the static table text.
class word_table {
public:
    explicit word_table(std::string_view lines) {
        std::size_t count = 0;
        for (char const c : lines) count += c == '\n';
        std::size_t capacity = 16;
        while (capacity < count * 2) capacity *= 2;
        slots_.resize(capacity);
        mask_ = capacity - 1;
        while (!lines.empty()) {
            auto const eol = lines.find('\n');
            auto line = lines.substr(0, eol);
            lines.remove_prefix(eol == std::string_view::npos ? lines.size() : eol + 1);
            char value = 1;
            if (auto const tab = line.find('\t'); tab != std::string_view::npos) {
                value = tab + 1 < line.size() ? line[tab + 1] : char{1};
                line = line.substr(0, tab);
            }
            if (line.empty()) continue;
            auto i = hash(line) & mask_;
            while (!slots_[i].key.empty() && slots_[i].key != line) i = (i + 1) & mask_;
            slots_[i] = {line, value};
        }
    }

    /// The value byte of `key`, or 0 when absent.
    [[nodiscard]] char find(std::string_view key) const noexcept {
        if (key.empty()) return 0;
        for (auto i = hash(key) & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].key.empty()) return 0;
            if (slots_[i].key == key) return slots_[i].value;
        }
    }

private:
    struct slot {
        std::string_view key;
        char value = 0;
    };
    static std::size_t hash(std::string_view s) noexcept { // FNV-1a
        std::uint64_t h = 14695981039346656037ull;
        for (char const c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    std::vector<slot> slots_;
    std::size_t mask_ = 0;
};

/// A given name's table value: gender letter M, F or U; lowercase when also an English word.
struct given_name {
    char code = 0;
    [[nodiscard]] explicit operator bool() const noexcept { return code != 0; }
    [[nodiscard]] bool word_too() const noexcept { return code >= 'a' && code <= 'z'; }
    [[nodiscard]] char gender() const noexcept { return word_too() ? static_cast<char>(code - 32) : code; }
};

struct lexicons {
    word_table given{given_names_tsv};
    word_table titles{titles_roles_tsv};
    word_table common{names_common_words_txt};

    /// Built on first use, then shared read-only by every name_finder on every thread.
    static lexicons const& get() {
        static lexicons const instance;
        return instance;
    }
};

} // namespace detail::names
BYLINE_END_NAMESPACE
