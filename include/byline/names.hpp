#pragma once
// Names without a gazetteer: people (and some organisations) found from the text itself, and
// the mentions of one entity linked across the document under one id.
#include <byline/document.hpp>
#include <byline/detail/ascii_swar.hpp>
#include <byline/detail/names_tables.hpp>
#include <byline/detail/names_tokens.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

BYLINE_BEGIN_NAMESPACE
namespace detail::names {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// The bytes of a word of at most eight bytes as one integer, to compare words with one switch.
[[nodiscard]] constexpr std::uint64_t packed(std::string_view w) noexcept {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < w.size() && i < 8; ++i) v |= std::uint64_t{static_cast<unsigned char>(w[i])} << (8 * i);
    return v;
}

/// Lower-case words that may sit inside a name (particles: da Silva, van der Bellen, bin
/// Salman) or join the parts of an organisation's or office's name (connectors).
enum small_word_kind : std::uint8_t { particle_word = 1, connector_word = 2 };

/// The particles and connectors by their packed bytes, in a table a multiplicative hash
/// indexes without collisions: a word is tested by one comparison, not a switch's branches.
struct small_word_table {
    struct entry {
        std::uint64_t key = 0;
        std::uint8_t kinds = 0;
    };
    std::array<entry, 64> slots{};
    bool collision_free = true;

    [[nodiscard]] static constexpr std::size_t slot(std::uint64_t v) noexcept {
        return static_cast<std::size_t>((v * 0xf3085db87dcada55ull) >> 58);
    }
    constexpr small_word_table() {
        constexpr std::array<std::string_view, 24> particles{
            "y", "de", "da", "do", "du", "di", "al", "el", "la", "le", "zu", "del",
            "dei", "das", "dos", "van", "von", "der", "den", "ter", "bin", "ibn", "bint", "della"};
        constexpr std::array<std::string_view, 4> connectors{"of", "for", "and", "the"};
        for (auto const w : particles) add(w, particle_word);
        for (auto const w : connectors) add(w, connector_word);
    }
    constexpr void add(std::string_view w, std::uint8_t kind) {
        auto& e = slots[slot(packed(w))];
        collision_free = collision_free && e.key == 0;
        e = {packed(w), kind};
    }
    /// Whether the word of packed bytes `v` (a whole word, or its first eight bytes) is of `kinds`.
    [[nodiscard]] bool holds(std::uint64_t v, unsigned kinds) const noexcept {
        auto const& e = slots[slot(v)];
        return (e.key == v) & ((e.kinds & kinds) != 0);
    }
};
inline constexpr small_word_table small_words{};
static_assert(small_words.collision_free);

/// Roles that describe rather than address ("the official Xinhua agency", "deputy Mayor").
[[nodiscard]] inline bool is_generic_role(std::string_view key) noexcept {
    static constexpr std::array<std::string_view, 30> generic{
        "official", "senior official", "government official", "deputy", "representative", "speaker",
        "chair", "private", "major", "general", "marine", "justice", "head", "leader", "agent",
        "specialist", "executive", "model", "fellow", "resident", "witness", "worker", "student",
        "victim", "survivor", "candidate", "nominee", "incumbent", "challenger", "player"};
    return std::find(generic.begin(), generic.end(), key) != generic.end();
}

/// Titles that tell a person's gender (Mr, Mrs, Queen, spokeswoman).
[[nodiscard]] inline char title_gender(std::string_view key) noexcept {
    static constexpr std::array<std::string_view, 16> male{
        "mr", "sir", "senor", "senhor", "don", "king", "prince", "father", "brother", "monsieur",
        "herr", "spokesman", "congressman", "chairman", "businessman", "lord"};
    static constexpr std::array<std::string_view, 20> female{
        "mrs", "ms", "miss", "madam", "madame", "dame", "senora", "senhora", "dona", "queen",
        "princess", "sister", "mother", "frau", "spokeswoman", "congresswoman", "chairwoman",
        "businesswoman", "lady", "first lady"};
    if (std::find(male.begin(), male.end(), key) != male.end()) return 'M';
    if (std::find(female.begin(), female.end(), key) != female.end()) return 'F';
    return 0;
}

/// Edit distance of two short keys, or `limit + 1` once it exceeds `limit`.
[[nodiscard]] inline std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0], best = i;
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t const up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diag = up;
            best = std::min(best, row[j]);
        }
        if (best > limit) return limit + 1;
    }
    return row[b.size()];
}

/// A map from text to V for one document, open addressing in the document's arena: the keys'
/// bytes are copied there once, and the values sit in one vector (which gives them the arena
/// too). A document links a few dozen names; a node-based map made an allocation and a pointer
/// chase of each. A value's address holds until the next insertion.
template <class V>
class text_map {
public:
    explicit text_map(std::pmr::memory_resource* arena) : slots_(arena), values_(arena), arena_(arena) {}

    [[nodiscard]] V* find(std::string_view k) noexcept {
        if (slots_.empty()) return nullptr;
        auto const& s = slots_[slot_of(k)];
        return s.value != 0 ? &values_[s.value - 1] : nullptr;
    }
    struct emplaced {
        V* value;
        bool fresh;           ///< `k` was new
        std::string_view key; ///< the map's copy of `k`, valid as long as the arena
    };
    /// The value of `k` (a new one when `k` is new).
    emplaced try_emplace(std::string_view k) {
        if (2 * (values_.size() + 1) > slots_.size()) grow();
        auto const i = slot_of(k);
        if (slots_[i].value != 0) return {&values_[slots_[i].value - 1], false, slots_[i].key};
        auto* const bytes = static_cast<char*>(arena_->allocate(k.size() + 1, 1));
        std::memcpy(bytes, k.data(), k.size());
        values_.emplace_back();
        slots_[i] = {{bytes, k.size()}, values_.size()};
        return {&values_.back(), true, slots_[i].key};
    }

private:
    struct slot {
        std::string_view key;
        std::size_t value = 0; // 1 + its index in values_, or 0 when the slot is empty
    };
    /// The slot that holds `k`, or the empty one where it would go (the table is never full).
    [[nodiscard]] std::size_t slot_of(std::string_view k) const noexcept {
        auto i = word_table::hash(k) & mask_;
        while (slots_[i].value != 0 && slots_[i].key != k) i = (i + 1) & mask_;
        return i;
    }
    void grow() {
        std::pmr::vector<slot> old(std::max<std::size_t>(32, 2 * slots_.size()), arena_);
        old.swap(slots_);
        mask_ = slots_.size() - 1;
        values_.reserve(slots_.size() / 2); // the values move only when the table grows
        for (auto const& s : old)
            if (s.value != 0) slots_[slot_of(s.key)] = s; // (the keys are distinct: an empty slot)
    }
    std::pmr::vector<slot> slots_;
    std::pmr::vector<V> values_;
    std::pmr::memory_resource* arena_;
    std::size_t mask_ = 0;
};

enum class candidate_kind : std::uint8_t { person, weak_person, organisation };

/// A stretch of tokens [first, last) that may name someone.
struct candidate {
    std::size_t first = 0, last = 0;
    candidate_kind kind = candidate_kind::weak_person;
    char gender = 0;           ///< from a gendered title
    std::size_t alias = npos;  ///< token introduced as an alias: "X (aka AMLO)"
    std::size_t naming_title = npos; ///< "Pope" in "Pope Francis": in the span, not in the name's keys
};

/// One-word titles that are part of how their holder is called (Pope Francis, King Charles,
/// Sheikh Hasina), unlike offices held for a term (President Biden).
[[nodiscard]] inline bool is_naming_title(std::string_view key) noexcept {
    return key == "pope" || key == "king" || key == "queen" || key == "prince" || key == "princess" ||
           key == "sheikh" || key == "cardinal";
}

/// The people of one document as they are found, and the keys that link later mentions.
struct cluster {
    std::size_t name_first = 0, name_last = 0; ///< tokens of the fullest mention
    std::size_t naming_title = npos;           ///< its title (Pope), shown in the entity's name
    std::string first_given;                   ///< folded first name of the fullest mention
    char gender = 0;
    std::optional<std::uint32_t> entity;       ///< gazetteer entity, or the one created at the end
    bool organisation = false;
};

} // namespace detail::names

/// Finds PERSON (and ORG) mentions without a gazetteer: runs of capitalised words with title
/// or role cues (President, Foreign Minister, Gen.), a known first name, or an apposition after
/// a title ("the Prime Minister of India, Narendra Modi"); then links later mentions of the
/// same person ("Peña", "AMLO", "Zelensky" after "Volodymyr Zelenskiy") under one id. Mentions
/// already in the document (from a gazetteer) win on overlap, except that a longer person name
/// replaces a place it contains ("Santiago Peña" over "Santiago"), and give their id to the
/// people they name.
class name_finder {
public:
    name_finder() : lex_(&detail::names::lexicons::get()) {}

    void annotate(document& doc) const {
        work w(*lex_, doc);
        w.run();
    }

    /// Bytes of scratch the calling thread keeps between documents (tokens, candidates, the
    /// key cache), so that the next document reuses them. Scratch grown past retained_tokens
    /// tokens (about 1.5 MB of news) by a huge document is kept while documents stay that big,
    /// and given back after the first document that needs less than a quarter of it, so a
    /// thread that once met a huge document does not hold on to its memory.
    [[nodiscard]] static std::size_t thread_scratch_bytes() noexcept { return work::scratch_bytes(); }
    static constexpr std::size_t retained_tokens = std::size_t{1} << 18;
    /// Longest folded key a key-cache slot keeps the storage of (no name is longer).
    static constexpr std::size_t retained_key_bytes = 256;

private:
    detail::names::lexicons const* lex_;

    class work {
    public:
        work(detail::names::lexicons const& lexicons, document& d) : lex(lexicons), doc(d), text(d.text) {}
        work(work const&) = delete;
        work& operator=(work const&) = delete;
        ~work() { give_back_big_scratch(); }

        static std::size_t scratch_bytes() noexcept {
            auto const& cache = scratch_key_cache();
            std::size_t bytes = sizeof(key_cache_t) + scratch_tokens().capacity() * sizeof(detail::names::token) +
                                scratch_candidates().capacity() * sizeof(detail::names::candidate) +
                                scratch_marked().capacity() * sizeof(std::uint64_t);
            for (auto const& slot : cache.slots) bytes += slot.large_key.capacity() + slot.title_text.capacity(); // (titles are short)
            return bytes;
        }

        void run() {
            using namespace detail::names;
            tokenize(text, doc.sentences, toks);
            tok = toks.data();
            // The cache outlives the document: forget the slots its tokens can use.
            std::fill_n(key_cache.tokens.begin(), std::min(toks.size(), key_cache.tokens.size()), npos);
            cands.clear();
            find_candidates();
            resolve();
        }

    private:
        detail::names::lexicons const& lex;
        document& doc;
        std::string_view text;
        bool long_keys = false; // this document folded a key longer than retained_key_bytes

        void give_back_big_scratch() noexcept {
            // (a quarter: a stream of huge documents keeps reusing the storage, and one that
            // shrinks by a little does not)
            if (toks.capacity() > retained_tokens && toks.size() < toks.capacity() / 4) {
                std::vector<detail::names::token>().swap(toks);
                std::vector<std::uint64_t>().swap(marked);
            }
            if (cands.capacity() > retained_tokens / 4 && cands.size() < cands.capacity() / 4)
                std::vector<detail::names::candidate>().swap(cands);
            if (long_keys) {
                key_cache.holds_long_keys = true;
                return;
            }
            if (!key_cache.holds_long_keys) return;
            for (std::size_t i = 0; i < key_cache.slots.size(); ++i) {
                auto& slot = key_cache.slots[i];
                if (slot.large_key.capacity() <= retained_key_bytes) continue;
                key_cache.tokens[i] = detail::names::npos; // its key views the storage let go
                std::string().swap(slot.large_key);
            }
            key_cache.holds_long_keys = false;
        }
        // The document's linking tables and lists are carved out of one thread-local block and
        // dropped together: a news article makes dozens of small ones, each a heap call otherwise.
        static std::array<std::byte, 32768>& arena_block() {
            thread_local std::array<std::byte, 32768> block;
            return block;
        }
        std::pmr::monotonic_buffer_resource arena{arena_block().data(), arena_block().size()};
        // Scratch reused by every document this thread annotates (the stage itself stays
        // immutable and shareable): big documents would otherwise fault in fresh pages each time.
        std::vector<detail::names::token>& toks = scratch_tokens();
        // toks.data() while the document is annotated: one load per token access, not two.
        detail::names::token const* tok = nullptr;
        std::vector<detail::names::candidate>& cands = scratch_candidates();
        static std::vector<detail::names::token>& scratch_tokens() {
            thread_local std::vector<detail::names::token> v;
            return v;
        }
        static std::vector<detail::names::candidate>& scratch_candidates() {
            thread_local std::vector<detail::names::candidate> v;
            return v;
        }
        // Bit t % 64 of word t / 64: token t is capitalised or starts a line.
        std::vector<std::uint64_t>& marked = scratch_marked();
        static std::vector<std::uint64_t>& scratch_marked() {
            thread_local std::vector<std::uint64_t> v;
            return v;
        }
        // Folded words of the tokens: every use of a key during the scan is within a few tokens
        // of the others it is compared with, so a direct-mapped cache does; it is large enough
        // to still hold a news article's names when they are linked at the end. Thread-local
        // like the token scratch, so that its strings keep their capacity.
        // 128 bytes (a power of two): a slot's address is a shift of its index.
        // What most questions about a word read comes first, in one cache line.
        struct alignas(128) cached_key {
            std::string_view key;             // in small_key or large_key
            std::array<char, 16> small_key{}; // short ASCII words
            detail::names::word_facts facts;  // one lookup for every single-word table
            std::uint64_t head = 0;           // the key's first eight bytes, zero-padded (see word_is)
            bool plural_checked = false;      // facts.common also covers plurals (Galleries)
            bool title_known = false;
            char title_group = 0;       // the longest title phrase starting here: group,
            std::size_t title_end = 0;  // end token (exclusive),
            std::string title_text;     // and its folded text
            std::string large_key;
        };
        struct key_cache_t {
            std::array<std::size_t, 1024> tokens; // the token each slot holds, apart: cheap to forget
            std::array<cached_key, 1024> slots;
            bool holds_long_keys = false; // some slot's large_key is over retained_key_bytes
            key_cache_t() { tokens.fill(detail::names::npos); }
        };
        static key_cache_t& scratch_key_cache() {
            thread_local key_cache_t cache;
            return cache;
        }
        key_cache_t& key_cache = scratch_key_cache();
        [[gnu::always_inline]] cached_key& slot_of(std::size_t t) {
            key(t);
            return key_cache.slots[t % key_cache.slots.size()];
        }
        std::string phrase{};
        std::string singular{};
        std::size_t title_run_end = detail::names::npos; // last token of a run ending in a title
        std::string cue_text{};   // the title phrase last matched
        char gender_hint = 0;     // from a gendered title before the current run

        // ---- token helpers
        std::string_view raw(std::size_t t) const { return {text.data() + tok[t].begin, tok[t].end - tok[t].begin}; }
        [[gnu::always_inline]] std::string_view key(std::size_t t) {
            auto const i = t % key_cache.slots.size();
            if (key_cache.tokens[i] != t) [[unlikely]] fill(key_cache.slots[i], t);
            return key_cache.slots[i].key;
        }
        [[gnu::noinline]] void fill(cached_key& slot, std::size_t t) {
            key_cache.tokens[t % key_cache.tokens.size()] = t;
            slot.plural_checked = false;
            slot.title_known = false;
            // "U.S." and "Gen." fold without their periods
            slot.key = detail::names::fold_key_at(slot.small_key, slot.large_key, text, tok[t].begin, tok[t].end);
            long_keys = long_keys || slot.key.size() > retained_key_bytes;
            // The small key's bytes after the key are zero: its first sixteen bytes as they are.
            std::uint64_t head, second;
            if (slot.key.data() == slot.small_key.data()) {
                std::memcpy(&head, slot.small_key.data(), 8);
                std::memcpy(&second, slot.small_key.data() + 8, 8);
            } else {
                head = detail::names::key_head(slot.key);
                second = detail::names::key_second(slot.key);
            }
            slot.head = head;
            slot.facts = lex.words.find(slot.key, detail::names::facts_hash(head, second, slot.key.size()), head);
        }
        /// Whether token `t`'s key is one of `words`, each of at most seven bytes: by the key's
        /// head alone (a key without NUL bytes, longer than eight bytes, has none in its head
        /// either), one integer comparison a word.
        template <std::size_t... N>
        [[gnu::always_inline]] bool word_is(std::size_t t, char const (&... words)[N]) {
            static_assert(((N >= 2 && N <= 8) && ...));
            auto const head = slot_of(t).head;
            return ((head == detail::names::packed({words, N - 1})) || ...);
        }
        bool has(std::size_t t, std::uint16_t f) const { return tok[t].has(f); }
        /// A regnal or generational numeral of two letters or more ("George III", "Henry VIII"):
        /// part of the name, not an acronym. "I" and "V" alone are too often a pronoun or an initial.
        bool regnal_numeral(std::size_t t) const {
            auto const w = raw(t);
            return w.size() >= 2 && w.size() <= 6 && w.find_first_not_of("IVX") == std::string_view::npos;
        }
        [[gnu::always_inline]] bool is_common(std::size_t t) {
            auto& c = slot_of(t);
            if (!c.plural_checked) {
                // (the rarely true test first: most words do not end in 's', most names are not common)
                if (c.key.ends_with('s') && c.key.size() > 4 && c.facts.common == 0) check_plural(c);
                c.plural_checked = true;
            }
            return c.facts.common != 0 || c.facts.word_class == 'd'; // days and months are capitalised words too
        }
        /// Plurals of common words are common too (Galleries, Accounts): for a key that is not a
        /// common word, longer than four bytes and ending in 's'.
        [[gnu::noinline]] void check_plural(cached_key& c) {
            std::string_view const k = c.key;
            if (k.ends_with("ies")) {
                singular.assign(k.substr(0, k.size() - 3)) += 'y';
                c.facts.common = lex.words.find(singular).common;
            } else {
                c.facts.common = lex.words.find(k.substr(0, k.size() - 1)).common;
            }
        }
        [[gnu::always_inline]] detail::names::given_name given(std::size_t t) { return {slot_of(t).facts.given}; }
        /// A first name that is not also an English word ("Sergei", not "Mark"): M, F or U.
        bool clear_given(std::size_t t) { return static_cast<unsigned char>(given(t).code - 'A') < 26; }
        bool may_start_title(std::size_t t) { return slot_of(t).facts.title_first != 0; }
        bool may_end_title(std::size_t t) {
            if (auto const i = t % key_cache.slots.size(); key_cache.tokens[i] == t) return key_cache.slots[i].facts.title_last != 0;
            // Asked of the word before most runs: when it is plain lower case, it is its own key
            // and needs no folding (nor a slot, unless a title may end there).
            if (plain_lower(t)) {
                auto const r = raw(t);
                if (!lex.title_last_filter.may_hold(r) || lex.words.find(r).title_last == 0) return false;
            }
            return slot_of(t).facts.title_last != 0;
        }
        /// Whether token `t` is only a-z, hyphens and apostrophes: its own key.
        bool plain_lower(std::size_t t) const {
            auto const begin = tok[t].begin, len = tok[t].end - begin;
#if defined(__SSE2__)
            if (len <= 16 && text.size() - begin >= 16) { // one vector step
                __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + begin));
                __m128i const lower =
                    _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
                __m128i const joint = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
                auto const ok = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(lower, joint)));
                auto const in_word = (1u << len) - 1u;
                return (ok & in_word) == in_word;
            }
#endif
            auto const r = raw(t);
            return std::all_of(r.begin(), r.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '\''; });
        }
        /// 'o' organisation head word, 'p' place-name prefix, 0 neither.
        char word_class(std::size_t t) { return slot_of(t).facts.word_class; }
        char title_group(std::string_view k) const { return lex.titles.find(k); }
        /// Whether token `t` is a lower-case particle or connector (`kinds`), without branches
        /// on the word's length or bytes: its first eight bytes, masked to its length, looked up once.
        [[gnu::always_inline]] bool lower_word(std::size_t t, unsigned kinds) const {
            using namespace detail::names;
            if (!has(t, lower_case)) return false; // most tokens asked are capitalised
            auto const begin = tok[t].begin, len = tok[t].end - begin;
            std::uint64_t v;
            if (std::endian::native == std::endian::little && text.size() - begin >= 8) [[likely]] {
                std::memcpy(&v, text.data() + begin, 8);
                v &= detail::first_bytes(std::min<std::size_t>(len, 8));
            } else {
                v = packed(raw(t));
            }
            return small_words.holds(v, kinds);
        }

        /// Whether token `t` continues the phrase of the token before it: a plain space, or
        /// the period of an abbreviated title ("Gen. Laura Richardson").
        [[gnu::always_inline]] bool joined(std::size_t t) {
            if (t == 0 || !has(t, detail::names::adjacent)) return false;
            if (has(t, detail::names::after_space)) return true;
            return joined_by_period(t);
        }
        /// joined() when more than one space separates the words.
        [[gnu::noinline]] bool joined_by_period(std::size_t t) {
            auto const gap = text.substr(tok[t - 1].end, tok[t].begin - tok[t - 1].end);
            if (gap.size() < 2 || gap[0] != '.' || has(t - 1, detail::names::possessive)) return false;
            for (std::size_t i = 1; i < gap.size(); ++i)
                if (gap[i] != ' ') return false;
            char const g = slot_of(t - 1).facts.title;
            return g == 'a' || g == '5';
        }

        /// The longest title phrase starting at token `p` and ending at or before `limit`:
        /// its end token index (exclusive) and group, or {p, 0}.
        [[gnu::always_inline]] std::pair<std::size_t, char> title_at(std::size_t p, std::size_t limit) {
            if (!may_start_title(p)) return {p, 0}; // most words
            return title_starting_at(p, limit);
        }
        [[gnu::noinline]] std::pair<std::size_t, char> title_starting_at(std::size_t p, std::size_t limit) {
            std::pair<std::size_t, char> best{p, 0};
            // The same word is asked about by several passes over its run: remember the answer.
            auto& c = slot_of(p);
            if (c.title_known && c.title_end <= limit) {
                if (c.title_group != 0) cue_text = c.title_text;
                return {c.title_group != 0 ? c.title_end : p, c.title_group};
            }
            bool cut = false;
            best = longest_title_at(p, limit, cut);
            if (cut) return best; // a longer phrase may cross `limit`: not an answer for other limits
            auto& slot = slot_of(p); // still p's slot: the scan above stays within 6 tokens
            slot.title_known = true;
            slot.title_group = best.second;
            slot.title_end = best.second != 0 ? best.first : p;
            if (best.second != 0) slot.title_text = cue_text;
            return best;
        }

        std::pair<std::size_t, char> longest_title_at(std::size_t p, std::size_t limit, bool& cut) {
            std::pair<std::size_t, char> best{p, 0};
            phrase.clear();
            cut = p + 6 > limit;
            for (std::size_t q = p; q < limit && q < p + 6; ++q) {
                if (q > p) {
                    if (!joined(q)) {
                        cut = false;
                        break;
                    }
                    phrase.push_back(' ');
                }
                phrase += key(q);
                auto const& facts = slot_of(q).facts;
                if (char const g = q == p ? facts.title : title_group(phrase); g != 0 && g != '7') {
                    best = {q + 1, g};
                    cue_text = phrase;
                }
                // No longer phrase is a title: the answer holds for any limit.
                if (q == p ? facts.title_prefix == 0 : lex.title_prefixes.find(phrase) == 0) {
                    cut = false;
                    break;
                }
            }
            return best;
        }

        /// The group of a title phrase that ends exactly at token `k` (0 when none).
        [[gnu::always_inline]] char title_ending_at(std::size_t k) {
            if (!may_end_title(k)) return 0; // most words, without a call
            return title_phrase_ending_at(k);
        }
        [[gnu::noinline]] char title_phrase_ending_at(std::size_t k) {
            char found = 0;
            for (std::size_t len = 1; len <= 6 && len <= k + 1; ++len) {
                std::size_t const start = k + 1 - len;
                if (start < k && !joined(start + 1)) break;
                phrase.clear();
                for (std::size_t t = start; t <= k; ++t) {
                    if (t > start) phrase.push_back(' ');
                    phrase += key(t);
                }
                auto const& facts = slot_of(k).facts;
                if (char const g = len == 1 ? facts.title : title_group(phrase); g != 0 && g != '7') {
                    found = g;
                    cue_text = phrase;
                }
                if (len == 1 ? facts.title_suffix == 0 : lex.title_suffixes.find(phrase) == 0) break; // none longer
            }
            return found;
        }

        // ---- pass 1: runs of capitalised words and what they are
        /// In a headline, a capitalised common word is just a word: it ends a name.
        [[gnu::always_inline]] bool headline_word(std::size_t t) { return in_headline && common_in_headline(t); }
        [[gnu::noinline]] bool common_in_headline(std::size_t t) {
            return has(t, detail::names::capitalised) && !has(t, detail::names::all_caps) && is_common(t) && !given(t) &&
                   !may_start_title(t);
        }
        bool in_headline = false;

        void find_candidates() {
            using namespace detail::names;
            std::size_t const n = toks.size();
            // Most words are neither capitalised nor the first of a line: nothing to do there.
            // The scan jumps from one such token to the next by a bit mask, built without a
            // branch per token (the test "is this one?" would be data-dependent, often missed).
            marked.resize(n / 64 + 1);
            auto const is_marked = [&](std::size_t t) { return std::uint64_t{(tok[t].flags & (capitalised | line_start)) != 0}; };
            // Whole words of 64 tokens: each token's bit shifted in at the top, by constant shifts
            // (a shift by a variable count is three micro-ops on Intel cores).
            for (std::size_t w = 0; w < n / 64; ++w) {
                std::uint64_t bits = 0;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 16
#endif
                for (std::size_t k = 0; k < 64; ++k) bits = bits >> 1 | is_marked(w * 64 + k) << 63;
                marked[w] = bits;
            }
            std::uint64_t last = 0;
            for (std::size_t t = n / 64 * 64; t < n; ++t) last |= is_marked(t) << (t % 64);
            marked[n / 64] = last;
            for (std::size_t i = 0; i < n;) {
                std::uint64_t bits = marked[i / 64] >> (i % 64);
                while (bits == 0) {
                    i = (i | 63) + 1;
                    if (i >= n) return;
                    bits = marked[i / 64];
                }
                i += static_cast<std::size_t>(std::countr_zero(bits));
                if (has(i, line_start)) in_headline = has(i, headline); // a title-case line
                if (!has(i, capitalised) || headline_word(i)) {
                    ++i;
                    continue;
                }
                std::size_t e = i + 1;
                bool lower_inside = false; // lower-case words inside the run
                while (e < n && !has(e - 1, possessive) && !has(e, line_start)) {
                    if (!joined(e)) break;
                    if (has(e, capitalised)) {
                        if (headline_word(e)) break;
                        ++e;
                        continue;
                    }
                    // up to two lower-case particles or connectors, then a capitalised word
                    std::size_t k = e;
                    while (k < n && k < e + 2 && (k == e || joined(k)) && !has(k, possessive) &&
                           lower_word(k, particle_word | connector_word))
                        ++k;
                    if (k == e || k >= n || !joined(k) || !has(k, capitalised)) break;
                    e = k + 1;
                    lower_inside = true;
                }
                process_run(i, e, lower_inside);
                i = e;
            }
        }

        /// A run is split at the connectors that are not part of a title ("Mrs. Thatcher and
        /// Foreign Minister Sergei Lavrov"); a title followed by "of" or "for" makes the rest
        /// its jurisdiction ("Prime Minister of India"), not a name. Only a lower-case word
        /// splits a run: most runs ("Mexico", "Andrés Manuel López Obrador") are one part.
        void process_run(std::size_t s, std::size_t e, bool lower_inside) {
            using namespace detail::names;
            if (!lower_inside) {
                process_part(s, e);
                return;
            }
            while (s < e) {
                std::size_t split = s;
                while (split < e && !lower_word(split, connector_word)) {
                    auto const q = has(split, capitalised) ? title_at(split, e).first : split;
                    split = q > split ? q : split + 1;
                }
                bool const ends_in_title = process_part(s, split);
                if (split >= e) return;
                if (ends_in_title && word_is(split, "of", "for")) {
                    title_run_end = e - 1;
                    organisation(split + 1, e);
                    return;
                }
                s = split + 1;
            }
        }

        /// One part of a run, without connectors outside titles. True when it ends in a title.
        bool process_part(std::size_t s, std::size_t e) {
            using namespace detail::names;
            gender_hint = 0;
            generic_cue = false;
            // A clause's capitalised first word is weak evidence: drop it when it is a common
            // word (The, However, In), unless it is a first name followed by a proper name.
            while (s < e && has(s, capitalised) && !has(s, all_caps) &&
                   (word_is(s, "the", "a", "an") || (has(s, clause_start) && is_common(s)))) {
                if (title_at(s, e).second != 0) break; // "Secretary of State Antony Blinken said"
                auto const g = given(s);
                bool const name_follows = g && s + 1 < e && has(s + 1, capitalised) && !is_common(s + 1);
                if (name_follows && (!g.word_too() || !has(s, clause_start))) break;
                ++s;
            }
            if (s >= e || !has(s, capitalised)) return false;

            // Titles inside the part: the name follows the last one ("UN Secretary General
            // Antonio Guterres"). A part that starts with a first name is a name, whatever
            // title words follow ("Mark Major").
            std::size_t name_start = s;
            std::size_t naming_title = npos; // the title just before name_start, when it names
            char cue = 0;
            if (!clear_given(s)) {
                for (std::size_t p = s; p < e; ++p) {
                    if (!has(p, capitalised)) continue;
                    auto const [q, g] = title_at(p, e);
                    if (g == 0) continue;
                    cue = g;
                    name_start = q;
                    naming_title = q == p + 1 && is_naming_title(key(p)) ? p : npos;
                    if (char const tg = title_gender(cue_text); tg != 0) gender_hint = tg;
                    if (q < e && clear_given(q)) break; // the name has begun
                    p = q - 1;
                }
            }
            if (name_start == e) {
                title_run_end = e - 1;
                return true;
            }
            bool const after_title_run = cue == 0 && s > 0 && title_run_end == s - 1 && has(s, adjacent) && has(s, after_comma);
            bool apposition = after_title_run;
            if (cue == 0 && s > 0) {
                // A title just before the run: "the president Javier Milei", "founder Julian
                // Assange"; or an apposition: "the Foreign Minister, Sergei Lavrov".
                if (joined(s)) cue = title_ending_at(s - 1);
                else if (has(s, adjacent) && has(s, after_comma)) apposition = (cue = apposition_cue(s)) != 0;
                if (cue != 0) {
                    if (char const tg = title_gender(cue_text); tg != 0) gender_hint = tg;
                    // Generic roles name too much else to cue a single word ("the official
                    // Xinhua agency"): they count only before a full name.
                    generic_cue = is_generic_role(cue_text);
                }
            }
            if (after_title_run && cue == 0) cue = '2';
            classify(name_start, e, cue, apposition, naming_title);
            return false;
        }

        bool generic_cue = false;

        /// "the president of the Senate, Olga Sánchez Cordero": a title, possibly followed by
        /// "of/for [the] Place", just before the comma.
        char apposition_cue(std::size_t s) {
            using namespace detail::names;
            std::size_t k = s - 1;
            if (char const g = title_ending_at(k)) return g;
            for (int steps = 0; steps < 5 && k > 0; ++steps) {
                if (k + 1 < s && !joined(k + 1)) return 0;
                if (lower_word(k, connector_word) && word_is(k, "of", "for")) {
                    if (!joined(k)) return 0;
                    return title_ending_at(k - 1);
                }
                if (!has(k, capitalised) && !word_is(k, "the")) return 0;
                --k;
            }
            return 0;
        }

        void organisation(std::size_t a, std::size_t b) {
            using namespace detail::names;
            while (a < b && (word_is(a, "the") || lower_word(a, connector_word))) ++a;
            if (b - a >= 2 && word_class(b - 1) == 'o' && has(a, capitalised))
                cands.push_back({a, b, candidate_kind::organisation, 0, npos});
        }

        void classify(std::size_t a, std::size_t b, char cue, bool apposition, std::size_t naming_title) {
            using namespace detail::names;
            while (a < b && word_is(a, "the")) ++a;
            // "Miss Universe Alicia Machado": after a title, a common word is part of the title.
            while (cue != 0 && a + 1 < b && is_common(a) && !given(a)) ++a;
            if (a >= b) return;
            std::size_t const n = b - a;
            // (Tests joined by & and | below are one branch: each alone would be data-dependent.)
            char const last_class = word_class(b - 1);
            if ((n >= 2) & (last_class == 'o')) {
                organisation(a, b);
                return;
            }
            if ((word_class(a) == 'p') | (last_class == 'l')) return; // San Francisco, Washington Monument
            bool all_caps_only = true, any_common = false;
            std::size_t names = 0;
            for (std::size_t t = a; t < b; ++t) {
                all_caps_only = all_caps_only && has(t, all_caps);
                bool const particle = lower_word(t, particle_word);
                names += !particle;
                if (!particle && is_common(t)) any_common = true;
            }
            bool const last_common = is_common(b - 1);
            auto const g = given(a);
            bool strong = false;
            if ((n <= 6) & (!all_caps_only) & (!last_common)) {
                if (cue != 0 && !apposition) strong = n >= 2 || (!is_common(a) && !generic_cue);
                else if (cue != 0) strong = n >= 2 && !any_common;
                // A name does not end in an initial or an acronym ("Washington D.C."), but may end
                // in a regnal numeral ("Louis XIV").
                if (((!strong) & static_cast<bool>(g) & (n >= 2) & (names <= 4)) && has(a + 1, capitalised) &&
                    (!has(b - 1, all_caps) || regnal_numeral(b - 1)) && raw(b - 1).back() != '.')
                    strong = !g.word_too() || (!is_common(a + 1) && !has(a, clause_start));
            }
            candidate c{a, b, strong ? candidate_kind::person : candidate_kind::weak_person, gender_hint, npos};
            if (naming_title != npos && naming_title + 1 == a) c.naming_title = naming_title;
            if ((!strong) & ((n > 3) | (any_common & (n > 1)))) return;
            if (strong) c.alias = alias_after(b);
            cands.push_back(c);
        }

        /// "Andrés Manuel López Obrador (aka AMLO)": the token of the alias, or npos.
        std::size_t alias_after(std::size_t b) {
            using namespace detail::names;
            if (b >= toks.size() || !has(b, adjacent) || !has(b, after_paren)) return npos;
            std::size_t t = b;
            bool const introduced = has(t, lower_case);
            if (introduced) {
                std::string_view const k = key(t);
                if (k == "aka" || k == "or") ++t;
                else if (k == "also" && t + 2 < toks.size() && word_is(t + 1, "known") && word_is(t + 2, "as")) t += 3;
                else if (k == "known" && t + 1 < toks.size() && word_is(t + 1, "as")) t += 2;
                else if (k == "a" && raw(t).size() == 1 && text.substr(tok[t].end, 5) == ".k.a.") t += 1;
                else return npos;
                while (t < toks.size() && tok[t].begin < tok[b].end + 24 && has(t, lower_case)) ++t; // "k", "a"
            }
            if (t >= toks.size() || !has(t, capitalised) || (t > b && !has(t, adjacent))) return npos;
            // Without "aka", only an acronym is an alias: "(R-Utah)" and "(D)" are not.
            if (!introduced && !has(t, all_caps)) return npos;
            auto const rest = text.substr(tok[t].end, 4);
            auto const close = rest.find(')');
            if (close == std::string_view::npos || rest.substr(0, close).find_first_not_of(' ') != std::string_view::npos)
                return npos;
            return t;
        }

        // ---- pass 2: link candidates into entities and merge them with the existing mentions
        std::pmr::vector<detail::names::cluster> clusters{&arena};
        // surname, other name or alias -> the clusters it names, oldest first
        detail::names::text_map<std::pmr::vector<std::uint32_t>> by_key{&arena};
        detail::names::text_map<std::pmr::vector<std::string_view>> by_prefix{&arena}; // first 6 bytes -> keys
        detail::names::text_map<std::uint32_t> orgs{&arena};
        detail::names::text_map<std::uint32_t> aliases{&arena}; // "(aka AMLO)" -> cluster

        /// Spelling variants of one name (Zelenski, Zelensky, Zelenskiy; Antony, Anthony):
        /// equal, or from six bytes on with the same first letter and at most two edits.
        static bool same_name(std::string_view a, std::string_view b) {
            if (a == b) return true;
            return a.size() >= 6 && b.size() >= 6 && a[0] == b[0] && detail::names::bounded_edit_distance(a, b, 2) <= 2;
        }

        /// The clusters `k` names (exactly, or as a spelling variant), or null.
        std::pmr::vector<std::uint32_t> const* named_by(std::string_view k) {
            if (auto const* ids = by_key.find(k)) return ids;
            if (k.size() < 6) return nullptr;
            if (auto const* others = by_prefix.find(k.substr(0, 6)))
                for (auto const other : *others)
                    if (same_name(k, other)) return by_key.find(other);
            return nullptr;
        }

        /// The person `k` names: with a first name, the cluster with a compatible one (or none
        /// known); without, the latest cluster it named.
        std::optional<std::uint32_t> lookup(std::string_view k, std::string_view first_given = {}) {
            auto const* ids = named_by(k);
            if (!ids) return std::nullopt;
            if (first_given.empty()) return ids->back();
            for (auto it = ids->rbegin(); it != ids->rend(); ++it) {
                auto const& other = clusters[*it].first_given;
                if (other.empty() || same_name(other, first_given)) return *it;
            }
            return std::nullopt; // another person with the same surname
        }
        bool cluster_has_key(std::uint32_t id, std::string_view k) {
            auto const* ids = named_by(k);
            return ids && std::find(ids->begin(), ids->end(), id) != ids->end();
        }
        void add_key(std::string_view k, std::uint32_t c) {
            if (k.empty()) return;
            // (by_prefix keeps the map's copy of the key: `k` may be a key cache slot's.)
            auto const [ids, fresh, kept] = by_key.try_emplace(k);
            if (fresh && k.size() >= 6) by_prefix.try_emplace(k.substr(0, 6)).value->push_back(kept);
            if (std::find(ids->begin(), ids->end(), c) == ids->end()) ids->push_back(c);
        }
        bool particle(std::size_t t) { return lower_word(t, detail::names::particle_word); }

        /// The first existing mention that ends after `begin` (index in doc.mentions).
        std::size_t first_ending_after(std::size_t begin) {
            auto const& ms = doc.mentions;
            // Candidates come in text order: walk on from the last answer rather than search.
            std::size_t lo = overlap_from;
            if (begin >= overlap_after) {
                while (lo < ms.size() && ms[lo].span.end <= begin) ++lo;
            } else {
                lo = static_cast<std::size_t>(std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) {
                                                  return m.span.end <= begin;
                                              }) - ms.begin());
            }
            overlap_from = lo;   // every mention before it ends at or before
            overlap_after = begin;
            return lo;
        }
        /// Existing mentions overlapping [begin, end): index range in doc.mentions.
        std::pair<std::size_t, std::size_t> overlapping(std::size_t begin, std::size_t end) {
            auto const& ms = doc.mentions;
            auto const lo = first_ending_after(begin);
            auto hi = lo;
            while (hi < ms.size() && ms[hi].span.begin < end) ++hi;
            return {lo, hi};
        }
        std::size_t overlap_from = 0, overlap_after = 0;

        struct emitted {
            byte_span span;
            std::uint32_t cluster;
            std::size_t replace_lo, replace_hi; // existing mentions this one replaces
        };

        /// Whether a mention names a PERSON entity (compared as a view: no library call).
        bool names_person(entity_mention const& m) const {
            return m.entity < doc.entities.size() && std::string_view(doc.entities[m.entity].type) == std::string_view("PERSON");
        }

        void resolve() {
            using namespace detail::names;
            // Gazetteer people seed the clusters, so that found names take their ids.
            for (auto const& m : doc.mentions) {
                if (!names_person(m)) continue;
                auto const words = m.span.in(text);
                auto const last_space = words.find_last_of(' ');
                auto const k = folded(last_space == std::string_view::npos ? words : words.substr(last_space + 1));
                if (by_key.find(k)) continue;
                cluster c;
                c.entity = m.entity;
                clusters.push_back(c);
                add_key(k, static_cast<std::uint32_t>(clusters.size() - 1));
            }

            std::pmr::vector<emitted> out{&arena};
            // Weak names are linked below, once all names are known, and only where no existing
            // mention overlaps them (most do: "Mexico"); whether one does is known in this pass.
            struct weak_name {
                byte_span span;
                candidate const* c;
            };
            // (Kept by a count, not a branch: whether a mention overlaps varies name by name.)
            std::pmr::vector<weak_name> weak(cands.size(), &arena);
            std::size_t weak_count = 0;
            for (auto const& c : cands) {
                byte_span const span{tok[c.naming_title != npos ? c.naming_title : c.first].begin, tok[c.last - 1].end};
                if (c.kind == candidate_kind::weak_person) {
                    auto const lo = first_ending_after(span.begin);
                    weak[weak_count] = {span, &c};
                    weak_count += lo == doc.mentions.size() || doc.mentions[lo].span.begin >= span.end;
                    continue;
                }
                auto const [lo, hi] = overlapping(span.begin, span.end);
                std::optional<std::uint32_t> gazetteer_person;
                bool contains_all = true, last_word_free = true;
                for (auto i = lo; i < hi; ++i) {
                    auto const& m = doc.mentions[i];
                    if (names_person(m)) gazetteer_person = m.entity;
                    contains_all = contains_all && m.span.begin >= span.begin && m.span.end <= span.end && m.span != span;
                    last_word_free = last_word_free && m.span.end <= tok[c.last - 1].begin;
                }
                if (c.kind == candidate_kind::organisation) {
                    if (lo != hi) continue;
                    std::pmr::string k{&arena};
                    for (auto t = c.first; t < c.last; ++t) (k += key(t)) += ' ';
                    auto const org_id = orgs.try_emplace(k);
                    if (org_id.fresh) {
                        *org_id.value = static_cast<std::uint32_t>(clusters.size());
                        cluster org;
                        org.name_first = c.first;
                        org.name_last = c.last;
                        org.organisation = true;
                        clusters.push_back(org);
                    }
                    out.push_back({span, *org_id.value, lo, lo});
                    continue;
                }
                // A longer person name wins over a place or a shorter person it contains,
                // unless its last word is what the gazetteer found and nothing but an
                // ambiguous first name makes it a name ("Will Ukraine", not "Whitney Houston").
                bool const clear_first_name = lo != hi && given(c.first) && !given(c.first).word_too() &&
                                              c.last - c.first >= 2 && doc.mentions[lo].span.begin > tok[c.first].begin;
                if (lo != hi && !(contains_all && (last_word_free || gazetteer_person || clear_first_name))) continue;
                auto const id = link_person(c, gazetteer_person);
                out.push_back({span, id, lo, hi});
            }
            for (std::size_t i = 0; i < weak_count; ++i)
                if (auto const id = link_weak(*weak[i].c)) out.push_back({weak[i].span, *id, 0, 0});
            std::sort(out.begin(), out.end(), [](emitted const& a, emitted const& b) { return a.span.begin < b.span.begin; });
            emit(out);
        }

        std::uint32_t link_person(detail::names::candidate const& c, std::optional<std::uint32_t> gazetteer_person) {
            using namespace detail::names;
            std::size_t const n = c.last - c.first;
            std::string const last_key(key(c.last - 1));
            auto const g = given(c.first);
            std::string first_given = n >= 2 && g ? std::string(key(c.first)) : std::string{};
            std::optional<std::uint32_t> found = lookup(last_key, first_given);
            if (found && clusters[*found].organisation) found.reset();
            std::uint32_t id;
            if (found) {
                id = *found;
            } else {
                id = static_cast<std::uint32_t>(clusters.size());
                clusters.push_back({});
            }
            auto& cl = clusters[id];
            if (gazetteer_person && !cl.entity) cl.entity = gazetteer_person;
            if (cl.name_last == cl.name_first || n > cl.name_last - cl.name_first) {
                cl.name_first = c.first;
                cl.name_last = c.last;
                cl.naming_title = c.naming_title;
            } else if (cl.naming_title == npos && c.naming_title != npos && n == cl.name_last - cl.name_first) {
                cl.naming_title = c.naming_title; // "Francis", then "Pope Francis"
                cl.name_first = c.first;
                cl.name_last = c.last;
            }
            if (cl.first_given.empty()) cl.first_given = first_given;
            if (cl.gender == 0) {
                if (c.gender != 0) cl.gender = c.gender;
                else if (n >= 2 && g && g.gender() != 'U') cl.gender = g.gender();
            }
            for (auto t = n >= 2 ? c.first + 1 : c.first; t < c.last; ++t)
                if (!particle(t)) add_key(key(t), id);
            if (c.alias != npos) {
                add_key(key(c.alias), id);
                if (auto const alias = aliases.try_emplace(key(c.alias)); alias.fresh) *alias.value = id;
            }
            return id;
        }

        std::optional<std::uint32_t> link_weak(detail::names::candidate const& c) {
            // An acronym or a shouted word ("U.N.", "CEO") is someone only by an alias given in
            // the text, not by resembling a surname ("Kim Jong Un").
            if (c.last - c.first == 1 && has(c.first, detail::names::all_caps)) {
                if (auto const* id = aliases.find(key(c.first))) return *id;
                return std::nullopt;
            }
            auto const id = lookup(key(c.last - 1));
            if (!id || clusters[*id].organisation) return std::nullopt;
            for (auto t = c.first; t + 1 < c.last; ++t) {
                if (particle(t)) continue;
                if (!cluster_has_key(*id, key(t)) && !same_name(key(t), clusters[*id].first_given)) return std::nullopt;
            }
            return id;
        }

        /// "person:lopez_obrador": the folded name without its leading first names (at most
        /// two, keeping two names when there were three or more: "sanchez_cordero").
        std::string slug(detail::names::cluster const& cl) {
            std::size_t a = cl.name_first;
            // "J." in "Donald J. Trump" is neither a first name nor a surname.
            auto const initial = [&](std::size_t t) { return raw(t).size() <= 3 && raw(t).back() == '.'; };
            // A numeral is not counted, so "George III" keeps its given name: "iii" names nobody.
            std::size_t names = 0;
            for (auto t = a; t < cl.name_last; ++t) names += !particle(t) && !initial(t) && !regnal_numeral(t);
            std::size_t const keep = names >= 3 ? 2 : 1;
            for (int skipped = 0; !cl.organisation && a + 1 < cl.name_last;) {
                if (initial(a)) {
                    ++a;
                    continue;
                }
                if (names <= keep || skipped == 2 || !given(a)) break;
                ++skipped;
                ++a;
                --names;
            }
            std::string out = cl.organisation ? "org:" : "person:";
            for (auto t = a; t < cl.name_last; ++t) {
                if (t > a) out.push_back('_');
                for (char const ch : key(t)) {
                    auto const u = static_cast<unsigned char>(ch);
                    out.push_back(u >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_');
                }
            }
            return out;
        }

        /// Whether an entity id has the form the name finder gives ("person:", "org:"): compared
        /// in place, without a library call per entity.
        static bool made_here(std::string_view id) {
            return (id.size() >= 7 && std::memcmp(id.data(), "person:", 7) == 0) ||
                   (id.size() >= 4 && std::memcmp(id.data(), "org:", 4) == 0);
        }

        void emit(std::pmr::vector<emitted> const& found) {
            // Entities for the clusters that are mentioned, in order of first mention. Every id
            // made here starts "person:" or "org:", so only such ids can collide; the views stay
            // valid because the entities do not move after this reserve.
            std::size_t fresh = 0;
            {
                std::pmr::vector<std::uint8_t> counted(clusters.size(), 0, &arena);
                for (auto const& f : found)
                    if (!clusters[f.cluster].entity && !counted[f.cluster]) counted[f.cluster] = 1, ++fresh;
            }
            doc.entities.reserve(doc.entities.size() + fresh);
            detail::names::text_map<char> ids{&arena};
            for (auto const& e : doc.entities)
                if (made_here(e.id)) ids.try_emplace(e.id);
            for (auto const& f : found) {
                auto& cl = clusters[f.cluster];
                if (cl.entity) {
                    auto& ent = doc.entities[*cl.entity];
                    if (ent.gender == gender::unknown && cl.gender != 0)
                        ent.gender = cl.gender == 'M' ? gender::male : gender::female;
                    continue;
                }
                entity ent;
                ent.id = slug(cl);
                if (ids.find(ent.id)) {
                    auto const base = ent.id;
                    for (int suffix = 2; ids.find(ent.id); ++suffix) ent.id = base + "_" + std::to_string(suffix);
                }
                ent.type = cl.organisation ? "ORG" : "PERSON";
                auto const shown = cl.naming_title != detail::names::npos ? cl.naming_title : cl.name_first;
                ent.name = std::string(text.substr(tok[shown].begin, tok[cl.name_last - 1].end - tok[shown].begin));
                if (cl.gender == 'M') ent.gender = gender::male;
                if (cl.gender == 'F') ent.gender = gender::female;
                cl.entity = static_cast<std::uint32_t>(doc.entities.size());
                doc.entities.push_back(std::move(ent));
                ids.try_emplace(doc.entities.back().id);
            }
            // Merge: existing mentions that a found one replaces go; the rest interleave.
            std::pmr::vector<std::uint8_t> replaced(doc.mentions.size(), 0, &arena);
            for (auto const& f : found)
                for (auto i = f.replace_lo; i < f.replace_hi; ++i) replaced[i] = 1;
            std::pmr::vector<entity_mention> merged{&arena};
            merged.reserve(doc.mentions.size() + found.size());
            std::size_t i = 0;
            for (auto const& f : found) {
                for (; i < doc.mentions.size() && doc.mentions[i].span.begin < f.span.begin; ++i)
                    if (!replaced[i]) merged.push_back(doc.mentions[i]);
                merged.push_back({f.span, *clusters[f.cluster].entity});
            }
            for (; i < doc.mentions.size(); ++i)
                if (!replaced[i]) merged.push_back(doc.mentions[i]);
            doc.mentions.assign(merged.begin(), merged.end()); // into the buffer the document keeps
        }
    };
};

BYLINE_END_NAMESPACE
