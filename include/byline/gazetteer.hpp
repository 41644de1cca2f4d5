#pragma once
// Gazetteers: canonical entities and their aliases, compiled into an immutable matcher.
//
//   byline::gazetteer_builder b;
//   b.add("usa", "GPE", "United States", "US", "U.S.");
//   if (auto err = b.add_file("people.tsv")) { std::cerr << err->to_string() << '\n'; }
//   byline::gazetteer const g = b.build();
//   for (auto const& m : g.matches(text)) use(m.span.in(text), g.entity(m.entity).id);
//
// Matching is whole-word, case- and accent-insensitive, and NFC/NFD-insensitive; an alias written
// in capitals only (US, WHO) matches only capitals; "Mexico’s" and "Russia-Ukraine" match their
// parts. Offsets are always into the original text. See detail/fold.hpp for the exact rules.
// byline::overlap (the overlap policies) and byline::gazetteer_match are declared in
// detail/matcher.hpp, which this header includes.
#include <byline/detail/default_gazetteer_data.hpp>
#include <byline/detail/gazetteer_grammar.hpp>
#include <byline/detail/matcher.hpp>
#include <byline/detail/matcher_ordinary_words.hpp>
#include <byline/detail/names_common_words.hpp>
#include <byline/span.hpp>

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

BYLINE_BEGIN_NAMESPACE

/// Why a gazetteer could not be loaded. `line` and `column` are 1-based (column in code points);
/// both are 0 when the file itself could not be read.
struct gazetteer_error {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;

    /// "FILE:LINE:COLUMN: message" (or "FILE: message" without a position).
    [[nodiscard]] std::string to_string() const {
        if (line == 0) return file + ": " + message;
        return file + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + message;
    }
};

/// A canonical entity of a gazetteer (views into the gazetteer, valid while it lives).
struct gazetteer_entity {
    std::string_view id;
    std::string_view type;
    std::string_view name; ///< the name field of the entity's first line
};

/// An immutable, compiled gazetteer. Cheap to copy (shared storage) and safe to use from many
/// threads at once.
class gazetteer {
public:
    /// An empty gazetteer: it matches nothing.
    gazetteer() : data_(std::make_shared<data const>()) {}

    [[nodiscard]] std::size_t entity_count() const noexcept { return data_->types.size(); }
    /// Aliases compiled into the matcher (a name counts as an alias).
    [[nodiscard]] std::size_t alias_count() const noexcept { return data_->matcher.alias_count(); }
    [[nodiscard]] gazetteer_entity entity(std::uint32_t index) const noexcept {
        auto const& d = *data_;
        std::string_view const all = d.strings;
        auto const b = d.bounds.data() + 2 * std::size_t{index};
        return {all.substr(b[0], b[1] - b[0]), d.type_names[d.types[index]], all.substr(b[1], b[2] - b[1])};
    }
    /// Heap bytes held by the compiled matcher and the entity table.
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        auto const& d = *data_;
        std::size_t bytes = d.matcher.memory_bytes() + d.strings.capacity() +
                            d.bounds.capacity() * sizeof(std::uint32_t) + d.types.capacity() * sizeof(std::uint16_t);
        for (auto const& t : d.type_names) bytes += sizeof(t) + t.capacity();
        return bytes;
    }

    /// Calls `on_match(gazetteer_match const&)` for each match in `text`, in order of start,
    /// resolving overlaps by `Policy` (entity_matcher uses overlap::longest_first, the rule of
    /// CONTRACT.md; leftmost_longest is the usual automaton semantics and the default here). Any bytes are accepted (invalid UTF-8 never matches).
    template <overlap Policy = overlap::leftmost_longest, class OnMatch>
    void find(std::string_view text, OnMatch&& on_match) const {
        data_->matcher.template find<Policy>(text, on_match);
    }

    template <overlap Policy = overlap::leftmost_longest>
    [[nodiscard]] std::vector<gazetteer_match> matches(std::string_view text) const {
        std::vector<gazetteer_match> out;
        find<Policy>(text, [&out](gazetteer_match const& m) { out.push_back(m); });
        return out;
    }

private:
    friend class gazetteer_builder;
    struct data {
        detail::matcher matcher;
        std::string strings;                 ///< per entity: id then name
        std::vector<std::uint32_t> bounds{0}; ///< entity e: id [2e, 2e+1), name [2e+1, 2e+2) in strings
        std::vector<std::uint16_t> types;    ///< entity -> index into type_names
        std::vector<std::string> type_names;
    };
    explicit gazetteer(std::shared_ptr<data const> d) : data_(std::move(d)) {}
    std::shared_ptr<data const> data_;
};

/// Collects entities and aliases, in code or from gazetteer files (format: CONTRACT.md), then
/// compiles them. Order matters: entities and aliases added first have priority.
class gazetteer_builder {
public:
    /// Adds an entity (or, for an id already added, more aliases: its type and name stay the
    /// first ones). The name is an alias too. Aliases with no letter or digit are ignored.
    template <class... Aliases>
        requires(std::is_convertible_v<Aliases const&, std::string_view> && ...)
    gazetteer_builder& add(std::string_view id, std::string_view type, std::string_view name,
                           Aliases const&... aliases) {
        auto const e = entity_index(id, type, name);
        add_alias(e, name);
        (add_alias(e, std::string_view(aliases)), ...);
        return *this;
    }

    /// Adds every line of a gazetteer in the TSV format. On a malformed line, nothing of `tsv`
    /// is added and the error names `source`, the line and the column.
    [[nodiscard]] std::optional<gazetteer_error> add_tsv(std::string_view tsv, std::string_view source = "<tsv>") {
        auto const saved = checkpoint();
        detail::gazetteer_grammar::line_state st;
        std::size_t line_no = 0;
        for (std::size_t pos = 0; pos < tsv.size();) {
            auto const nl = tsv.find('\n', pos);
            auto const line = tsv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
            ++line_no;
            auto fail = [&](std::size_t byte, std::string message) {
                rollback(saved);
                return gazetteer_error{std::string(source), line_no, column_of(line, byte), std::move(message)};
            };
            if (auto const bad = first_invalid_utf8(line); bad != std::string_view::npos)
                return fail(bad, "invalid UTF-8");
            if (!detail::gazetteer_grammar::parse_line(line, st))
                return fail(static_cast<std::size_t>(st.expected_at - line.data()), std::string("expected ") + st.expected);
            if (st.fields.empty()) continue;
            auto const e = entity_index(st.fields[0], st.fields[1], st.fields[2]);
            for (std::size_t f = 2; f < st.fields.size(); ++f) {
                if (!usable_alias(st.fields[f]))
                    return fail(static_cast<std::size_t>(st.fields[f].data() - line.data()),
                                "an alias needs a letter or digit (and words under 128 bytes, at most " +
                                    std::to_string(detail::max_alias_tokens) + " tokens)");
                add_alias(e, st.fields[f]);
            }
        }
        return std::nullopt;
    }

    /// Adds a gazetteer file; errors name `path`.
    [[nodiscard]] std::optional<gazetteer_error> add_file(std::string const& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream content;
        if (in) content << in.rdbuf();
        if (!in || in.bad()) return gazetteer_error{path, 0, 0, "cannot read the gazetteer file"};
        return add_tsv(std::move(content).str(), path);
    }

    /// Adds the embedded default gazetteer (PERSON, ORG, GPE, LOC, NORP). Its one-word names
    /// that are also ordinary English words (Turkey, China, Chad, Nice, Polish) match only when
    /// capitalised, so "the turkey was roasted" and "fine china" name no country. (The aliases
    /// of user gazetteers keep the contract's rule: any case, but capitals for capitals.)
    [[nodiscard]] std::optional<gazetteer_error> add_default() {
        auto const first = aliases_.size();
        if (auto err = add_tsv(detail::default_gazetteer_tsv, "<default gazetteer>")) return err;
        for (auto i = first; i < aliases_.size(); ++i) {
            auto& a = aliases_[i];
            a.capitalised_only = ordinary_word(std::string_view(alias_chars_).substr(a.offset, a.size));
        }
        return std::nullopt;
    }

    /// Compiles what was added. The builder stays usable.
    [[nodiscard]] gazetteer build() const {
        auto d = std::make_shared<gazetteer::data>();
        for (std::size_t i = 0; i < aliases_.size(); ++i) {
            auto const& a = aliases_[i];
            (void)d->matcher.add_alias(std::string_view(alias_chars_).substr(a.offset, a.size), a.entity,
                                       static_cast<std::uint32_t>(i), a.capitalised_only);
        }
        d->matcher.finish();
        d->strings = strings_;
        d->bounds = bounds_;
        d->types = types_;
        d->type_names = type_names_;
        return gazetteer(std::move(d));
    }

private:
    struct alias_ref {
        std::uint32_t entity, offset, size;
        bool capitalised_only = false;
    };
    struct saved_sizes {
        std::size_t strings, bounds, types, type_names, alias_chars, aliases;
    };

    std::uint32_t entity_index(std::string_view id, std::string_view type, std::string_view name) {
        auto const [it, added] = ids_.try_emplace(std::string(id), static_cast<std::uint32_t>(types_.size()));
        if (!added) return it->second;
        std::uint16_t t = 0;
        while (t < type_names_.size() && type_names_[t] != type) ++t;
        if (t == type_names_.size()) type_names_.emplace_back(type);
        types_.push_back(t);
        strings_.append(id);
        bounds_.push_back(static_cast<std::uint32_t>(strings_.size()));
        strings_.append(name);
        bounds_.push_back(static_cast<std::uint32_t>(strings_.size()));
        return it->second;
    }

    void add_alias(std::uint32_t entity, std::string_view alias) {
        aliases_.push_back({entity, static_cast<std::uint32_t>(alias_chars_.size()), static_cast<std::uint32_t>(alias.size()), false});
        alias_chars_.append(alias);
    }

    saved_sizes checkpoint() const {
        return {strings_.size(), bounds_.size(), types_.size(), type_names_.size(), alias_chars_.size(), aliases_.size()};
    }
    void rollback(saved_sizes const& s) {
        for (auto e = s.types; e < types_.size(); ++e) {
            auto const b = bounds_.data() + 2 * e;
            ids_.erase(strings_.substr(b[0], b[1] - b[0])); // std::string key
        }
        strings_.resize(s.strings);
        bounds_.resize(s.bounds);
        types_.resize(s.types);
        type_names_.resize(s.type_names);
        alias_chars_.resize(s.alias_chars);
        aliases_.resize(s.aliases);
    }

    static bool usable_alias(std::string_view alias) {
        detail::tokenizer tz(alias);
        detail::raw_token tok;
        detail::fold_buffer folded;
        bool any_word = false;
        std::size_t tokens = 0;
        while (tz.next(tok, folded)) {
            if (folded.overflow() || folded.size == 0 || ++tokens > detail::max_alias_tokens) return false;
            any_word |= tok.word;
        }
        return any_word;
    }

    /// Whether `alias` is one capitalised word whose folded form is a lower-case English word
    /// (the name finder's SCOWL table, plus the rarer words the default gazetteer holds).
    static bool ordinary_word(std::string_view alias) noexcept {
        detail::tokenizer tz(alias);
        detail::raw_token tok;
        detail::fold_buffer folded;
        if (!tz.next(tok, folded) || !tok.word || !tok.has_upper || !tok.has_lower) return false;
        if (!detail::is_upper(detail::decode(alias, tok.begin).cp)) return false;
        bool const known = has_line(detail::names_common_words_txt, folded.view()) ||
                           has_line(detail::default_alias_lowercase_words, folded.view());
        return known && !tz.next(tok, folded);
    }

    /// Whether `word` is a line of `lines` (lines sorted by bytes): a binary search on the text
    /// itself, so the tables need no index built at run time.
    static bool has_line(std::string_view lines, std::string_view word) noexcept {
        std::size_t lo = 0, hi = lines.size(); // the candidate lines start in [lo, hi); lo starts a line
        while (lo < hi) {
            auto const mid = lo + (hi - lo) / 2;
            auto const nl = mid == 0 ? std::string_view::npos : lines.rfind('\n', mid - 1);
            auto const start = nl == std::string_view::npos ? 0 : nl + 1;
            auto const end = std::min(lines.find('\n', start), lines.size());
            auto const order = lines.substr(start, end - start).compare(word);
            if (order == 0) return true;
            if (order < 0) lo = end + 1;
            else hi = start;
        }
        return false;
    }

    static std::size_t first_invalid_utf8(std::string_view line) noexcept {
        for (std::size_t i = 0; i < line.size();) {
            auto const d = detail::decode(line, i);
            if (d.cp == detail::replacement_char && d.length == 1 && static_cast<unsigned char>(line[i]) >= 0x80)
                return i;
            i += d.length;
        }
        return std::string_view::npos;
    }

    /// 1-based code point column of byte `byte` in `line`.
    static std::size_t column_of(std::string_view line, std::size_t byte) noexcept {
        std::size_t column = 1;
        for (std::size_t i = 0; i < byte && i < line.size(); ++column) i += detail::decode(line, i).length;
        return column;
    }

    std::unordered_map<std::string, std::uint32_t> ids_;
    std::string strings_;
    std::vector<std::uint32_t> bounds_{0};
    std::vector<std::uint16_t> types_;
    std::vector<std::string> type_names_;
    std::string alias_chars_;
    std::vector<alias_ref> aliases_;
};

/// The embedded default gazetteer, compiled once on first use (thread-safe).
[[nodiscard]] inline gazetteer const& default_gazetteer() {
    static gazetteer const g = [] {
        gazetteer_builder b;
        if (b.add_default()) return gazetteer{}; // the embedded data is tested to be well-formed
        return b.build();
    }();
    return g;
}

BYLINE_END_NAMESPACE
