#pragma once
// The cue lexicon as a lookup table: the compiled default (cue_lexicon.hpp) plus the user's cues.
// Single words are found by one hash probe; multiword cues are keyed by their first word.
#include <byline/detail/cue_lexicon.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail {

struct cue_info {
    cue_category category = cue_category::speech;
    std::uint16_t frequency = 0;
    bool participle = false; ///< an -ing form ("saying"): its subject is the clause's subject
    bool single = false;     ///< usable as a one-word cue (not only as a phrase's first word)
};

struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class cue_table {
public:
    /// `extra`: user cues, each an inflected form or a phrase of lowercase words ("lashed out at").
    cue_table(bool with_defaults, std::vector<std::string> const& extra) {
        if (with_defaults) {
            for (auto const& e : default_cues)
                if (usable_as_cue(e.form)) add(e.form, e.category, e.frequency);
            // Verbs of the seed articles' register the researched list lacks (British spellings,
            // headline verbs); kept here rather than in the generated table.
            for (std::string_view f : {"criticise", "criticises", "criticised", "criticising", "emphasise",
                                       "emphasises", "emphasised", "pan", "pans", "panned", "lash out at",
                                       "lashed out at", "lashes out at"})
                add(f, cue_category::speech, 10);
        }
        for (auto const& f : extra) add(f, cue_category::speech, 10);
    }

    [[nodiscard]] cue_info const* word(std::string_view lower) const noexcept {
        auto const it = words_.find(lower);
        return it == words_.end() ? nullptr : &it->second;
    }
    /// Phrases starting with `lower`, each as the list of its remaining words.
    [[nodiscard]] std::vector<std::vector<std::string>> const* phrases(std::string_view lower) const noexcept {
        auto const it = phrases_.find(lower);
        return it == phrases_.end() ? nullptr : &it->second;
    }

private:
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

    void add(std::string_view form, cue_category category, std::uint16_t frequency) {
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
        auto& info = words_[words.front()];
        if (words.size() == 1) {
            if (!info.single || frequency > info.frequency) {
                info.category = category;
                info.frequency = frequency;
            }
            info.single = true;
            info.participle = words.front().size() > 4 && words.front().ends_with("ing");
        } else {
            if (!info.single) info.category = category;
            phrases_[words.front()].emplace_back(words.begin() + 1, words.end());
        }
    }

    std::unordered_map<std::string, cue_info, string_hash, std::equal_to<>> words_;
    std::unordered_map<std::string, std::vector<std::vector<std::string>>, string_hash, std::equal_to<>> phrases_;
};

} // namespace detail
BYLINE_END_NAMESPACE
