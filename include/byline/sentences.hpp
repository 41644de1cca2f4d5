#pragma once
// Sentence splitting for English news (and, through a policy type, other conventions).
//
//   for (byline::byte_span s : byline::sentences(text)) ...        // lazy, default rules
//   auto v = byline::split_sentences(text);                        // eager
//   byline::sentence_splitter const sp = byline::sentence_splitter{}.with_abbreviations({"Cllr."});
//   for (byline::byte_span s : sp.split(text)) ...
//   byline::basic_sentence_splitter<my_policy> mine;               // compile-time rules (a policy type)
//   byline::sentence_stream st; st.feed(chunk, on_sentence); ...; st.finish(on_sentence);
//
// Sentences are trimmed, in order, non-overlapping, and start and end on code point boundaries;
// every byte that is not white space belongs to one. Invalid UTF-8 bytes are single characters.
//
// A list file in the shared lexicon's TSV format is read by byline::read_abbreviation_list in
// <byline/detail/sentence_abbreviation_list.hpp>, kept out of this header because it uses Spirit X3.
#include <byline/document.hpp>
#include <byline/detail/sentence_policy.hpp>
#include <byline/detail/sentence_scanner.hpp>

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

BYLINE_BEGIN_NAMESPACE

template <sentence_policy Policy>
class basic_sentence_view;
template <sentence_policy Policy>
class basic_sentence_stream;

namespace detail {

/// Run-time abbreviations: owned strings, sorted like a policy table.
class abbreviation_store {
public:
    abbreviation_store(std::span<abbreviation const> base, std::span<abbreviation const> added) {
        std::size_t bytes = 0;
        for (auto const& a : base) bytes += a.text.size();
        for (auto const& a : added) bytes += a.text.size();
        chars_.reserve(bytes); // never reallocates below, so the views stay valid
        auto keep = [this](abbreviation a) {
            auto const at = chars_.size();
            chars_.append(a.text);
            entries_.push_back({std::string_view(chars_).substr(at, a.text.size()), a.kind, a.word_like});
        };
        for (auto const& a : added) keep(a); // stable sort: a later addition wins over an earlier one
        for (auto const& a : base) keep(a);
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](abbreviation const& x, abbreviation const& y) { return compare_folded(x.text, y.text) < 0; });
    }
    [[nodiscard]] std::span<abbreviation const> entries() const noexcept { return entries_; }

private:
    std::string chars_;
    std::vector<abbreviation> entries_;
};

/// Trims white space (including NBSP and the Unicode spaces) off both ends of [b, e).
[[nodiscard]] inline byte_span trim_sentence(std::string_view text, std::size_t b, std::size_t e) noexcept {
    while (b < e) {
        auto const len = space_length(text, b, e);
        if (len == 0) break;
        b += len;
    }
    while (e > b) {
        auto const last = static_cast<unsigned char>(text[e - 1]);
        if (last < 0x80) {
            if (!(last == ' ' || (last >= '\t' && last <= '\r'))) break;
            --e;
        } else {
            auto const d = decode_before(text, e);
            if (e - d.length < b || !is_space(d.cp)) break;
            e -= d.length;
        }
    }
    return {b, e};
}

} // namespace detail

/// Splits text into sentences by the rules of `Policy` (see english_news for what a policy holds),
/// plus abbreviations added at run time. Immutable and cheap to copy; share it across threads.
template <sentence_policy Policy = english_news>
class basic_sentence_splitter {
public:
    using policy_type = Policy;

    basic_sentence_splitter() = default;

    /// Adds abbreviations (written with their final period, "Sen.") to the policy's.
    explicit basic_sentence_splitter(std::span<abbreviation const> extra)
        : extra_(std::make_shared<detail::abbreviation_store const>(std::span<abbreviation const>{}, extra)) {}

    /// A copy that also knows `forms` ("approx.", "Gov."), all of kind `kind`.
    [[nodiscard]] basic_sentence_splitter with_abbreviations(std::initializer_list<std::string_view> forms,
                                                             abbreviation_kind kind = abbreviation_kind::other) const {
        std::vector<abbreviation> added;
        added.reserve(forms.size());
        for (auto const f : forms) added.push_back({f, kind, false});
        return with_abbreviations(std::span<abbreviation const>(added));
    }
    /// A copy that also knows `added`.
    [[nodiscard]] basic_sentence_splitter with_abbreviations(std::span<abbreviation const> added) const {
        basic_sentence_splitter copy;
        copy.extra_ = std::make_shared<detail::abbreviation_store const>(extra_abbreviations(), added);
        return copy;
    }

    /// The abbreviations added at run time (the policy's are Policy::abbreviation_table).
    [[nodiscard]] std::span<abbreviation const> extra_abbreviations() const noexcept {
        return extra_ ? extra_->entries() : std::span<abbreviation const>{};
    }

    /// A lazy view of the trimmed sentences of `text` (which must outlive the view's use).
    [[nodiscard]] basic_sentence_view<Policy> split(std::string_view text) const noexcept { return {text, *this}; }
    template <class S>
        requires std::same_as<std::remove_cvref_t<S>, std::string> && (!std::is_lvalue_reference_v<S>)
    basic_sentence_view<Policy> split(S&&) const = delete; // the string would die before the view

    /// The pipeline stage: fills doc.sentences.
    void annotate(document& doc) const {
        doc.sentences.clear();
        for (byte_span const s : split(doc.text)) doc.sentences.push_back(s);
    }

private:
    friend class basic_sentence_view<Policy>;
    template <sentence_policy>
    friend class basic_sentence_stream;

    /// Where the scanned sentence of `text` ends (untrimmed); the next starts there. With `final`
    /// false, detail::sentence_need_more when `text` may go on and the decision needs more of it.
    [[nodiscard]] std::size_t next_boundary(std::string_view text, detail::sentence_scan& scan, bool final) const noexcept {
        return detail::sentence_scanner<Policy>(text, final, extra_abbreviations()).next_boundary(scan);
    }

    std::shared_ptr<detail::abbreviation_store const> extra_;
};

using sentence_splitter = basic_sentence_splitter<>;

/// The trimmed sentences of a text, computed one at a time. A borrowed view: iterators stay
/// valid as long as the text does.
template <sentence_policy Policy>
class basic_sentence_view {
public:
    class iterator {
    public:
        using value_type = byte_span;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;

        iterator() = default;
        iterator(std::string_view text, basic_sentence_splitter<Policy> const& splitter) : text_(text), splitter_(splitter) {
            advance();
        }

        [[nodiscard]] byte_span operator*() const noexcept { return current_; }
        iterator& operator++() {
            advance();
            return *this;
        }
        iterator operator++(int) {
            auto copy = *this;
            advance();
            return copy;
        }
        [[nodiscard]] friend bool operator==(iterator const& a, iterator const& b) noexcept {
            return a.done_ == b.done_ && (a.done_ || a.current_ == b.current_);
        }
        [[nodiscard]] friend bool operator==(iterator const& it, std::default_sentinel_t) noexcept { return it.done_; }

    private:
        void advance() noexcept {
            while (next_ < text_.size()) {
                detail::sentence_scan scan;
                scan.restart(next_, next_ == 0);
                std::size_t const b = splitter_.next_boundary(text_, scan, true);
                auto const s = detail::trim_sentence(text_, next_, b);
                next_ = b;
                if (!s.empty()) {
                    current_ = s;
                    return;
                }
            }
            done_ = true;
        }

        std::string_view text_;
        basic_sentence_splitter<Policy> splitter_;
        std::size_t next_ = 0;
        byte_span current_;
        bool done_ = false;
    };

    basic_sentence_view() = default;
    basic_sentence_view(std::string_view text, basic_sentence_splitter<Policy> const& splitter)
        : text_(text), splitter_(splitter) {}

    [[nodiscard]] iterator begin() const { return iterator(text_, splitter_); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }
    [[nodiscard]] std::string_view text() const noexcept { return text_; }

private:
    std::string_view text_;
    basic_sentence_splitter<Policy> splitter_;
};

using sentence_view = basic_sentence_view<english_news>;

namespace detail {
struct sentences_fn {
    [[nodiscard]] sentence_view operator()(std::string_view text) const noexcept { return sentence_splitter{}.split(text); }
    template <class S>
        requires std::same_as<std::remove_cvref_t<S>, std::string> && (!std::is_lvalue_reference_v<S>)
    sentence_view operator()(S&&) const = delete; // the string would die before the view
};
} // namespace detail

/// `byline::sentences(text)`: the sentences of `text` by the default English news rules, lazily.
inline constexpr detail::sentences_fn sentences{};

/// All sentences of `text` at once.
[[nodiscard]] inline std::vector<byte_span> split_sentences(std::string_view text) {
    std::vector<byte_span> out;
    for (byte_span const s : sentences(text)) out.push_back(s);
    return out;
}

/// Splits text that arrives in pieces. Sentences come out as soon as they are certain, with
/// offsets into the whole text fed so far, exactly as a whole-text split would give them. Holds
/// only the unfinished sentence plus a bounded look-ahead.
template <sentence_policy Policy = english_news>
class basic_sentence_stream {
public:
    basic_sentence_stream() = default;
    explicit basic_sentence_stream(basic_sentence_splitter<Policy> splitter) : splitter_(std::move(splitter)) {}

    /// Adds `chunk`; calls `on_sentence(byte_span, std::string_view sentence_text)` (or just
    /// `on_sentence(byte_span)`) for each sentence completed.
    template <class F>
    void feed(std::string_view chunk, F&& on_sentence) {
        buffer_.append(chunk);
        drain(false, on_sentence);
    }

    /// The text is complete: emits the last sentences and resets the stream for a new text.
    template <class F>
    void finish(F&& on_sentence) {
        drain(true, on_sentence);
        buffer_.clear();
        consumed_ = 0;
        offset_ = 0;
        scan_.restart(0, true);
    }

    /// Bytes held for the unfinished sentence.
    [[nodiscard]] std::size_t buffered() const noexcept { return buffer_.size() - consumed_; }

private:
    template <class F>
    void drain(bool final, F& on_sentence) {
        std::string_view const text(buffer_);
        while (consumed_ < text.size()) {
            std::size_t const b = splitter_.next_boundary(text, scan_, final);
            if (b == detail::sentence_need_more) break;
            auto const s = detail::trim_sentence(text, consumed_, b);
            consumed_ = b;
            scan_.restart(b, false);
            if (s.empty()) continue;
            byte_span const global{offset_ + s.begin, offset_ + s.end};
            if constexpr (std::is_invocable_v<F&, byte_span, std::string_view>)
                on_sentence(global, s.in(text));
            else
                on_sentence(global);
        }
        // Drop what is done once it is most of the buffer: amortised O(1) per byte.
        if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {
            buffer_.erase(0, consumed_);
            offset_ += consumed_;
            scan_.shift(consumed_);
            consumed_ = 0;
        }
    }

    basic_sentence_splitter<Policy> splitter_;
    std::string buffer_;
    std::size_t consumed_ = 0; ///< buffer_ bytes already emitted
    std::size_t offset_ = 0;   ///< global offset of buffer_[0]
    detail::sentence_scan scan_; ///< the unfinished sentence
};

using sentence_stream = basic_sentence_stream<>;

BYLINE_END_NAMESPACE

template <byline::sentence_policy Policy>
inline constexpr bool std::ranges::enable_borrowed_range<byline::basic_sentence_view<Policy>> = true;
template <byline::sentence_policy Policy>
inline constexpr bool std::ranges::enable_view<byline::basic_sentence_view<Policy>> = true;
