#pragma once
// Names without a gazetteer: people (and some organisations) found from the text itself, and
// the mentions of one entity linked across the document under one id.
#include <byline/document.hpp>
#include <byline/detail/names_tables.hpp>
#include <byline/detail/names_tokens.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

BYLINE_BEGIN_NAMESPACE
namespace detail::names {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// Lower-case words that may sit inside a name: particles (da Silva, van der Bellen, bin Salman).
[[nodiscard]] inline bool is_particle(std::string_view w) noexcept {
    static constexpr std::array<std::string_view, 24> particles{
        "de", "del", "della", "dei", "da", "das", "do", "dos", "du", "di", "van", "von",
        "der", "den", "ter", "bin", "ibn", "al", "el", "la", "le", "y", "zu", "bint"};
    return std::find(particles.begin(), particles.end(), w) != particles.end();
}

/// Lower-case words that join the parts of an organisation's or office's name.
[[nodiscard]] inline bool is_connector(std::string_view w) noexcept {
    return w == "of" || w == "for" || w == "and" || w == "the";
}

/// First words of place names that given-name lists also hold (San Francisco, Costa Rica).
[[nodiscard]] inline bool is_place_prefix(std::string_view key) noexcept {
    static constexpr std::array<std::string_view, 30> prefixes{
        "san", "santa", "santo", "sao", "costa", "puerto", "porto", "port", "fort", "mount",
        "lake", "new", "los", "las", "el", "rio", "buenos", "nueva", "nuevo", "ciudad",
        "saint", "sainte", "st", "north", "south", "east", "west", "central", "great", "united"};
    return std::find(prefixes.begin(), prefixes.end(), key) != prefixes.end();
}

/// Last words of organisation names (Workers' Party, Southern Command, Central Bank).
[[nodiscard]] inline bool is_org_head(std::string_view key) noexcept {
    static constexpr std::array<std::string_view, 44> heads{
        "ministry", "department", "university", "party", "bank", "council", "committee",
        "commission", "agency", "institute", "foundation", "association", "court", "corporation",
        "company", "group", "union", "federation", "organization", "organisation", "league",
        "movement", "front", "alliance", "command", "forces", "army", "navy", "parliament",
        "assembly", "chamber", "board", "secretariat", "service", "times", "post", "news",
        "network", "church", "college", "inc", "corp", "ltd", "llc"};
    return std::find(heads.begin(), heads.end(), key) != heads.end();
}

/// Roles that describe rather than address ("the official Xinhua agency", "deputy Mayor").
[[nodiscard]] inline bool is_generic_role(std::string_view key) noexcept {
    static constexpr std::array<std::string_view, 18> generic{
        "official", "senior official", "government official", "deputy", "representative", "speaker",
        "chair", "private", "major", "general", "marine", "justice", "head", "leader", "agent",
        "specialist", "executive", "model"};
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

enum class candidate_kind : std::uint8_t { person, weak_person, organisation };

/// A stretch of tokens [first, last) that may name someone.
struct candidate {
    std::size_t first = 0, last = 0;
    candidate_kind kind = candidate_kind::weak_person;
    char gender = 0;           ///< from a gendered title
    std::size_t alias = npos;  ///< token introduced as an alias: "X (aka AMLO)"
};

/// The people of one document as they are found, and the keys that link later mentions.
struct cluster {
    std::size_t name_first = 0, name_last = 0; ///< tokens of the fullest mention
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

private:
    detail::names::lexicons const* lex_;

    class work {
    public:
        work(detail::names::lexicons const& lexicons, document& d) : lex(lexicons), doc(d), text(d.text) {}

        void run() {
            using namespace detail::names;
            tokenize(text, doc.sentences, toks);
            keys.assign(toks.size(), std::string{});
            key_ready.assign(toks.size(), 0);
            find_candidates();
            resolve();
        }

    private:
        detail::names::lexicons const& lex;
        document& doc;
        std::string_view text;
        std::vector<detail::names::token> toks{};
        std::vector<detail::names::candidate> cands{};
        std::vector<std::string> keys{};          // folded token text, filled lazily
        std::vector<std::uint8_t> key_ready{};
        std::string phrase{};
        std::size_t title_run_end = detail::names::npos; // last token of a run ending in a title
        std::string cue_text{};   // the title phrase last matched
        char gender_hint = 0;     // from a gendered title before the current run

        // ---- token helpers
        std::string_view raw(std::size_t t) const { return text.substr(toks[t].begin, toks[t].end - toks[t].begin); }
        std::string const& key(std::size_t t) {
            if (!key_ready[t]) {
                detail::names::append_folded(keys[t], raw(t));
                // "U.S." and "Gen." fold without their periods
                keys[t].erase(std::remove(keys[t].begin(), keys[t].end(), '.'), keys[t].end());
                key_ready[t] = 1;
            }
            return keys[t];
        }
        bool has(std::size_t t, std::uint16_t f) const { return toks[t].has(f); }
        bool is_common(std::size_t t) { return lex.common.find(key(t)) != 0; }
        detail::names::given_name given(std::size_t t) { return {lex.given.find(key(t))}; }
        char title_group(std::string_view k) const { return lex.titles.find(k); }
        bool lower_word(std::size_t t, bool (*pred)(std::string_view) noexcept) {
            return has(t, detail::names::lower_case) && pred(raw(t));
        }

        /// Whether token `t` continues the phrase of the token before it: a plain space, or
        /// the period of an abbreviated title ("Gen. Laura Richardson").
        bool joined(std::size_t t) {
            if (t == 0) return false;
            if (has(t, detail::names::after_space)) return true;
            auto const gap = text.substr(toks[t - 1].end, toks[t].begin - toks[t - 1].end);
            if (gap.size() < 2 || gap[0] != '.' || has(t - 1, detail::names::possessive)) return false;
            for (std::size_t i = 1; i < gap.size(); ++i)
                if (gap[i] != ' ') return false;
            char const g = title_group(key(t - 1));
            return g == 'a' || g == '5';
        }

        /// The longest title phrase starting at token `p` and ending at or before `limit`:
        /// its end token index (exclusive) and group, or {p, 0}.
        std::pair<std::size_t, char> title_at(std::size_t p, std::size_t limit) {
            std::pair<std::size_t, char> best{p, 0};
            phrase.clear();
            for (std::size_t q = p; q < limit && q < p + 6; ++q) {
                if (q > p) {
                    if (!joined(q)) break;
                    phrase.push_back(' ');
                }
                phrase += key(q);
                if (char const g = title_group(phrase); g != 0 && g != '7') {
                    best = {q + 1, g};
                    cue_text = phrase;
                }
            }
            return best;
        }

        /// The group of a title phrase that ends exactly at token `k` (0 when none).
        char title_ending_at(std::size_t k) {
            char found = 0;
            for (std::size_t len = 1; len <= 6 && len <= k + 1; ++len) {
                std::size_t const start = k + 1 - len;
                if (start < k && !joined(start + 1)) break;
                phrase.clear();
                for (std::size_t t = start; t <= k; ++t) {
                    if (t > start) phrase.push_back(' ');
                    phrase += key(t);
                }
                if (char const g = title_group(phrase); g != 0 && g != '7') {
                    found = g;
                    cue_text = phrase;
                }
            }
            return found;
        }

        // ---- pass 1: runs of capitalised words and what they are
        void find_candidates() {
            using namespace detail::names;
            std::size_t const n = toks.size();
            for (std::size_t i = 0; i < n;) {
                if (!has(i, capitalised)) {
                    ++i;
                    continue;
                }
                std::size_t e = i + 1;
                while (e < n && !has(e - 1, possessive)) {
                    if (!joined(e)) break;
                    if (has(e, capitalised)) {
                        ++e;
                        continue;
                    }
                    // up to two lower-case particles or connectors, then a capitalised word
                    std::size_t k = e;
                    while (k < n && k < e + 2 && (k == e || joined(k)) && !has(k, possessive) &&
                           (lower_word(k, is_particle) || lower_word(k, is_connector)))
                        ++k;
                    if (k == e || k >= n || !joined(k) || !has(k, capitalised)) break;
                    e = k + 1;
                }
                process_run(i, e);
                i = e;
            }
        }

        void process_run(std::size_t s, std::size_t e) {
            using namespace detail::names;
            // A clause's capitalised first word is weak evidence: drop it when it is a common
            // word (The, However, In), unless it is a first name followed by a proper name.
            while (s < e && has(s, capitalised) && !has(s, all_caps) &&
                   (key(s) == "the" || key(s) == "a" || key(s) == "an" || (has(s, clause_start) && is_common(s)))) {
                auto const g = given(s);
                bool const name_follows = g && s + 1 < e && has(s + 1, capitalised) && !is_common(s + 1);
                if (name_follows && (!g.word_too() || !has(s, clause_start))) break;
                ++s;
            }
            if (s >= e) return;

            // Titles inside the run: the name follows the last one ("UN Secretary General
            // Antonio Guterres"). A run that starts with a first name is a name, whatever
            // title words follow ("Mark Major").
            std::size_t name_start = s;
            char cue = 0;
            bool title_of = false, ends_in_title = false;
            if (!(given(s) && !given(s).word_too())) {
                for (std::size_t p = s; p < e; ++p) {
                    if (!has(p, capitalised)) continue;
                    auto const [q, g] = title_at(p, e);
                    if (g == 0) continue;
                    cue = g;
                    name_start = q;
                    title_of = q < e && lower_word(q, is_connector);
                    ends_in_title = q == e;
                    if (char const tg = title_gender(cue_text); tg != 0) gender_hint = tg;
                    if (q < e && given(q) && !given(q).word_too()) break; // the name has begun
                    p = q - 1;
                }
            }
            if (ends_in_title || title_of) {
                title_run_end = e - 1;
                if (title_of && name_start + 1 < e) organisation(name_start + 1, e);
                return;
            }
            bool const after_title_run = cue == 0 && s > 0 && title_run_end == s - 1 && has(s, after_comma);
            bool apposition = after_title_run;
            if (cue == 0 && s > 0) {
                // A title just before the run: "the president Javier Milei", "founder Julian
                // Assange"; or an apposition: "the Foreign Minister, Sergei Lavrov".
                if (joined(s)) cue = title_ending_at(s - 1);
                else if (has(s, after_comma)) apposition = (cue = apposition_cue(s)) != 0;
                if (cue != 0) {
                    if (char const tg = title_gender(cue_text); tg != 0) gender_hint = tg;
                    // Generic roles name too much else to cue a single word ("the official
                    // Xinhua agency"): they count only before a full name.
                    if (is_generic_role(cue_text)) generic_cue = true;
                }
            }
            if (after_title_run && cue == 0) cue = '2';

            // Parts of the name stretch split at connectors ("Release of Julian Assange").
            std::size_t part = name_start;
            bool first_part = true;
            for (std::size_t t = name_start; t <= e; ++t) {
                if (t < e && !lower_word(t, is_connector)) continue;
                if (t > part) classify(part, t, first_part ? cue : 0, first_part && apposition, e);
                first_part = false;
                part = t + 1;
            }
            gender_hint = 0;
            generic_cue = false;
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
                if (lower_word(k, is_connector) && (key(k) == "of" || key(k) == "for")) {
                    if (!joined(k)) return 0;
                    return title_ending_at(k - 1);
                }
                if (!has(k, capitalised) && key(k) != "the") return 0;
                --k;
            }
            return 0;
        }

        void organisation(std::size_t a, std::size_t b) {
            using namespace detail::names;
            while (a < b && (key(a) == "the" || lower_word(a, is_connector))) ++a;
            if (b - a >= 2 && is_org_head(key(b - 1)) && has(a, capitalised))
                cands.push_back({a, b, candidate_kind::organisation, 0, npos});
        }

        void classify(std::size_t a, std::size_t b, char cue, bool apposition, std::size_t run_end) {
            using namespace detail::names;
            while (a < b && key(a) == "the") ++a;
            if (a >= b) return;
            std::size_t const n = b - a;
            if (n >= 2 && is_org_head(key(b - 1))) {
                organisation(a, b);
                return;
            }
            if (is_place_prefix(key(a))) return;
            bool all_caps_only = true, any_common = false;
            for (std::size_t t = a; t < b; ++t) {
                all_caps_only = all_caps_only && has(t, all_caps);
                if (!lower_word(t, is_particle) && is_common(t)) any_common = true;
            }
            bool const last_common = is_common(b - 1);
            auto const g = given(a);
            bool strong = false;
            if (n <= 6 && !all_caps_only && !last_common) {
                if (cue != 0 && !apposition) strong = n >= 2 || (!is_common(a) && !generic_cue);
                else if (cue != 0) strong = n >= 2 && !any_common;
                if (!strong && g && n >= 2 && has(a + 1, capitalised))
                    strong = !g.word_too() || (!is_common(a + 1) && !has(a, clause_start));
            }
            candidate c{a, b, strong ? candidate_kind::person : candidate_kind::weak_person, gender_hint, npos};
            if (!strong && (n > 3 || (any_common && n > 1))) return;
            if (strong) c.alias = alias_after(b, run_end);
            cands.push_back(c);
        }

        /// "Andrés Manuel López Obrador (aka AMLO)": the token of the alias, or npos.
        std::size_t alias_after(std::size_t b, std::size_t run_end) {
            using namespace detail::names;
            if (b != run_end || b >= toks.size() || !has(b, after_paren)) return npos;
            std::size_t t = b;
            if (has(t, lower_case)) {
                std::string_view const k = key(t);
                if (k == "aka" || k == "or") ++t;
                else if (k == "also" && t + 2 < toks.size() && key(t + 1) == "known" && key(t + 2) == "as") t += 3;
                else if (k == "known" && t + 1 < toks.size() && key(t + 1) == "as") t += 2;
                else if (k == "a" && raw(t).size() == 1 && text.substr(toks[t].end, 5) == ".k.a.") t += 1;
                else return npos;
                while (t < toks.size() && toks[t].begin < toks[b].end + 24 && has(t, lower_case)) ++t; // "k", "a"
            }
            if (t >= toks.size() || !has(t, capitalised)) return npos;
            auto const rest = text.substr(toks[t].end, 4);
            auto const close = rest.find(')');
            if (close == std::string_view::npos || rest.substr(0, close).find_first_not_of(' ') != std::string_view::npos)
                return npos;
            return t;
        }

        // ---- pass 2: link candidates into entities and merge them with the existing mentions
        std::vector<detail::names::cluster> clusters{};
        std::unordered_map<std::string, std::uint32_t> by_key{};                    // surname / alias -> cluster
        std::unordered_map<std::string, std::vector<std::string>> by_prefix{};      // 6-byte prefix -> keys
        std::unordered_map<std::string, std::uint32_t> orgs{};

        std::optional<std::uint32_t> lookup(std::string const& k) {
            if (auto const it = by_key.find(k); it != by_key.end()) return it->second;
            if (k.size() < 6) return std::nullopt;
            // Spelling variants of one surname (Zelenski, Zelensky, Zelenskiy): same 6-byte
            // prefix and at most two edits.
            if (auto const it = by_prefix.find(k.substr(0, 6)); it != by_prefix.end())
                for (auto const& other : it->second)
                    if (detail::names::bounded_edit_distance(k, other, 2) <= 2) return by_key.at(other);
            return std::nullopt;
        }
        void add_key(std::string const& k, std::uint32_t c) {
            if (k.empty() || by_key.count(k)) return;
            by_key.emplace(k, c);
            if (k.size() >= 6) by_prefix[k.substr(0, 6)].push_back(k);
        }
        bool particle(std::size_t t) { return lower_word(t, detail::names::is_particle); }

        /// Existing mentions overlapping [begin, end): index range in doc.mentions.
        std::pair<std::size_t, std::size_t> overlapping(std::size_t begin, std::size_t end) const {
            auto const& ms = doc.mentions;
            auto const lo = std::partition_point(ms.begin(), ms.end(), [&](entity_mention const& m) { return m.span.end <= begin; });
            auto hi = lo;
            while (hi != ms.end() && hi->span.begin < end) ++hi;
            return {static_cast<std::size_t>(lo - ms.begin()), static_cast<std::size_t>(hi - ms.begin())};
        }

        struct emitted {
            byte_span span;
            std::uint32_t cluster;
            std::size_t replace_lo, replace_hi; // existing mentions this one replaces
        };

        void resolve() {
            using namespace detail::names;
            // Gazetteer people seed the clusters, so that found names take their ids.
            for (auto const& m : doc.mentions) {
                if (m.entity >= doc.entities.size() || doc.entities[m.entity].type != "PERSON") continue;
                auto const words = m.span.in(text);
                auto const last_space = words.find_last_of(' ');
                auto const k = folded(last_space == std::string_view::npos ? words : words.substr(last_space + 1));
                if (by_key.count(k)) continue;
                cluster c;
                c.entity = m.entity;
                clusters.push_back(c);
                add_key(k, static_cast<std::uint32_t>(clusters.size() - 1));
            }

            std::vector<emitted> out;
            std::vector<candidate const*> weak;
            for (auto const& c : cands) {
                byte_span const span{toks[c.first].begin, toks[c.last - 1].end};
                auto const [lo, hi] = overlapping(span.begin, span.end);
                std::optional<std::uint32_t> gazetteer_person;
                bool contains_all = true, last_word_free = true;
                for (auto i = lo; i < hi; ++i) {
                    auto const& m = doc.mentions[i];
                    if (m.entity < doc.entities.size() && doc.entities[m.entity].type == "PERSON") gazetteer_person = m.entity;
                    contains_all = contains_all && m.span.begin >= span.begin && m.span.end <= span.end && m.span != span;
                    last_word_free = last_word_free && m.span.end <= toks[c.last - 1].begin;
                }
                if (c.kind == candidate_kind::organisation) {
                    if (lo != hi) continue;
                    std::string k;
                    for (auto t = c.first; t < c.last; ++t) (k += key(t)) += ' ';
                    auto [it, fresh] = orgs.emplace(k, static_cast<std::uint32_t>(clusters.size()));
                    if (fresh) {
                        cluster org;
                        org.name_first = c.first;
                        org.name_last = c.last;
                        org.organisation = true;
                        clusters.push_back(org);
                    }
                    out.push_back({span, it->second, lo, lo});
                    continue;
                }
                if (c.kind == candidate_kind::weak_person) {
                    if (lo == hi) weak.push_back(&c);
                    continue;
                }
                // A longer person name wins over a place or a shorter person it contains,
                // unless its last word is what the gazetteer found ("Will Ukraine").
                if (lo != hi && !(contains_all && (last_word_free || gazetteer_person))) continue;
                auto const id = link_person(c, gazetteer_person);
                out.push_back({span, id, lo, hi});
            }
            for (auto const* c : weak) {
                auto const id = link_weak(*c);
                if (!id) continue;
                out.push_back({{toks[c->first].begin, toks[c->last - 1].end}, *id, 0, 0});
            }
            std::sort(out.begin(), out.end(), [](emitted const& a, emitted const& b) { return a.span.begin < b.span.begin; });
            emit(out);
        }

        std::uint32_t link_person(detail::names::candidate const& c, std::optional<std::uint32_t> gazetteer_person) {
            using namespace detail::names;
            std::size_t const n = c.last - c.first;
            std::string const& last_key = key(c.last - 1);
            auto const g = given(c.first);
            std::string first_given = n >= 2 && g ? key(c.first) : std::string{};
            std::optional<std::uint32_t> found = lookup(last_key);
            if (found && !first_given.empty() && !clusters[*found].first_given.empty() &&
                clusters[*found].first_given != first_given)
                found.reset(); // another person with the same surname
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
            }
            if (cl.first_given.empty()) cl.first_given = first_given;
            if (cl.gender == 0) {
                if (c.gender != 0) cl.gender = c.gender;
                else if (n >= 2 && g && g.gender() != 'U') cl.gender = g.gender();
            }
            for (auto t = n >= 2 ? c.first + 1 : c.first; t < c.last; ++t)
                if (!particle(t)) add_key(key(t), id);
            if (c.alias != npos) add_key(key(c.alias), id);
            return id;
        }

        std::optional<std::uint32_t> link_weak(detail::names::candidate const& c) {
            auto const id = lookup(key(c.last - 1));
            if (!id || clusters[*id].organisation) return std::nullopt;
            for (auto t = c.first; t + 1 < c.last; ++t) {
                if (particle(t)) continue;
                auto const other = lookup(key(t));
                if (other != id && key(t) != clusters[*id].first_given) return std::nullopt;
            }
            return id;
        }

        /// "person:lopez_obrador": the folded name without its leading first names (at most
        /// two, keeping two names when there were three or more: "sanchez_cordero").
        std::string slug(detail::names::cluster const& cl) {
            std::size_t a = cl.name_first;
            std::size_t names = 0;
            for (auto t = a; t < cl.name_last; ++t) names += !particle(t);
            std::size_t const keep = names >= 3 ? 2 : 1;
            for (int skipped = 0; !cl.organisation && skipped < 2 && names > keep && given(a); ++skipped) {
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

        void emit(std::vector<emitted> const& found) {
            // Entities for the clusters that are mentioned, in order of first mention.
            std::unordered_set<std::string> ids;
            for (auto const& e : doc.entities) ids.insert(e.id);
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
                for (int suffix = 2; ids.count(ent.id); ++suffix)
                    ent.id = slug(cl) + "_" + std::to_string(suffix);
                ids.insert(ent.id);
                ent.type = cl.organisation ? "ORG" : "PERSON";
                ent.name = std::string(text.substr(toks[cl.name_first].begin, toks[cl.name_last - 1].end - toks[cl.name_first].begin));
                if (cl.gender == 'M') ent.gender = gender::male;
                if (cl.gender == 'F') ent.gender = gender::female;
                cl.entity = static_cast<std::uint32_t>(doc.entities.size());
                doc.entities.push_back(std::move(ent));
            }
            // Merge: existing mentions that a found one replaces go; the rest interleave.
            std::vector<std::uint8_t> replaced(doc.mentions.size(), 0);
            for (auto const& f : found)
                for (auto i = f.replace_lo; i < f.replace_hi; ++i) replaced[i] = 1;
            std::vector<entity_mention> merged;
            merged.reserve(doc.mentions.size() + found.size());
            std::size_t i = 0;
            for (auto const& f : found) {
                for (; i < doc.mentions.size() && doc.mentions[i].span.begin < f.span.begin; ++i)
                    if (!replaced[i]) merged.push_back(doc.mentions[i]);
                merged.push_back({f.span, *clusters[f.cluster].entity});
            }
            for (; i < doc.mentions.size(); ++i)
                if (!replaced[i]) merged.push_back(doc.mentions[i]);
            doc.mentions = std::move(merged);
        }
    };
};

BYLINE_END_NAMESPACE
