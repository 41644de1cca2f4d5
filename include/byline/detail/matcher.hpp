#pragma once
// The compiled gazetteer: a trie over sequences of folded tokens.
//
// Aliases and text go through the same tokenizer (detail/fold.hpp). Each distinct folded token of
// any alias gets a small integer id in a hash table; an alias is a path of ids in a trie whose
// edges live in one open-addressing hash table keyed by (node, token id, spaced?). Scanning text,
// a token that occurs in no alias costs one hash lookup (one array lookup for one-byte tokens),
// and a token that starts no alias one more bit test; only real candidates walk the trie, at
// most as deep as the longest alias. Matches start and end on token boundaries, which is what
// makes matching whole-word, and carry the tokens' original byte offsets.
#include <byline/detail/fold.hpp>
#include <byline/span.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE

/// How overlapping candidate matches are resolved (BurntSushi aho-corasick semantics).
enum class overlap : std::uint8_t {
    leftmost_longest, ///< at the leftmost start, the longest alias; ties go to the one added first
    leftmost_first,   ///< at the leftmost start, the alias added first (priority = order of addition)
    all,              ///< every match, overlapping ones too, by start then by end
};

/// One alias found in a text.
struct gazetteer_match {
    byte_span span;            ///< original bytes of the text
    std::uint32_t entity = 0;  ///< index into the gazetteer's entities
    std::uint32_t alias = 0;   ///< the alias's priority: the order in which it was added
    friend constexpr bool operator==(gazetteer_match const&, gazetteer_match const&) = default;
};

namespace detail {

inline constexpr std::uint32_t no_id = 0xFFFFFFFFu;

/// Maps a hash to [0, size) by multiply-shift, so tables can have any size (no power-of-two
/// waste): compiled tables are sized exactly to their load factor.
[[nodiscard]] inline std::size_t reduce(std::uint64_t h, std::size_t size) noexcept {
    return static_cast<std::size_t>(((h & 0xFFFFFFFFu) * size) >> 32);
}
[[nodiscard]] inline std::size_t next_slot(std::size_t i, std::size_t size) noexcept {
    return i + 1 == size ? 0 : i + 1;
}

/// Folded token -> dense id. Open addressing, linear probing, load factor 1/3. Each slot packs
/// a 24-bit hash tag, the token's length and its id. A token's first 8 bytes (zero-padded) are
/// kept by id, so confirming a hit on a usual short token is a single 8-byte compare.
class token_table {
public:
    token_table() { single_.fill(no_id); }

    /// The id of a padded token (see fold_buffer::pad), or no_id.
    [[nodiscard]] std::uint32_t find(fold_buffer const& token) const noexcept {
        auto const size = token.size;
        if (size == 1) return single_[static_cast<unsigned char>(token.data[0])];
        if (slots_.empty() || size > fold_buffer::capacity) return no_id;
        auto const h = token.hash();
        auto const key = check_key(h, size);
        for (auto i = reduce(h, slots_.size());; i = next_slot(i, slots_.size())) {
            auto const slot = slots_[i];
            if (slot == 0) return no_id;
            if ((slot >> 32) == key) {
                auto const id = static_cast<std::uint32_t>(slot) - 1;
                if (same_words(id, token)) return id;
            }
        }
    }

    std::uint32_t insert(fold_buffer const& token) {
        if (auto const id = find(token); id != no_id) return id;
        auto const id = static_cast<std::uint32_t>(first_words_.size());
        auto const view = token.view();
        first_words_.push_back(word_at(token, 0));
        tail_offsets_.push_back(static_cast<std::uint32_t>(tail_words_.size()));
        if (view.size() == 1) {
            single_[static_cast<unsigned char>(view[0])] = id;
            return id;
        }
        for (std::size_t i = 8; i < view.size(); i += 8) tail_words_.push_back(word_at(token, i));
        if ((hashed_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(64, slots_.size() * 2));
        place((std::uint64_t{check_key(token.hash(), view.size())} << 32) | (std::uint64_t{id} + 1), token.hash());
        ++hashed_;
        return id;
    }

    [[nodiscard]] std::size_t size() const noexcept { return first_words_.size(); }
    /// Drops spare capacity once all tokens are in.
    void shrink() {
        first_words_.shrink_to_fit();
        tail_offsets_.shrink_to_fit();
        tail_words_.shrink_to_fit();
        rehash(std::max<std::size_t>(16, hashed_ * 3));
    }
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return slots_.capacity() * sizeof(std::uint64_t) + first_words_.capacity() * sizeof(std::uint64_t) +
               tail_offsets_.capacity() * sizeof(std::uint32_t) + tail_words_.capacity() * sizeof(std::uint64_t) +
               sizeof(single_);
    }

private:
    static std::uint32_t check_key(std::uint64_t h, std::size_t size) noexcept {
        return static_cast<std::uint32_t>((h >> 40) << 8 | size); // size < 256: fold_buffer::capacity
    }
    static std::uint64_t word_at(fold_buffer const& token, std::size_t i) noexcept {
        std::uint64_t w;
        std::memcpy(&w, token.data.data() + i, 8);
        return w;
    }
    bool same_words(std::uint32_t id, fold_buffer const& token) const noexcept {
        if (first_words_[id] != word_at(token, 0)) return false;
        auto const* tail = tail_words_.data() + tail_offsets_[id];
        for (std::size_t i = 8; i < token.size; i += 8)
            if (*tail++ != word_at(token, i)) return false;
        return true;
    }
    void place(std::uint64_t slot, std::uint64_t h) {
        auto i = reduce(h, slots_.size());
        while (slots_[i] != 0) i = next_slot(i, slots_.size());
        slots_[i] = slot;
    }
    void rehash(std::size_t capacity) {
        std::vector<std::uint64_t> old(capacity, 0);
        old.swap(slots_);
        fold_buffer token;
        for (auto const slot : old) {
            if (slot == 0) continue;
            auto const id = static_cast<std::uint32_t>(slot) - 1;
            token.size = (slot >> 32) & 0xFF;
            std::memcpy(token.data.data(), &first_words_[id], 8);
            if (token.size > 8)
                std::memcpy(token.data.data() + 8, tail_words_.data() + tail_offsets_[id], (token.size - 1) / 8 * 8);
            token.pad();
            place(slot, token.hash());
        }
    }

    std::vector<std::uint64_t> slots_;        ///< tag << 40 | size << 32 | (id + 1); 0 = empty
    std::vector<std::uint64_t> first_words_;  ///< id -> first 8 bytes, zero-padded
    std::vector<std::uint32_t> tail_offsets_; ///< id -> its further 8-byte words in tail_words_
    std::vector<std::uint64_t> tail_words_;
    std::array<std::uint32_t, 256> single_{}; ///< one-byte tokens skip hashing
    std::size_t hashed_ = 0;
};

/// Trie edges (parent node, label) -> child node, in one open-addressing table.
class edge_table {
public:
    [[nodiscard]] std::uint32_t find(std::uint32_t parent, std::uint32_t label) const noexcept {
        if (slots_.empty()) return 0;
        for (auto i = index(parent, label);; i = next_slot(i, slots_.size())) {
            auto const& e = slots_[i];
            if (e.child == 0) return 0;
            if (e.parent == parent && e.label == label) return e.child;
        }
    }
    void insert(std::uint32_t parent, std::uint32_t label, std::uint32_t child) {
        if ((size_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(64, slots_.size() * 2));
        place({parent, label, child});
        ++size_;
    }
    void shrink() { rehash(std::max<std::size_t>(16, size_ * 2)); }
    /// Calls `fn(parent, label)` for every edge.
    template <class Fn>
    void for_each_edge(Fn&& fn) const {
        for (auto const& e : slots_)
            if (e.child != 0) fn(e.parent, e.label);
    }
    /// Calls `fn(parent)` for every edge.
    template <class Fn>
    void for_each_parent(Fn&& fn) const {
        for (auto const& e : slots_)
            if (e.child != 0) fn(e.parent);
    }
    /// Renames the nodes of every edge: node n becomes `renumbered[n]`.
    void renumber(std::vector<std::uint32_t> const& renumbered) {
        std::vector<edge> old(slots_.size());
        old.swap(slots_);
        for (auto const& e : old)
            if (e.child != 0) place({renumbered[e.parent], e.label, renumbered[e.child]});
    }
    [[nodiscard]] std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(edge); }

private:
    struct edge {
        std::uint32_t parent = 0, label = 0, child = 0; ///< child 0 (the root) marks an empty slot
    };
    [[nodiscard]] std::size_t index(std::uint32_t parent, std::uint32_t label) const noexcept {
        auto const key = ((std::uint64_t{parent} << 32) | label) * 0x9E3779B97F4A7C15ull;
        return reduce(key >> 32, slots_.size());
    }
    void place(edge e) {
        auto i = index(e.parent, e.label);
        while (slots_[i].child != 0) i = next_slot(i, slots_.size());
        slots_[i] = e;
    }
    void rehash(std::size_t capacity) {
        std::vector<edge> old(capacity);
        old.swap(slots_);
        for (auto const& e : old)
            if (e.child != 0) place(e);
    }

    std::vector<edge> slots_;
    std::size_t size_ = 0;
};

/// Most tokens an alias may have. find() walks the trie from every token as deep as the text
/// follows an alias, so the longest alias bounds the work per token of text: an alias of 2000
/// repeated words made a text of that word take 2000 times as long. Real names stay far below
/// (the default gazetteer's longest has 11).
inline constexpr std::size_t max_alias_tokens = 24;

/// The matcher proper. Built once (add_alias..., finish), then immutable: find() is const and
/// keeps its scanning state on the caller's stack, so one matcher serves many threads.
class matcher {
public:
    /// Adds an alias of `entity`. `priority` orders aliases for leftmost_first and breaks ties.
    /// An alias written in capitals only (US, U.N.) will match only text in capitals.
    /// Returns false (and adds nothing) when the alias has no letter or digit, a word longer
    /// than fold_buffer::capacity folded bytes, or more than max_alias_tokens tokens.
    bool add_alias(std::string_view alias, std::uint32_t entity, std::uint32_t priority) {
        // Validate first, so that a rejected alias leaves no nodes behind.
        tokenizer check(alias);
        raw_token tok;
        fold_buffer folded;
        bool any_word = false, lower = false, upper = false;
        std::size_t depth = 0;
        while (check.next(tok, folded)) {
            if (folded.overflow() || folded.size == 0) return false;
            any_word |= tok.word;
            lower |= tok.has_lower;
            upper |= tok.has_upper;
            if (++depth > max_alias_tokens) return false;
        }
        if (!any_word) return false;

        tokenizer tz(alias);
        std::uint32_t node = 0;
        bool first = true;
        while (tz.next(tok, folded)) {
            auto const id = tokens_.insert(folded);
            if (first) {
                if (root_child_.size() <= id) root_child_.resize(id + 1, 0);
                if (root_child_[id] == 0) root_child_[id] = nodes_++;
                node = root_child_[id];
                first = false;
                continue;
            }
            auto const lbl = label(id, tok.gap);
            auto child = edges_.find(node, lbl);
            if (child == 0) {
                child = nodes_++;
                edges_.insert(node, lbl, child);
            }
            node = child;
        }
        max_depth_ = std::max(max_depth_, depth);
        pending_.push_back({node, (priority << 1) | ((upper && !lower) ? 1u : 0u), entity});
        return true;
    }

    /// Freezes the outputs into arrays indexed by node.
    void finish() {
        renumber_nodes();
        std::sort(pending_.begin(), pending_.end(), [](pending const& a, pending const& b) {
            return a.node != b.node ? a.node < b.node : a.rank < b.rank;
        });
        out_begin_.assign(std::size_t{nodes_} + 1, 0);
        outputs_.clear();
        outputs_.reserve(pending_.size());
        std::size_t node_start = 0; // first output of the current node, for de-duplication
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            auto const& p = pending_[i];
            if (i == 0 || pending_[i - 1].node != p.node) node_start = outputs_.size();
            bool const seen = std::any_of(outputs_.begin() + static_cast<std::ptrdiff_t>(node_start), outputs_.end(),
                                          [&](output const& o) { return o.entity == p.entity && (o.rank & 1) == (p.rank & 1); });
            if (seen) continue;
            outputs_.push_back({p.entity, p.rank});
            ++out_begin_[p.node + 1];
        }
        for (std::size_t n = 1; n < out_begin_.size(); ++n) out_begin_[n] += out_begin_[n - 1];
        aliases_ = pending_.size();
        std::vector<pending>().swap(pending_);
        tokens_.shrink();
        edges_.shrink();
        outputs_.shrink_to_fit();
    }

    /// Calls `on_match(gazetteer_match const&)` for each match in `text`, in order of start.
    template <overlap Policy, class OnMatch>
    void find(std::string_view text, OnMatch&& on_match) const {
        if (outputs_.empty()) return;
        struct slot {
            raw_token tok;
            std::uint32_t id;
        };
        std::size_t const capacity = std::bit_ceil(max_depth_ + 1);
        std::size_t const mask = capacity - 1;
        std::vector<slot> ring(capacity); // tokens [s, s + max_depth] of the current start s
        tokenizer tz(text);
        fold_buffer folded;
        std::size_t read = 0;
        auto fetch = [&](std::size_t k) -> slot const* {
            while (read <= k) {
                auto& next = ring[read & mask]; // tokenized in place: no copy on the hot path
                if (!tz.next(next.tok, folded)) return nullptr;
                next.id = folded.overflow() ? no_id : tokens_.find(folded);
                ++read;
            }
            return &ring[k & mask];
        };

        for (std::size_t s = 0;; ++s) {
            auto const* first = fetch(s);
            if (first == nullptr) return;
            if (!starts_alias(first->id)) continue;
            auto node = first->id + 1;

            bool capitals = !first->tok.has_lower; // acronym aliases need every matched letter in capitals
            std::size_t k = s;
            gazetteer_match best{};
            std::size_t best_k = 0;
            std::uint32_t best_rank = no_id;
            for (;;) {
                for (auto i = out_begin_[node]; i < out_begin_[node + 1]; ++i) {
                    auto const& o = outputs_[i];
                    if ((o.rank & 1) && !capitals) continue;
                    gazetteer_match const m{{ring[s & mask].tok.begin, ring[k & mask].tok.end}, o.entity, o.rank >> 1};
                    if constexpr (Policy == overlap::all) {
                        on_match(m);
                        continue;
                    } else if constexpr (Policy == overlap::leftmost_longest) {
                        best = m, best_k = k, best_rank = o.rank;
                    } else if (o.rank < best_rank) {
                        best = m, best_k = k, best_rank = o.rank;
                    }
                    break; // outputs are sorted by rank: the first acceptable one is this node's best
                }
                if (!has_children(node)) break; // most aliases are one word: no edge lookup
                auto const* next = fetch(k + 1);
                if (next == nullptr || next->id == no_id || next->tok.gap == token_gap::paragraph) break;
                auto const lbl = label(next->id, next->tok.gap);
                if (k == s && !((first_step_[first->id] >> label_bit(lbl)) & 1u)) break;
                node = edges_.find(node, lbl);
                if (node == 0) break;
                capitals = capitals && !next->tok.has_lower;
                ++k;
            }
            if constexpr (Policy != overlap::all) {
                if (best_rank != no_id) {
                    on_match(best);
                    s = best_k;
                }
            }
        }
    }

    [[nodiscard]] std::size_t alias_count() const noexcept { return aliases_; }
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return tokens_.memory_bytes() + edges_.memory_bytes() +
               (starters_.capacity() + inner_.capacity() + first_step_.capacity()) * sizeof(std::uint64_t) +
               out_begin_.capacity() * sizeof(std::uint32_t) + outputs_.capacity() * sizeof(output);
    }

private:
    /// An edge label: the token id, and whether white space precedes the token ("U.S." is not "U. S.").
    static std::uint32_t label(std::uint32_t id, token_gap gap) noexcept {
        return (id << 1) | (gap == token_gap::none ? 0u : 1u);
    }

    /// Whether an alias starts with `token` (no_id: no).
    [[nodiscard]] bool starts_alias(std::uint32_t token) const noexcept {
        auto const word = std::min<std::size_t>(token >> 6, starters_.size() - 1); // no_id -> the spare last word
        return (starters_[word] >> (token & 63)) & 1u;
    }
    /// The bit of an edge label in first_step_.
    static unsigned label_bit(std::uint32_t lbl) noexcept {
        return static_cast<unsigned>((lbl * 0x9E3779B97F4A7C15ull) >> 58);
    }
    [[nodiscard]] bool has_children(std::uint32_t node) const noexcept {
        return (inner_[node >> 6] >> (node & 63)) & 1u;
    }

    /// Numbers the node of each one-token prefix after its token (token id + 1), so a scan
    /// gets a start node without another lookup; starters_ says which tokens have one.
    void renumber_nodes() {
        auto const tokens = static_cast<std::uint32_t>(tokens_.size());
        std::vector<std::uint32_t> renumbered(nodes_, 0);
        starters_.assign((std::size_t{tokens} + 63) / 64 + 1, 0); // + a spare word that is all zero
        for (std::uint32_t t = 0; t < root_child_.size(); ++t) {
            if (root_child_[t] == 0) continue;
            renumbered[root_child_[t]] = t + 1;
            starters_[t >> 6] |= std::uint64_t{1} << (t & 63);
        }
        std::uint32_t next = tokens + 1;
        for (std::uint32_t n = 1; n < nodes_; ++n)
            if (renumbered[n] == 0) renumbered[n] = next++;
        nodes_ = next;
        edges_.renumber(renumbered);
        inner_.assign((std::size_t{nodes_} + 63) / 64, 0);
        edges_.for_each_parent([this](std::uint32_t n) { inner_[n >> 6] |= std::uint64_t{1} << (n & 63); });
        first_step_.assign(tokens, 0);
        edges_.for_each_edge([&](std::uint32_t parent, std::uint32_t lbl) {
            if (parent >= 1 && parent <= tokens) first_step_[parent - 1] |= std::uint64_t{1} << label_bit(lbl);
        });
        for (auto& p : pending_) p.node = renumbered[p.node];
        std::vector<std::uint32_t>().swap(root_child_);
    }

    struct pending {
        std::uint32_t node, rank, entity;
    };
    struct output {
        std::uint32_t entity;
        std::uint32_t rank; ///< priority << 1 | 1 if the alias is an acronym (capitals only)
    };

    token_table tokens_;
    edge_table edges_;
    std::vector<std::uint32_t> root_child_; ///< while building: token id -> node of the one-token prefix
    std::vector<std::uint64_t> starters_;   ///< compiled: bit per token id, set if an alias starts with it
    std::vector<std::uint64_t> inner_;      ///< compiled: bit per node, set if it has children
    std::vector<std::uint64_t> first_step_; ///< compiled: per token, a 1-bit-per-label filter of its node's edges
    std::vector<std::uint32_t> out_begin_;  ///< node -> first output; outputs of n are [n, n + 1)
    std::vector<output> outputs_;
    std::vector<pending> pending_;
    std::uint32_t nodes_ = 1; ///< node 0 is the root
    std::size_t max_depth_ = 0;
    std::size_t aliases_ = 0;
};

} // namespace detail
BYLINE_END_NAMESPACE
