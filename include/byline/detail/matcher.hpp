#pragma once
// The compiled gazetteer: a trie over sequences of folded tokens.
//
// Aliases and text go through the same tokenizer (detail/fold.hpp). Each distinct folded token of
// any alias gets a small integer id in a hash table; an alias is a path of ids in a trie whose
// edges live in one open-addressing hash table keyed by (node, token id, spaced?). Scanning text
// at the root (no alias under way), tokenizer::skip() classifies 64 bytes at a time and passes
// over white space, punctuation and every ASCII word that a one-bit-per-hash filter of the
// alias's first words rejects, without folding or numbering them; a word the filter lets through
// costs one exact lookup. Inside a run of alias tokens, each token is read and looked up, and an
// Aho-Corasick transition (suffix links over the trie) keeps the work per token independent of
// the longest alias. Matches start and end on token boundaries, which is what makes matching
// whole-word, and carry the tokens' original byte offsets.
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
#include <type_traits>
#include <vector>

BYLINE_BEGIN_NAMESPACE

/// How overlapping candidate matches are resolved (BurntSushi aho-corasick semantics).
enum class overlap : std::uint8_t {
    leftmost_longest, ///< at the leftmost start, the longest alias; ties go to the one added first
    leftmost_first,   ///< at the leftmost start, the alias added first (priority = order of addition)
    all,              ///< every match, overlapping ones too, by start then by end
    longest_first,    ///< the globally longest match (in bytes) wins, then the earliest, then the
                      ///< alias added first; repeated on what does not overlap a winner
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

    /// The id of a token read as an ascii_key, or no_id: find() without a buffer.
    [[nodiscard]] std::uint32_t find(ascii_key const& token) const noexcept {
        if (token.size == 1) return single_[token.lo & 0xFF];
        if (slots_.empty()) return no_id;
        auto const h = token.hash();
        auto const key = check_key(h, token.size);
        for (auto i = reduce(h, slots_.size());; i = next_slot(i, slots_.size())) {
            auto const slot = slots_[i];
            if (slot == 0) return no_id;
            if ((slot >> 32) == key) {
                auto const id = static_cast<std::uint32_t>(slot) - 1;
                if (first_words_[id] == token.lo && (token.size <= 8 || tail_words_[tail_offsets_[id]] == token.hi))
                    return id;
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
    /// Calls `fn(id, fold_buffer const&)` for every token (padded).
    template <class Fn>
    void for_each_token(Fn&& fn) const {
        fold_buffer token;
        for (std::size_t c = 0; c < single_.size(); ++c) {
            if (single_[c] == no_id) continue;
            char const ch = static_cast<char>(c);
            token.assign(std::string_view(&ch, 1));
            fn(single_[c], token);
        }
        for (auto const slot : slots_) {
            if (slot == 0) continue;
            auto const id = static_cast<std::uint32_t>(slot) - 1;
            fn(id, spelled(id, (slot >> 32) & 0xFF, token));
        }
    }
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
    /// Token `id` of `size` bytes, spelled out into `token`.
    fold_buffer const& spelled(std::uint32_t id, std::size_t size, fold_buffer& token) const noexcept {
        token.size = size;
        std::memcpy(token.data.data(), &first_words_[id], 8);
        if (size > 8) std::memcpy(token.data.data() + 8, tail_words_.data() + tail_offsets_[id], (size - 1) / 8 * 8);
        token.pad();
        return token;
    }
    void rehash(std::size_t capacity) {
        std::vector<std::uint64_t> old(capacity, 0);
        old.swap(slots_);
        fold_buffer token;
        for (auto const slot : old) {
            if (slot == 0) continue;
            place(slot, spelled(static_cast<std::uint32_t>(slot) - 1, (slot >> 32) & 0xFF, token).hash());
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
    /// Calls `fn(parent, label, child)` for every edge.
    template <class Fn>
    void for_each_edge(Fn&& fn) const {
        for (auto const& e : slots_)
            if (e.child != 0) fn(e.parent, e.label, e.child);
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

/// Buffers of type B kept per thread and lent to one call at a time, so that a call on a short
/// text allocates nothing; a call made while they are lent (from a callback) gets its own.
template <class B>
class borrowed {
public:
    borrowed() noexcept {
        auto& s = shared();
        if (!s.lent) {
            s.lent = true;
            buffers_ = &s.buffers;
        }
    }
    ~borrowed() {
        if (buffers_ != &own_) shared().lent = false;
    }
    borrowed(borrowed const&) = delete;
    borrowed& operator=(borrowed const&) = delete;
    B* operator->() noexcept { return buffers_; }

private:
    struct slot {
        B buffers;
        bool lent = false;
    };
    static slot& shared() noexcept {
        thread_local slot s;
        return s;
    }
    B own_{};
    B* buffers_ = &own_;
};

/// Most tokens an alias may have. A scan holds the matches of the last this-many tokens until
/// they can be handed out in order of start (and a walk of the trie from every token, before
/// suffix links, took this many steps per token: an alias of 2000 repeated words made a text of
/// that word take 2000 times as long). Real names stay far below (the default gazetteer's
/// longest has 11).
inline constexpr std::size_t max_alias_tokens = 24;

/// overlap::longest_first over the candidates of a scan, which arrive in order of first token.
/// Candidates are resolved one cluster at a time (a maximal run of candidates chained by overlap;
/// the winners of one cluster cannot depend on another). A cluster of n candidates costs
/// O(n log n): sorted by (longest, earliest, priority), each is accepted when none of its tokens
/// (at most max_alias_tokens) is taken yet. Real text has clusters of a few candidates; a
/// hostile one ("a a a ..." with an alias "a a") can chain millions, so a cluster is cut after
/// max_cluster candidates and resolved as if it ended there (later candidates that start before
/// its last winner ends are dropped): bounded memory and time, exact below the cap.
/// The buffers of a longest_first_resolver (see borrowed).
struct resolver_buffers {
    struct candidate {
        gazetteer_match match;
        std::size_t first, last; ///< tokens, relative to the cluster's first
        bool won;
    };
    std::vector<candidate> candidates;
    std::vector<std::size_t> order;
    std::vector<std::uint8_t> taken;
};

template <class OnMatch>
class longest_first_resolver {
public:
    explicit longest_first_resolver(OnMatch& on_match) noexcept : on_match_(on_match) {
        candidates_.clear(); // left over by an exception
    }

    static constexpr std::size_t max_cluster = std::size_t{1} << 14;

    /// A candidate spanning tokens [first, last] of the scan.
    void add(gazetteer_match const& m, std::size_t first, std::size_t last) {
        if (!candidates_.empty() && (first > cluster_last_ || candidates_.size() >= max_cluster)) flush();
        if (first < blocked_until_) return; // overlaps the winners of a cut cluster
        if (candidates_.empty()) cluster_first_ = first, cluster_last_ = last;
        cluster_last_ = std::max(cluster_last_, last);
        candidates_.push_back({m, first - cluster_first_, last - cluster_first_, false});
    }

    /// Reports the winners of the pending cluster, in order of start.
    void flush() {
        if (candidates_.size() == 1) {
            on_match_(candidates_.front().match);
            blocked_until_ = cluster_first_ + candidates_.front().last + 1;
            candidates_.clear();
            return;
        }
        order_.resize(candidates_.size());
        for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
        std::sort(order_.begin(), order_.end(), [this](std::size_t a, std::size_t b) {
            auto const& x = candidates_[a].match;
            auto const& y = candidates_[b].match;
            if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
            if (x.span.begin != y.span.begin) return x.span.begin < y.span.begin;
            return x.alias < y.alias;
        });
        taken_.assign(cluster_last_ - cluster_first_ + 1, 0);
        for (auto const i : order_) {
            auto& c = candidates_[i];
            auto const begin = taken_.begin() + static_cast<std::ptrdiff_t>(c.first);
            auto const end = taken_.begin() + static_cast<std::ptrdiff_t>(c.last) + 1;
            if (std::find(begin, end, std::uint8_t{1}) != end) continue;
            std::fill(begin, end, std::uint8_t{1});
            c.won = true;
        }
        for (auto const& c : candidates_) { // in order of first token: winners do not overlap
            if (!c.won) continue;
            on_match_(c.match);
            blocked_until_ = cluster_first_ + c.last + 1;
        }
        candidates_.clear();
    }

private:
    OnMatch& on_match_;
    borrowed<resolver_buffers> buffers_;
    std::vector<resolver_buffers::candidate>& candidates_ = buffers_->candidates;
    std::vector<std::size_t>& order_ = buffers_->order;
    std::vector<std::uint8_t>& taken_ = buffers_->taken;
    std::size_t cluster_first_ = 0, cluster_last_ = 0;
    std::size_t blocked_until_ = 0; ///< one past the last token of the last winner reported
};

/// Which case of the text an alias accepts (beyond case-insensitive folding).
enum class alias_case : std::uint8_t {
    any = 0,         ///< any case
    capitals = 1,    ///< every matched letter in capitals: aliases written in capitals (US, WHO)
    capitalised = 2, ///< an upper-case first letter: names that are also ordinary words (Turkey)
};

/// The matcher proper. Built once (add_alias..., finish), then immutable: find() is const and
/// keeps its scanning state on the caller's stack, so one matcher serves many threads.
class matcher {
public:
    /// Adds an alias of `entity`. `priority` (below 2^30) orders aliases for leftmost_first and
    /// breaks ties. An alias written in capitals only (US, U.N.) will match only text in
    /// capitals; with `capitalised_only`, others match only text that starts with a capital.
    /// Returns false (and adds nothing) when the alias has no letter or digit, a word longer
    /// than fold_buffer::capacity folded bytes, or more than max_alias_tokens tokens.
    bool add_alias(std::string_view alias, std::uint32_t entity, std::uint32_t priority, bool capitalised_only = false) {
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
        auto const mode = upper && !lower ? alias_case::capitals : capitalised_only ? alias_case::capitalised : alias_case::any;
        pending_.push_back({node, (priority << 2) | static_cast<std::uint32_t>(mode), entity});
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
                                          [&](output const& o) { return o.entity == p.entity && (o.rank & 3) == (p.rank & 3); });
            if (seen) continue;
            outputs_.push_back({p.entity, p.rank});
            ++out_begin_[p.node + 1];
        }
        for (std::size_t n = 1; n < out_begin_.size(); ++n) out_begin_[n] += out_begin_[n - 1];
        link_suffixes();
        build_skip_filters();
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
        if constexpr (Policy == overlap::longest_first) {
            longest_first_resolver<std::remove_reference_t<OnMatch>> resolver(on_match);
            scan<Policy>(text, [&resolver](gazetteer_match const& m, std::size_t first, std::size_t last) {
                resolver.add(m, first, last);
            });
            resolver.flush();
        } else {
            scan<Policy>(text, [&on_match](gazetteer_match const& m, std::size_t, std::size_t) { on_match(m); });
        }
    }

    [[nodiscard]] std::size_t alias_count() const noexcept { return aliases_; }
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return tokens_.memory_bytes() + edges_.memory_bytes() +
               (starters_.capacity() + inner_.capacity() + restarts_.capacity() + first_step_.capacity()) * sizeof(std::uint64_t) +
               (out_begin_.capacity() + fail_.capacity() + out_link_.capacity()) * sizeof(std::uint32_t) +
               depth_.capacity() + outputs_.capacity() * sizeof(output) +
               sizeof(starter_filter_) + sizeof(whole_filter_) + sizeof(pair_filter_);
    }

private:
    /// Calls `emit(match, first token, last token)` for each match in order of first token:
    /// the policy's winner at each start, or (all, longest_first) every candidate.
    ///
    /// One Aho-Corasick pass: the state after a token is the trie node of the longest run of
    /// tokens ending there that an alias starts with, and the matches ending there are found
    /// on its chain of output links. Each token costs a transition (amortised O(1)) and its
    /// matches, whatever the longest alias. Matches are collected by start and handed out once
    /// no match can start there any more (max_depth_ tokens later), in the order of a walk from
    /// every start.
    template <overlap Policy, class Emit>
    void scan(std::string_view text, Emit&& emit) const {
        auto case_of = [text](kept_token& t) -> kept_token const& {
            if (t.keyed) {
                tokenizer::ascii_case(text, t.begin, t.end, t.has_lower, t.has_upper);
                t.keyed = false;
            }
            return t;
        };
        std::size_t const capacity = std::bit_ceil(max_depth_ + 1);
        std::size_t const mask = capacity - 1;
        borrowed<scan_buffers> buffers;
        auto& ring = buffers->ring; // the last `capacity` kept tokens
        auto& by_start = buffers->by_start;
        ring.resize(std::max(ring.size(), capacity));
        by_start.resize(std::max(by_start.size(), capacity));
        for (auto& list : by_start) list.clear(); // left over by an exception
        std::size_t next_start = 0; // leftmost policies: the first start after the last match emitted
        std::size_t held = 0;       // matches in by_start
        auto release = [&](std::size_t s) {
            auto& list = by_start[s & mask];
            if (list.empty()) return;
            held -= list.size();
            if constexpr (Policy == overlap::all || Policy == overlap::longest_first) {
                for (auto const& f : list) emit(f.match, s, f.last);
            } else if (s >= next_start) {
                auto const* best = &list.front(); // a start's matches are in order of end
                for (auto const& f : list) {
                    if constexpr (Policy == overlap::leftmost_longest) best = &f;
                    else if (f.rank < best->rank) best = &f;
                }
                emit(best->match, s, best->last);
                next_start = best->last + 1;
            }
            list.clear();
        };

        tokenizer tz(text);
        raw_token tok;
        ascii_key key;
        fold_buffer folded;
        std::uint32_t state = 0;
        // Token numbers count only the kept tokens: those after which the state is not the root.
        // Every token of a match is one (the alias's prefix up to it is a path of the trie), so
        // a match is a run of consecutive numbers, and numbers order and overlap as tokens do.
        std::size_t k = 0;
        std::uint32_t starter = no_id; // the token skip() stopped at (no_id: not looked up)
        auto const may_start_alias = [this](ascii_key const& word) -> bool {
            auto const h = starter_hash(word);
            return (starter_filter_[h >> 54] >> ((h >> 48) & 63)) & 1u;
        };
        auto const starts_alias_word = [this, &starter](ascii_key const& word) { // may_start_alias(word)
            // a word that no one-word alias can be ("the") meets the pair filter before a lookup
            auto const h = starter_hash(word);
            if (!((whole_filter_[(h >> 38) & 1023] >> ((h >> 32) & 63)) & 1u)) {
                starter = no_id; // looked up if skip() stops at it
                return word_stop::unless_followed;
            }
            starter = tokens_.find(word);
            if (!starts_alias(starter)) return word_stop::pass;
            // an alias of this one word ends here; else only a token after it can make a match
            return has_outputs(starter + 1) ? word_stop::stop : word_stop::unless_followed;
        };
        auto const may_go_on = [this](ascii_key const& word, ascii_key const& following) {
            auto const h = pair_hash(word, following);
            return ((pair_filter_[h >> 54] >> ((h >> 48) & 63)) & 1u) != 0;
        };
        for (;;) {
            token_read how;
            if (state == 0 && tz.skip(may_start_alias, starts_alias_word, may_go_on, skip_rules_, tok, key)) {
                how = token_read::ascii;
                if (starter == no_id) starter = tokens_.find(key);
                if (!starts_alias(starter)) continue; // the filters let it through
                state = starter + 1; // see renumber_nodes
            } else {
                how = tz.read(tok, key, folded);
                std::uint32_t id;
                if (how == token_read::ascii) id = tokens_.find(key);
                else if (how == token_read::folded) id = folded.overflow() ? no_id : tokens_.find(folded);
                else break;
                if (id == no_id) { // no alias has this token: every run breaks here
                    state = 0;
                    continue;
                }
                if (tok.gap == token_gap::paragraph) state = 0; // aliases do not span paragraphs
                state = step(state, label(id, tok.gap));
                if (state == 0) continue;
            }

            if (held != 0 && k >= max_depth_) release(k - max_depth_); // its matches have all ended
            ring[k & mask] = {tok.begin, tok.end, how == token_read::ascii, tok.has_lower, tok.has_upper};
            for (auto node = has_outputs(state) ? state : out_link(state); node != 0; node = out_link(node)) {
                std::size_t const s = k + 1 - depth(node);
                auto& first = ring[s & mask];
                int capitals = -1; // acronym aliases need every matched letter in capitals (-1: not read yet)
                auto accepts = [&](alias_case mode) {
                    if (mode == alias_case::capitalised)
                        return case_of(first).has_upper && starts_upper(text, first.begin);
                    if (capitals < 0) {
                        capitals = 1;
                        for (std::size_t j = s; j <= k; ++j) capitals &= case_of(ring[j & mask]).has_lower ? 0 : 1;
                    }
                    return capitals == 1;
                };
                for (auto i = out_begin_[node]; i < out_begin_[node + 1]; ++i) {
                    auto const& o = outputs_[i];
                    if ((o.rank & 3) != 0 && !accepts(static_cast<alias_case>(o.rank & 3))) continue;
                    by_start[s & mask].push_back({{{first.begin, tok.end}, o.entity, o.rank >> 2}, k, o.rank});
                    ++held;
                    // outputs are sorted by rank: the first acceptable one is this node's best
                    if constexpr (Policy != overlap::all) break;
                }
            }
            ++k;
            // whatever follows a childless node whose longest proper suffix is the root starts
            // afresh: skip() finds that start for less than read() and step() would
            if (restarts(state)) state = 0;
        }
        for (std::size_t s = k >= max_depth_ ? k - max_depth_ : 0; held != 0 && s < k; ++s) release(s);
    }

    struct found {
        gazetteer_match match;
        std::size_t last; ///< token
        std::uint32_t rank;
    };
    struct kept_token {
        std::size_t begin, end;
        bool keyed; ///< read into an ascii_key: the case bits are read on first need
        bool has_lower, has_upper;
    };
    /// The buffers of a scan (see borrowed).
    struct scan_buffers {
        std::vector<kept_token> ring;
        std::vector<std::vector<found>> by_start;
    };

    /// The Aho-Corasick transition from `state` on a token with edge label `lbl`.
    [[nodiscard]] std::uint32_t step(std::uint32_t state, std::uint32_t lbl) const noexcept {
        for (;;) {
            if (state == 0) return starts_alias(lbl >> 1) ? (lbl >> 1) + 1 : 0; // the first token's gap is free
            // first_step_ answers most misses from a one-token node without a lookup
            bool const may_follow = state > first_step_.size() || ((first_step_[state - 1] >> label_bit(lbl)) & 1u);
            if (may_follow && has_children(state))
                if (auto const child = edges_.find(state, lbl); child != 0) return child;
            state = fail(state);
        }
    }
    [[nodiscard]] bool has_outputs(std::uint32_t node) const noexcept { return out_begin_[node] != out_begin_[node + 1]; }
    // Suffix links are stored for the nodes two or more tokens deep only (numbered from
    // deep_from_, see renumber_nodes): a one-token node's longest proper suffix is the root.
    [[nodiscard]] std::uint32_t fail(std::uint32_t node) const noexcept {
        return node >= deep_from_ ? fail_[node - deep_from_] : 0;
    }
    [[nodiscard]] std::uint32_t out_link(std::uint32_t node) const noexcept {
        return node >= deep_from_ ? out_link_[node - deep_from_] : 0;
    }
    [[nodiscard]] std::size_t depth(std::uint32_t node) const noexcept {
        return node >= deep_from_ ? depth_[node - deep_from_] : 1;
    }

    /// Links each node to its longest proper suffix in the trie (fail_) and to the nearest node
    /// with outputs on that chain (out_link_), breadth first from the one-token nodes.
    void link_suffixes() {
        std::vector<std::uint32_t> child_begin(std::size_t{nodes_} + 1, 0);
        edges_.for_each_edge([&](std::uint32_t parent, std::uint32_t, std::uint32_t) { ++child_begin[parent + 1]; });
        for (std::size_t n = 1; n < child_begin.size(); ++n) child_begin[n] += child_begin[n - 1];
        std::vector<std::pair<std::uint32_t, std::uint32_t>> children(child_begin.back()); // (label, child)
        auto fill = child_begin;
        edges_.for_each_edge([&](std::uint32_t parent, std::uint32_t lbl, std::uint32_t child) {
            children[fill[parent]++] = {lbl, child};
        });
        std::size_t const deep = nodes_ - deep_from_;
        fail_.assign(deep, 0);
        out_link_.assign(deep, 0);
        depth_.assign(deep, 0);
        std::vector<std::uint32_t> queue;
        for (std::uint32_t t = 0; t < tokens_.size(); ++t)
            if (starts_alias(t)) queue.push_back(t + 1);
        for (std::size_t q = 0; q < queue.size(); ++q) {
            auto const parent = queue[q];
            for (auto c = child_begin[parent]; c < child_begin[parent + 1]; ++c) {
                auto const [lbl, child] = children[c];
                auto const suffix = step(fail(parent), lbl);
                depth_[child - deep_from_] = static_cast<std::uint8_t>(depth(parent) + 1);
                fail_[child - deep_from_] = suffix;
                out_link_[child - deep_from_] = has_outputs(suffix) ? suffix : out_link(suffix);
                queue.push_back(child);
            }
        }
        restarts_.assign(inner_.size(), 0);
        for (std::uint32_t n = 1; n < nodes_; ++n)
            if (!has_children(n) && fail(n) == 0) restarts_[n >> 6] |= std::uint64_t{1} << (n & 63);
    }

    /// Whether the token at `pos` starts with an upper- or title-case letter.
    static bool starts_upper(std::string_view text, std::size_t pos) noexcept {
        auto const b = static_cast<unsigned char>(text[pos]);
        if (b < 0x80) return b >= 'A' && b <= 'Z';
        return is_upper(decode_fast(text, pos).cp);
    }

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
    /// Whether the transition from `node` on any token is the one from the root (see restarts_).
    [[nodiscard]] bool restarts(std::uint32_t node) const noexcept {
        return (restarts_[node >> 6] >> (node & 63)) & 1u;
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
        deep_from_ = next;
        for (std::uint32_t n = 1; n < nodes_; ++n)
            if (renumbered[n] == 0) renumbered[n] = next++;
        nodes_ = next;
        edges_.renumber(renumbered);
        inner_.assign((std::size_t{nodes_} + 63) / 64, 0);
        edges_.for_each_parent([this](std::uint32_t n) { inner_[n >> 6] |= std::uint64_t{1} << (n & 63); });
        first_step_.assign(tokens, 0);
        edges_.for_each_edge([&](std::uint32_t parent, std::uint32_t lbl, std::uint32_t) {
            if (parent >= 1 && parent <= tokens) first_step_[parent - 1] |= std::uint64_t{1} << label_bit(lbl);
        });
        for (auto& p : pending_) p.node = renumbered[p.node];
        std::vector<std::uint32_t>().swap(root_child_);
    }

    /// The hash of starter_filter_ (its top 16 bits): one multiply, of the first 8 bytes and the
    /// length only, so that tokenizer::mark_looks() loads and masks one 8-byte word of each word.
    [[nodiscard]] static std::uint64_t starter_hash(ascii_key const& word) noexcept {
        return (word.lo + word.size) * 0x9E3779B97F4A7C15ull;
    }

    /// The hash of pair_filter_ (its top 16 bits).
    [[nodiscard]] static std::uint64_t pair_hash(ascii_key const& first, ascii_key const& second) noexcept {
        return (starter_hash(first) ^ (second.lo + second.hi)) * 0xC2B2AE3D27D4EB4Full;
    }

    /// What tokenizer::skip() may pass over: starter_filter_, a one-bit-per-hash filter of the
    /// tokens an alias starts with that an ASCII word can be (lower-case letters and digits,
    /// under 16 bytes); whole_filter_, the same of those that are a whole alias too (from
    /// other bits of the hash, so that its false positives are not starter_filter_'s);
    /// pair_filter_, the same of the pairs of such tokens, one space apart, that an alias
    /// starts with (the words that may go on after "the" are far fewer than every alias's
    /// second); and skip_rules_, the punctuation no alias starts with.
    void build_skip_filters() {
        starter_filter_.fill(0);
        whole_filter_.fill(0);
        pair_filter_.fill(0);
        skip_rules_ = {};
        auto const ascii_word = [](fold_buffer const& token, ascii_key& word) {
            auto const spelling = token.view();
            auto const alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
            if (spelling.size() >= 16 || !std::all_of(spelling.begin(), spelling.end(), alnum)) return false;
            // as skip() reads it: zero padded, `hi` zero up to 8 bytes
            std::memcpy(&word.lo, token.data.data(), 8);
            word.hi = 0;
            if (spelling.size() > 8) std::memcpy(&word.hi, token.data.data() + 8, 8);
            word.size = spelling.size();
            return true;
        };
        std::vector<ascii_key> words(tokens_.size()); // size 0: not an ASCII word
        tokens_.for_each_token([&](std::uint32_t id, fold_buffer const& token) {
            ascii_key& word = words[id];
            if (!ascii_word(token, word)) {
                word.size = 0;
                auto const c = static_cast<unsigned char>(token.data[0]);
                if (starts_alias(id) && token.size == 1 && c < 0x80) { // punctuation
                    skip_rules_.punct_stops[c >> 6] |= std::uint64_t{1} << (c & 63);
                    skip_rules_.any_punct_stop = true;
                }
                return;
            }
            auto const h = starter_hash(word);
            if (starts_alias(id)) starter_filter_[h >> 54] |= std::uint64_t{1} << ((h >> 48) & 63);
            if (starts_alias(id) && has_outputs(id + 1)) whole_filter_[(h >> 38) & 1023] |= std::uint64_t{1} << ((h >> 32) & 63);
        });
        edges_.for_each_edge([&](std::uint32_t parent, std::uint32_t lbl, std::uint32_t) {
            // from a one-token node (numbered after its token) over white space
            if (parent < 1 || parent >= deep_from_ || (lbl & 1) == 0) return;
            auto const& first = words[parent - 1];
            auto const& second = words[lbl >> 1];
            if (first.size == 0 || second.size == 0) return;
            auto const h = pair_hash(first, second);
            pair_filter_[h >> 54] |= std::uint64_t{1} << ((h >> 48) & 63);
        });
        // the folded forms of the quotes and dashes skip() may pass: ' - and the double quotes
        skip_rules_.pass_typographic = true;
        fold_buffer folded;
        for (std::string_view const symbol : {"'", "-", "\u201C", "\u201D", "\u201E"}) {
            folded.assign(symbol);
            if (starts_alias(tokens_.find(folded))) skip_rules_.pass_typographic = false;
        }
    }

    struct pending {
        std::uint32_t node, rank, entity;
    };
    struct output {
        std::uint32_t entity;
        std::uint32_t rank; ///< priority << 2 | alias_case
    };

    token_table tokens_;
    edge_table edges_;
    std::vector<std::uint32_t> root_child_; ///< while building: token id -> node of the one-token prefix
    std::vector<std::uint64_t> starters_;   ///< compiled: bit per token id, set if an alias starts with it
    std::vector<std::uint64_t> inner_;      ///< compiled: bit per node, set if it has children
    std::vector<std::uint64_t> restarts_;   ///< compiled: bit per node without children whose fail_ is the root
    std::vector<std::uint64_t> first_step_; ///< compiled: per token, a 1-bit-per-label filter of its node's edges
    std::vector<std::uint32_t> out_begin_;  ///< node -> first output; outputs of n are [n, n + 1)
    std::vector<std::uint32_t> fail_;       ///< compiled: deep node -> its longest proper suffix in the trie (0: none)
    std::vector<std::uint32_t> out_link_;   ///< compiled: deep node -> the nearest node with outputs on its fail_ chain
    std::vector<std::uint8_t> depth_;       ///< compiled: deep node -> tokens on its path
    std::uint32_t deep_from_ = 1;           ///< compiled: the first node two or more tokens deep
    std::vector<output> outputs_;
    std::array<std::uint64_t, 1024> starter_filter_{};  ///< compiled: see build_skip_filters
    std::array<std::uint64_t, 1024> whole_filter_{};    ///< compiled: see build_skip_filters
    std::array<std::uint64_t, 1024> pair_filter_{};     ///< compiled: see build_skip_filters
    skip_rules skip_rules_;                          ///< compiled: see build_skip_filters
    std::vector<pending> pending_;
    std::uint32_t nodes_ = 1; ///< node 0 is the root
    std::size_t max_depth_ = 0;
    std::size_t aliases_ = 0;
};

} // namespace detail
BYLINE_END_NAMESPACE
