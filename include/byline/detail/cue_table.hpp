#pragma once
// The quote finder's lexicon: cue words and phrases (the compiled default of cue_lexicon.hpp plus
// the user's) and the function words its patterns test, in one flat open-addressing table keyed
// by the word hash the tokenizer already computed, so each word costs one probe.
#include <byline/detail/cue_lexicon.hpp>
#include <byline/detail/quote_tokens.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail {

/// Classes of function words (bits).
enum word_class : std::uint16_t {
    wc_pronoun = 1,         ///< he, she, they, ...
    wc_determiner = 2,      ///< the, a, his, ...
    wc_auxiliary = 4,       ///< has, was, also, later, ... (between a subject and its cue)
    wc_negation = 8,        ///< not, never, didn't
    wc_np_stop = 16,        ///< lower-case words that end a noun phrase
    wc_clause_opener = 32,  ///< words that open a clause without being its subject
    wc_name_connector = 64, ///< of, de, van, ... inside a name
    wc_person_head = 128,   ///< president, spokesman, one, ...
    wc_hearer_verb = 256,   ///< told, assured, ... (take a hearer before "that")
    wc_time = 512,          ///< week, friday, yesterday, ... (adverbials, never speakers)
    wc_month = 1024,        ///< january, ..., december (with a capital: dates)
    wc_contrast = 2048,     ///< though, but, ... (open a clause of their own after a quote)
    wc_quantifier = 4096,   ///< one, several, ... (open a description like a determiner)
};

struct word_set {
    std::uint16_t bits;
};

inline constexpr std::array<std::string_view, 11> pronoun_words{"he", "she", "they", "i", "we", "it", "you",
                                                                "him", "her", "them", "us"};
// ("that" is left out: as a conjunction it is far more common in attributions)
inline constexpr std::array<std::string_view, 14> determiner_words{"the", "a", "an", "his", "her", "their", "its",
                                                                   "this", "these", "those", "our", "my", "your",
                                                                   "another"};
inline constexpr std::array<std::string_view, 34> auxiliary_words{
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "also", "later", "then", "again", "once",
    "previously", "recently", "further", "earlier", "first", "did", "does", "do", "can", "could", "may",
    "might", "should", "just", "even", "still", "often", "always", "already", "now"};
inline constexpr std::array<std::string_view, 6> negation_words{"not", "never", "didn't", "didn’t", "doesn't",
                                                                "doesn’t"};
inline constexpr std::array<std::string_view, 37> np_stop_words{
    "of", "in", "on", "at", "during", "when", "while", "after", "before", "to", "with", "from", "as", "who", "which",
    "that", "and", "but", "adding", "according", "because", "if", "since", "by", "or", "than", "about", "into",
    "where", "via", "through", "over", "under", "told", "said", "says", "whose"};
inline constexpr std::array<std::string_view, 49> clause_opener_words{
    "though", "because", "once", "whereas", "whether", "as", "in", "but", "and", "when", "after", "on", "at",
    "then", "so", "while", "since", "if", "meanwhile", "however", "also", "still", "yet", "now", "last", "during",
    "before", "despite", "although", "earlier", "later", "for", "with", "without", "under", "following", "amid",
    "amidst", "ironically", "additionally", "instead", "even", "just", "today", "yesterday", "indeed", "nor", "or",
    "moreover"};
inline constexpr std::array<std::string_view, 14> name_connector_words{"of", "the", "de", "del", "da", "dos", "la",
                                                                       "van", "von", "der", "bin", "al", "for", "to"};
inline constexpr std::array<std::string_view, 24> person_head_words{
    "one", "president", "leader", "minister", "premier", "chancellor", "senator", "governor",
    "candidate", "nominee", "mayor", "secretary", "chairman", "chairwoman", "ambassador", "congressman",
    "congresswoman", "representative", "lawmaker", "spokesman", "spokeswoman", "king", "queen", "prime"};
inline constexpr std::array<std::string_view, 23> hearer_verb_words{
    "tell", "tells", "told", "assure", "assures", "assured", "warn", "warns", "warned", "remind", "reminds",
    "reminded", "inform", "informs", "informed", "convince", "convinced", "notify", "notified", "promise",
    "promised", "promises", "telling"};

inline constexpr std::array<std::string_view, 18> time_words{
    "week", "month", "year", "day", "morning", "afternoon", "evening", "night", "weekend", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"};
inline constexpr std::array<std::string_view, 13> month_words{"january", "february", "march", "april", "may",
                                                              "june", "july", "august", "september", "october",
                                                              "november", "december", "sept"};
inline constexpr std::array<std::string_view, 9> contrast_words{"though", "although", "because", "but", "while",
                                                                "whereas", "if", "since", "unless"};
inline constexpr std::array<std::string_view, 6> quantifier_words{"one", "some", "several", "many", "two", "three"};

struct cue_info {
    cue_category category = cue_category::speech;
    std::uint16_t frequency = 0;
    bool participle = false; ///< an -ing form ("saying"): its subject is the clause's subject
    bool single = false;     ///< usable as a one-word cue (not only as a phrase's first word)
};

/// One word of the lexicon.
struct lexeme {
    std::string form; ///< lower case
    std::array<std::uint64_t, 2> packed{}; ///< the form's first 16 bytes, zero padded (find's compare)
    std::uint32_t hash = 0;
    std::uint16_t classes = 0;
    bool cue = false; ///< starts a cue (a single-word cue or a phrase)
    cue_info info;
    std::vector<std::vector<std::string>> phrases; ///< multiword cues starting here: their other words
};

class cue_table {
public:
    /// `extra`: user cues, each an inflected form or a phrase of lower-case words ("lashed out at").
    cue_table(bool with_defaults, std::vector<std::string> const& extra) {
        rehash(1024); // never empty: find probes without a check
        if (with_defaults) {
            for (auto const& e : default_cues)
                if (usable_as_cue(e.form)) add_cue(e.form, e.category, e.frequency);
            // Verbs of the seed articles' register the researched list lacks (British spellings,
            // headline verbs); kept here rather than in the generated table.
            for (std::string_view f : {"criticise", "criticises", "criticised", "criticising", "emphasise",
                                       "emphasises", "emphasised", "pan", "pans", "panned", "lash out at",
                                       "lashed out at", "lashes out at", "put it", "puts it", "liken", "likened",
                                       "likens", "laud", "lauded", "lauds", "exhort", "exhorted", "exhorts"})
                add_cue(f, cue_category::speech, 10);
        }
        // "“…,” the statement read", "“…,” Blige sings", "Protesters chanted “…”": rare enough as
        // cues that reported speech never starts at them
        if (with_defaults)
            for (std::string_view f :
                 {"read", "reads", "sing", "sings", "sang", "chant", "chants", "chanted", "chanting", "ruled",
                  "characterize", "characterizes", "characterized"})
                add_cue(f, cue_category::speech, 1);
        for (auto const& f : extra) add_cue(f, cue_category::speech, 10);
        add_class(pronoun_words, wc_pronoun);
        add_class(determiner_words, wc_determiner);
        add_class(auxiliary_words, wc_auxiliary);
        add_class(negation_words, wc_negation);
        add_class(np_stop_words, wc_np_stop);
        add_class(clause_opener_words, wc_clause_opener);
        add_class(name_connector_words, wc_name_connector);
        add_class(person_head_words, wc_person_head);
        add_class(hearer_verb_words, wc_hearer_verb);
        add_class(time_words, wc_time);
        add_class(month_words, wc_month);
        add_class(contrast_words, wc_contrast);
        add_class(quantifier_words, wc_quantifier);
        for (auto const& l : lexemes_)
            if (l.cue) {
                auto const h = cue_start_hash(l.form.data(), l.form.size(), l.form.size());
                cue_starts_[cue_start_row(h)] |= cue_start_bit(h);
            }
    }

    /// The table's arrays, copied out for a loop that stores between lookups (the compiler
    /// would otherwise reload them from the table for every word).
    class view {
    public:
        /// The index of the entry spelled like the `n` bytes at `word` (ASCII case-insensitively),
        /// or no_entry; `readable`: how many bytes from `word` may be read.
        [[nodiscard]] std::uint32_t find(char const* word, std::size_t n, std::size_t readable) const noexcept {
            if (readable < 16) { // (then n <= readable < 16)
                char buf[16] = {};
                std::memcpy(buf, word, n);
                return find(buf, n, 16);
            }
            return find_padded(word_hash_padded(word, n), word, n);
        }
        /// find() for a word of 16 readable bytes whose word_hash_padded is `hash`.
        [[nodiscard]] std::uint32_t find_padded(std::uint32_t hash, char const* word, std::size_t n) const noexcept {
            // a slot holds the entry's hash beside its index, so a miss never touches the lexemes
            for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
                auto const s = slots_[i];
                if (s == empty_slot) return no_entry;
                if (static_cast<std::uint32_t>(s >> 32) != hash) continue;
                auto const index = static_cast<std::uint32_t>(s);
                if (same_word(lexemes_[index], word, n)) return index;
            }
        }
        [[nodiscard]] lexeme const* find(std::string_view word) const noexcept {
            auto const index = find(word.data(), word.size(), word.size());
            return index == no_entry ? nullptr : &lexemes_[index];
        }
        [[nodiscard]] lexeme const& operator[](std::uint32_t index) const noexcept { return lexemes_[index]; }

        /// Whether the `n` (> 0) bytes at `word`, of which `readable` may be read, may start a cue
        /// (false: they surely do not), by their first eight bytes and length: one bit test, so
        /// that a caller can leave the other words' lookups until it needs them (about one word
        /// in sixteen passes, nine in ten of them starting a cue).
        [[nodiscard]] bool may_start_cue(char const* word, std::size_t n, std::size_t readable) const noexcept {
            auto const h = cue_start_hash(word, n, readable);
            return (cue_starts_[cue_start_row(h)] & cue_start_bit(h)) != 0;
        }

    private:
        friend class cue_table;
        view(std::uint64_t const* slots, std::size_t mask, lexeme const* lexemes, std::uint64_t const* cue_starts) noexcept
            : slots_(slots), mask_(mask), lexemes_(lexemes), cue_starts_(cue_starts) {}
        std::uint64_t const* slots_;
        std::size_t mask_;
        lexeme const* lexemes_;
        std::uint64_t const* cue_starts_;
    };
    [[nodiscard]] view lookup() const noexcept { return {slots_.data(), mask_, lexemes_.data(), cue_starts_.data()}; }

    /// See view::find.
    [[nodiscard]] lexeme const* find(std::string_view word) const noexcept { return lookup().find(word); }

private:
    static constexpr std::uint64_t empty_slot = ~std::uint64_t{0};
    /// The cue filter (see view::may_start_cue): a bit per hash of a word's first eight bytes
    /// (case_folded_bytes, as word_hash_padded sees them) and length, of which the top
    /// bits pick a row and the next ones the bit (one multiply, no branch on the length; an
    /// earlier filter by first, second and last byte and length passed one word in eight,
    /// half of them no cue).
    [[nodiscard]] static std::uint64_t cue_start_hash(char const* word, std::size_t n, std::size_t readable) noexcept {
        std::uint64_t a = 0;
        if (readable >= 8) [[likely]] std::memcpy(&a, word, 8);
        else std::memcpy(&a, word, n); // (then n <= readable < 8)
        return (case_folded_bytes(a, n) ^ n) * 0x9E3779B97F4A7C15ull;
    }
    [[nodiscard]] static std::size_t cue_start_row(std::uint64_t h) noexcept { return static_cast<std::size_t>(h >> 54); }
    [[nodiscard]] static std::uint64_t cue_start_bit(std::uint64_t h) noexcept { return std::uint64_t{1} << ((h >> 48) & 63); }
    [[nodiscard]] static std::uint64_t slot_of(std::uint32_t hash, std::size_t index) noexcept {
        return (std::uint64_t{hash} << 32) | index;
    }

    /// Whether the `n` bytes at `word` (16 readable when n <= 16) spell l.form, ASCII case-insensitively.
    static bool same_word(lexeme const& l, char const* word, std::size_t n) noexcept {
        if (l.form.size() != n) return false;
        if (n > 16) return same_word(l.form, {word, n});
        std::uint64_t a = 0, b = 0;
        std::memcpy(&a, word, 8);
        if ((ascii_lower8(a) & first_bytes(n < 8 ? n : 8)) != l.packed[0]) return false;
        if (n <= 8) return true;
        std::memcpy(&b, word + 8, 8);
        return (ascii_lower8(b) & first_bytes(n - 8)) == l.packed[1];
    }

    static bool same_word(std::string_view lower, std::string_view word) noexcept {
        if (lower.size() != word.size()) return false;
        for (std::size_t i = 0; i < word.size(); ++i) {
            char c = word[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            if (c != lower[i]) return false;
        }
        return true;
    }

    /// Entries of the researched list that name a source or hedge but cannot head an attribution
    /// pattern here: adverbs ("reportedly"), nouns ("spokesman") and adjunct phrases ("in a
    /// statement", which modify a cue rather than being one).
    static bool usable_as_cue(std::string_view form) noexcept {
        for (std::string_view w : {"per", "reportedly", "allegedly", "purportedly", "spokesman", "spokeswoman",
                                   "spokesperson"})
            if (form == w) return false;
        auto const first = form.substr(0, form.find(' '));
        if (first.size() == form.size()) return true;
        for (std::string_view w : {"in", "at", "a", "an", "the", "as", "under", "people", "who", "did", "speaking",
                                   "sources", "put", "on"})
            if (first == w) return false;
        return true;
    }

    lexeme& entry(std::string const& lower) {
        auto const h = word_hash(lower.data(), lower.size(), lower.size());
        // at most a quarter full: most words of a text miss, and a miss ends at an empty slot
        if (lexemes_.size() * 4 >= slots_.size()) rehash(slots_.size() * 2);
        std::size_t i = h & mask_;
        for (;; i = (i + 1) & mask_) {
            if (slots_[i] == empty_slot) break;
            auto& l = lexemes_[static_cast<std::uint32_t>(slots_[i])];
            if (l.hash == h && l.form == lower) return l;
        }
        slots_[i] = slot_of(h, lexemes_.size());
        lexeme l{lower, {}, h, 0, false, {}, {}};
        std::memcpy(l.packed.data(), lower.data(), std::min<std::size_t>(lower.size(), 16));
        lexemes_.push_back(std::move(l));
        return lexemes_.back();
    }

    void rehash(std::size_t size) {
        slots_.assign(size, empty_slot);
        mask_ = size - 1;
        for (std::size_t k = 0; k < lexemes_.size(); ++k) {
            std::size_t i = lexemes_[k].hash & mask_;
            while (slots_[i] != empty_slot) i = (i + 1) & mask_;
            slots_[i] = slot_of(lexemes_[k].hash, k);
        }
    }

    template <std::size_t N>
    void add_class(std::array<std::string_view, N> const& words, word_class c) {
        for (auto w : words) entry(std::string(w)).classes |= c;
    }

    void add_cue(std::string_view form, cue_category category, std::uint16_t frequency) {
        std::vector<std::string> words;
        std::size_t p = 0;
        while (p < form.size()) {
            auto q = form.find(' ', p);
            if (q == std::string_view::npos) q = form.size();
            if (q > p) {
                std::string w(form.substr(p, q - p));
                for (auto& ch : w)
                    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
                words.push_back(std::move(w));
            }
            p = q + 1;
        }
        if (words.empty()) return;
        auto& l = entry(words.front());
        l.cue = true;
        if (words.size() == 1) {
            if (!l.info.single || frequency > l.info.frequency) {
                l.info.category = category;
                l.info.frequency = frequency;
            }
            l.info.single = true;
            l.info.participle = words.front().size() > 4 && words.front().ends_with("ing");
        } else {
            if (!l.info.single) l.info.category = category;
            l.phrases.emplace_back(words.begin() + 1, words.end());
        }
    }

    std::vector<lexeme> lexemes_;
    std::vector<std::uint64_t> slots_;
    std::size_t mask_ = 0;
    std::array<std::uint64_t, 1024> cue_starts_{}; ///< the filter's rows (see may_start_cue)
};

} // namespace detail
BYLINE_END_NAMESPACE
