#pragma once
// Word tables of the name finder: folding of words into lookup keys, and flat hash tables over
// the generated lexicons (given names, titles and roles, common English words).
#include <byline/version.hpp>
#include <byline/detail/utf8.hpp>
#include <byline/detail/given_names.hpp>
#include <byline/detail/names_common_words.hpp>
#include <byline/detail/titles_roles.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

BYLINE_BEGIN_NAMESPACE
namespace detail::names {

/// Appends the lookup key of `word`: canonical decomposition, combining marks removed, case
/// folded, and the typographic apostrophe as ASCII. The generated tables use the same folding.
inline void append_folded(std::string& out, std::string_view word) {
    // The common case, ASCII, in one pass without per-character appends.
    auto const at = out.size();
    out.resize(at + word.size());
    std::size_t ascii = 0;
    for (; ascii < word.size(); ++ascii) {
        auto const c = static_cast<unsigned char>(word[ascii]);
        if (c >= 0x80) break;
        out[at + ascii] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (ascii == word.size()) return;
    out.resize(at);
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

/// Replaces `out` with the lookup key of a token: folded, and without periods ("U.S." -> "us").
inline void fold_key(std::string& out, std::string_view word) {
    out.resize(word.size());
    char* const dst = out.data();
    std::size_t n = 0;
    for (char const ch : word) { // the common case, ASCII, in one pass
        auto const c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            out.clear();
            append_folded(out, word);
            out.erase(std::remove(out.begin(), out.end(), '.'), out.end());
            return;
        }
        dst[n] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        n += c != '.';
    }
    out.resize(n);
}

/// fold_key for the word [begin, end) of `text`, into `small` when the word is at most 16 ASCII
/// bytes without periods and 16 bytes of `text` can be read from its start (one vector step;
/// the bytes of `small` after the key are zero), else into `large`. The key, in one of them.
inline std::string_view fold_key_at(std::array<char, 16>& small, std::string& large, std::string_view text,
                                    std::size_t begin, std::size_t end) {
#if defined(__SSE2__)
    if (auto const len = end - begin; len <= 16 && text.size() - begin >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + begin));
        auto const in_word = static_cast<unsigned>((1u << len) - 1u);
        auto const high = static_cast<unsigned>(_mm_movemask_epi8(v));
        auto const dots = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
        if (((high | dots) & in_word) == 0) {
            __m128i const upper =
                _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
            __m128i const in_key = _mm_cmplt_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                                  _mm_set1_epi8(static_cast<char>(len)));
            __m128i const lowered = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(small.data()), _mm_and_si128(lowered, in_key));
            return {small.data(), len};
        }
    }
#else
    (void)small;
#endif
    fold_key(large, text.substr(begin, end - begin));
    return large;
}

[[nodiscard]] inline std::string folded(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    append_folded(out, word);
    return out;
}

/// Calls `on_line(key, value)` for each non-empty `key[<TAB>value]` line of generated table text;
/// the value is the byte after the TAB, or 1 when there is none.
template <class OnLine>
void for_each_keyed_line(std::string_view lines, OnLine&& on_line) {
    while (!lines.empty()) {
        auto const eol = lines.find('\n');
        auto line = lines.substr(0, eol);
        lines.remove_prefix(eol == std::string_view::npos ? lines.size() : eol + 1);
        char value = 1;
        if (auto const tab = line.find('\t'); tab != std::string_view::npos) {
            value = tab + 1 < line.size() ? line[tab + 1] : char{1};
            line = line.substr(0, tab);
        }
        if (!line.empty()) on_line(line, value);
    }
}

[[nodiscard]] inline std::size_t line_count(std::string_view lines) noexcept {
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), '\n'));
}

/// A power of two at least twice `keys`, so that open addressing stays short.
[[nodiscard]] inline std::size_t table_capacity(std::size_t keys) noexcept {
    std::size_t capacity = 16;
    while (capacity < keys * 2) capacity *= 2;
    return capacity;
}

/// A read-only open-addressing hash table from keys to one value byte, built once from
/// generated `key[<TAB>value]` lines. Keys and values point into the static table text.
class word_table {
public:
    explicit word_table(std::string_view lines) {
        mask_ = table_capacity(line_count(lines)) - 1;
        slots_.resize(mask_ + 1);
        for_each_keyed_line(lines, [this](std::string_view key, char value) {
            auto i = hash(key) & mask_;
            while (!slots_[i].key.empty() && slots_[i].key != key) i = (i + 1) & mask_;
            slots_[i] = {key, value};
        });
    }

    /// The value byte of `key`, or 0 when absent.
    [[nodiscard]] char find(std::string_view key) const noexcept { return find(key, hash(key)); }
    /// The same, with `key_hash == hash(key)` computed once for several tables.
    [[nodiscard]] char find(std::string_view key, std::size_t key_hash) const noexcept {
        if (key.empty()) return 0;
        for (auto i = key_hash & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].key.empty()) return 0;
            if (slots_[i].key == key) return slots_[i].value;
        }
    }

    /// Constant time for words: the first and last eight bytes and the length (the middle of
    /// long phrases only by FNV-1a). Keys are compared in full, so collisions only cost probes.
    [[gnu::always_inline]] static std::size_t hash(std::string_view s) noexcept {
        auto const* p = reinterpret_cast<unsigned char const*>(s.data());
        std::size_t const n = s.size();
        std::uint64_t a = 0, b = 0;
        if (n >= 8) {
            std::memcpy(&a, p, 8);
            std::memcpy(&b, p + n - 8, 8);
        } else if (n >= 4) {
            std::uint32_t x, y;
            std::memcpy(&x, p, 4);
            std::memcpy(&y, p + n - 4, 4);
            a = x;
            b = y;
        } else if (n > 0) {
            a = static_cast<std::uint64_t>(p[0]) | static_cast<std::uint64_t>(p[n / 2]) << 8 |
                static_cast<std::uint64_t>(p[n - 1]) << 16;
        }
        if (n > 16) {
            std::uint64_t m = 14695981039346656037ull;
            for (std::size_t i = 8; i < n - 8; ++i) m = (m ^ p[i]) * 1099511628211ull;
            b ^= m;
        }
        std::uint64_t h = (a ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
        h ^= (b + n) * 0x94D049BB133111EBull;
        return static_cast<std::size_t>(h ^ (h >> 31));
    }

private:
    struct slot {
        std::string_view key;
        char value = 0;
    };
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

/// "first\nlast\n" words of every title phrase, so that most words are rejected with one lookup.
[[nodiscard]] inline std::string title_edge_words(std::string_view table, bool last) {
    std::string out;
    while (!table.empty()) {
        auto const eol = table.find('\n');
        auto phrase = table.substr(0, std::min(table.find('\t'), eol));
        table.remove_prefix(eol == std::string_view::npos ? table.size() : eol + 1);
        auto const space = last ? phrase.rfind(' ') : phrase.find(' ');
        if (space != std::string_view::npos) phrase = last ? phrase.substr(space + 1) : phrase.substr(0, space);
        (out += phrase) += '\n';
    }
    return out;
}

/// What the lexicons say about one folded word; 0 in a field when that table lacks it.
struct word_facts {
    char given = 0;       ///< given-name code (see given_name)
    char common = 0;      ///< a common English word
    char word_class = 0;  ///< lexicons::word_classes
    char title_first = 0; ///< the first word of some title phrase
    char title_last = 0;  ///< the last word of some title phrase
    char title = 0;       ///< the group of the one-word title
    char title_prefix = 0; ///< the first word of a title phrase of several words
    char title_suffix = 0; ///< the last word of a title phrase of several words
};

/// The first eight bytes of a key, zero-padded: most keys are compared by this one integer.
[[nodiscard]] inline std::uint64_t key_head(std::string_view key) noexcept {
    std::uint64_t head = 0;
    std::memcpy(&head, key.data(), std::min<std::size_t>(key.size(), 8));
    return head;
}
/// The next eight bytes of a key, zero-padded.
[[nodiscard]] inline std::uint64_t key_second(std::string_view key) noexcept {
    std::uint64_t second = 0;
    if (key.size() > 8) std::memcpy(&second, key.data() + 8, std::min<std::size_t>(key.size() - 8, 8));
    return second;
}
/// The facts table's hash: a key's first sixteen bytes and its length, without a branch on
/// the length (longer keys that share them only cost probes).
[[gnu::always_inline]] inline std::size_t facts_hash(std::uint64_t head, std::uint64_t second, std::size_t size) noexcept {
    std::uint64_t h = (head ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    h ^= (second + size) * 0x94D049BB133111EBull;
    h ^= h >> 32; // every byte's bits reach the low bits that pick the slot
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
}
[[nodiscard]] inline std::size_t facts_hash(std::string_view key) noexcept {
    return facts_hash(key_head(key), key_second(key), key.size());
}

/// 0x80 in each zero byte of `word`, nothing else (exact, unlike the usual has-zero test).
[[nodiscard]] inline std::uint64_t zero_bytes(std::uint64_t word) noexcept {
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    return ~(((word & low7) + low7) | word | low7);
}
/// zero_bytes of the head of a NUL-free key of 0..8 bytes, by length; [9]: of no head at all.
inline constexpr std::array<std::uint64_t, 10> head_padding = [] {
    std::array<std::uint64_t, 10> padding{};
    for (std::size_t size = 0; size < 8; ++size) padding[size] = 0x8080808080808080ull << (8 * size);
    padding[9] = 1;
    return padding;
}();

/// The word tables merged into one, so that a word is looked up once for all of them. Keys
/// point into the tables' static (or lexicon-owned) text.
class facts_table {
public:
    struct source {
        std::string_view lines; ///< `key[<TAB>value]` lines, as for word_table
        char word_facts::*field;
    };

    explicit facts_table(std::initializer_list<source> sources) {
        std::size_t count = 0;
        for (auto const& s : sources) count += line_count(s.lines);
        // Four slots a key, not two: the probe loop's "end here?" branch, mispredicted whenever a
        // search goes on, is taken at the first slot more often (cachegrind: 346k -> 243k misses).
        mask_ = table_capacity(2 * count) - 1;
        // Probes run on past the last slot rather than around: two empty slots end the table.
        slots_.resize(mask_ + 3);
        long_slots_.resize(mask_ / 64 + 2);
        std::unordered_map<std::size_t, std::string_view> long_keys; // by slot, while building
        for (auto const& s : sources)
            for_each_keyed_line(s.lines, [&, field = s.field](std::string_view key, char value) {
                bool const is_long = !known_by_head(key_head(key), key.size());
                auto const tag = is_long ? long_tag(key_head(key)) : key_head(key);
                auto i = facts_hash(key) & mask_;
                while (slots_[i].tag != 0 && (slots_[i].tag != tag || (is_long && long_keys[i] != key)))
                    ++i;
                if (i + 2 >= slots_.size()) {
                    slots_.resize(i + 3);
                    long_slots_.resize(slots_.size() / 64 + 1);
                }
                if (slots_[i].tag == 0 && is_long) {
                    long_keys[i] = key;
                    long_slots_[i / 64].bits |= std::uint64_t{1} << (i % 64);
                }
                slots_[i].tag = tag;
                slots_[i].facts.*field = value;
            });
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            if (i % 64 == 0) long_slots_[i / 64].rank = static_cast<std::uint32_t>(long_keys_.size());
            if ((long_slots_[i / 64].bits >> (i % 64)) & 1) long_keys_.push_back(long_keys[i]);
        }
    }

    [[nodiscard]] word_facts find(std::string_view key) const noexcept {
        return find(key, facts_hash(key), key_head(key));
    }
    /// The same, with `key_hash == facts_hash(key)` and `head == key_head(key)` known.
    [[nodiscard]] word_facts find(std::string_view key, std::size_t key_hash, std::uint64_t head) const noexcept {
        bool const by_head = known_by_head(head, key.size());
        // a mask, not a select: GCC would branch on by_head, which is true for most words only
        std::uint64_t const tag = head ^ ((head ^ long_tag(head)) & (std::uint64_t{by_head} - 1));
        // Two slots a step, and the answer by a select: whether a word is in the table at all
        // (the first slot empty, or not) is data-dependent, a branch the predictor often misses.
        // Sums and masks of the tests, not || and &&: GCC would split them into branches again.
        unsigned const long_mask = unsigned{by_head} - 1u; // all ones for a long key
        for (auto i = key_hash & mask_;; i += 2) {
            auto const& a = slots_[i];
            auto const& b = slots_[i + 1];
            bool const hit_a = a.tag == tag, hit_b = (b.tag == tag) & (a.tag != 0);
            unsigned const hits = unsigned{hit_a} + unsigned{hit_b};
            if ((hits & long_mask) != 0) [[unlikely]] return find_long(key, tag, i);
            if (hits + unsigned{a.tag == 0} + unsigned{b.tag == 0} != 0) {
                // a short key is in one slot at most: one of the masks at most keeps its facts
                auto const facts = (std::bit_cast<std::uint64_t>(a.facts) & (std::uint64_t{0} - std::uint64_t{hit_a})) |
                                   (std::bit_cast<std::uint64_t>(b.facts) & (std::uint64_t{0} - std::uint64_t{hit_b}));
                return std::bit_cast<word_facts>(facts);
            }
        }
    }

private:
    static_assert(sizeof(word_facts) == 8);

    /// find() for a long key whose tag a slot from `i` holds: the slots' keys decide.
    [[gnu::noinline]] word_facts find_long(std::string_view key, std::uint64_t tag, std::size_t i) const noexcept {
        for (;; ++i) {
            auto const& entry = slots_[i];
            if (entry.tag == 0) return {};
            if (entry.tag == tag && long_key(i) == key) return entry.facts;
        }
    }
    /// A NUL-free key of at most eight bytes is its head (zero-padded); any other is "long".
    [[nodiscard]] static bool known_by_head(std::uint64_t head, std::size_t size) noexcept {
        return zero_bytes(head) == head_padding[std::min<std::size_t>(size, 9)];
    }
    /// A long key's tag: never 0, never the head of a short key (whose first byte is not 0).
    [[nodiscard]] static std::uint64_t long_tag(std::uint64_t head) noexcept {
        return (head & ~std::uint64_t{0xFF}) | (std::uint64_t{1} << 63);
    }
    /// The key of slot `i`, which holds a long key: its rank among the long slots.
    [[nodiscard]] std::string_view long_key(std::size_t i) const noexcept {
        auto const& word = long_slots_[i / 64];
        auto const below = word.bits & ((std::uint64_t{1} << (i % 64)) - 1);
        return long_keys_[word.rank + static_cast<std::size_t>(std::popcount(below))];
    }

    /// Sixteen bytes, four to a cache line: the tag (0 when empty) decides all but long keys.
    struct slot {
        std::uint64_t tag = 0;
        word_facts facts;
    };
    struct long_slot_word {
        std::uint64_t bits = 0; ///< which of 64 slots hold long keys
        std::uint32_t rank = 0; ///< long keys in the slots before
    };
    std::vector<slot> slots_;
    std::vector<long_slot_word> long_slots_;
    std::vector<std::string_view> long_keys_; ///< in slot order
    std::size_t mask_ = 0;
};

/// The proper word prefixes (or suffixes) of the title phrases, one a line: a phrase that is
/// none of them cannot grow into a title, so the search for a longer one stops there.
[[nodiscard]] inline std::string title_part_phrases(std::string_view table, bool suffixes) {
    std::string out;
    while (!table.empty()) {
        auto const eol = table.find('\n');
        auto const phrase = table.substr(0, std::min(table.find('\t'), eol));
        table.remove_prefix(eol == std::string_view::npos ? table.size() : eol + 1);
        for (std::size_t i = 0; i < phrase.size(); ++i) {
            if (phrase[i] != ' ') continue;
            (out += suffixes ? phrase.substr(i + 1) : phrase.substr(0, i)) += '\n';
        }
    }
    return out;
}

/// A set of words that answers "not in the set" for most other words from their length and
/// first and last bytes alone, without hashing them; "maybe" needs a real lookup.
class word_filter {
public:
    explicit word_filter(std::string_view lines) {
        for_each_keyed_line(lines, [this](std::string_view key, char) { bits_[index(key) / 64] |= std::uint64_t{1} << (index(key) % 64); });
    }
    [[nodiscard]] bool may_hold(std::string_view word) const noexcept {
        return !word.empty() && ((bits_[index(word) / 64] >> (index(word) % 64)) & 1u) != 0;
    }

private:
    static std::size_t index(std::string_view w) noexcept {
        return (static_cast<std::size_t>(static_cast<unsigned char>(w.front()) & 31u) << 9) |
               (static_cast<std::size_t>(static_cast<unsigned char>(w.back()) & 31u) << 4) | (w.size() & 15u);
    }
    std::array<std::uint64_t, (32 * 32 * 16) / 64> bits_{};
};

/// The tables the name finder looks words and phrases up in: one for single words (`words`),
/// and the title phrases with their proper prefixes and suffixes.
struct lexicons {
    word_table titles{titles_roles_tsv};
    std::string title_first_text = title_edge_words(titles_roles_tsv, false);
    std::string title_last_text = title_edge_words(titles_roles_tsv, true);
    /// Rejects most words before a capitalised run as the end of a title without a lookup.
    word_filter title_last_filter{title_last_text};
    /// 'o' last words of organisation names (Workers' Party, Southern Command), 'p' first words
    /// of place names that given-name lists also hold (San Francisco, Costa Rica), 'l' last
    /// words of place names, 'd' days and months.
    static constexpr std::string_view word_classes_text{
        "ministry\to\ndepartment\to\nuniversity\to\nparty\to\nbank\to\ncouncil\to\ncommittee\to\n"
        "commission\to\nagency\to\ninstitute\to\nfoundation\to\nassociation\to\ncourt\to\n"
        "corporation\to\ncompany\to\ngroup\to\nunion\to\nfederation\to\norganization\to\n"
        "organisation\to\nleague\to\nmovement\to\nfront\to\nalliance\to\ncommand\to\nforces\to\n"
        "army\to\nnavy\to\nparliament\to\nassembly\to\nchamber\to\nboard\to\nsecretariat\to\n"
        "service\to\ntimes\to\npost\to\nnews\to\nnetwork\to\nchurch\to\ncollege\to\ninc\to\n"
        "corp\to\nltd\to\nllc\to\nherald\to\ntribune\to\ngazette\to\njournal\to\nchronicle\to\n"
        "telegraph\to\nmuseum\to\nhospital\to\nacademy\to\nschool\to\ncenter\to\ncentre\to\n"
        "planetarium\to\nobservatory\to\nlaboratory\to\nairlines\to\nairways\to\nfund\to\n"
        "san\tp\nsanta\tp\nsanto\tp\nsao\tp\ncosta\tp\npuerto\tp\nporto\tp\nport\tp\nfort\tp\n"
        "mount\tp\nlake\tp\nnew\tp\nlos\tp\nlas\tp\nel\tp\nrio\tp\nbuenos\tp\nnueva\tp\n"
        "nuevo\tp\nciudad\tp\nsaint\tp\nsainte\tp\nst\tp\nnorth\tp\nsouth\tp\neast\tp\n"
        "west\tp\ncentral\tp\ngreat\tp\nunited\tp\nhong\tp\n"
        // last words of place names (not people): Washington Monument, Wells Street
        "monument\tl\nsquare\tl\nstreet\tl\navenue\tl\nboulevard\tl\nroad\tl\npark\tl\nbridge\tl\n"
        "river\tl\nisland\tl\nislands\tl\nmountain\tl\nmountains\tl\nvalley\tl\nbay\tl\nbeach\tl\n"
        "county\tl\ncity\tl\nprovince\tl\ndistrict\tl\nairport\tl\nstation\tl\nstadium\tl\npalace\tl\n"
        "hall\tl\ntower\tl\n"
        // days and months: capitalised, yet ordinary words
        "monday\td\ntuesday\td\nwednesday\td\nthursday\td\nfriday\td\nsaturday\td\nsunday\td\n"
        "january\td\nfebruary\td\nmarch\td\napril\td\nmay\td\njune\td\njuly\td\naugust\td\n"
        "september\td\noctober\td\nnovember\td\ndecember\td\n"};

    std::string title_prefix_text = title_part_phrases(titles_roles_tsv, false);
    std::string title_suffix_text = title_part_phrases(titles_roles_tsv, true);
    word_table title_prefixes{title_prefix_text};
    word_table title_suffixes{title_suffix_text};
    /// What every word list above says about a single word, in one lookup.
    facts_table words{{given_names_tsv, &word_facts::given},
                      {names_common_words_txt, &word_facts::common},
                      {word_classes_text, &word_facts::word_class},
                      {title_first_text, &word_facts::title_first},
                      {title_last_text, &word_facts::title_last},
                      {titles_roles_tsv, &word_facts::title},
                      {title_prefix_text, &word_facts::title_prefix},
                      {title_suffix_text, &word_facts::title_suffix}};

    lexicons() = default;
    lexicons(lexicons const&) = delete; // the tables point into the strings above
    lexicons& operator=(lexicons const&) = delete;

    /// Built on first use, then shared read-only by every name_finder on every thread.
    static lexicons const& get() {
        static lexicons const instance;
        return instance;
    }
};

} // namespace detail::names
BYLINE_END_NAMESPACE
