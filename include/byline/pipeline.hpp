#pragma once
// Compile-time composition of stages: no virtual dispatch, one pass per stage, in order.
#include <byline/document.hpp>

#include <concepts>
#include <string_view>
#include <tuple>
#include <utility>

BYLINE_BEGIN_NAMESPACE

/// A stage reads what earlier stages put in the document and adds its own results.
/// It must not depend on anything but the document and its own (immutable) configuration,
/// so one stage object can serve many threads at once.
template <class S>
concept stage = requires(S const& s, document& doc) {
    { s.annotate(doc) } -> std::same_as<void>;
};

/// Runs `Stages...` in order over a text. Each stage is held by value; a user's own type that
/// satisfies `stage` slots in anywhere.
template <stage... Stages>
class pipeline {
public:
    pipeline() = default;
    explicit pipeline(Stages... stages) : stages_(std::move(stages)...) {}

    /// Annotates `text` into `doc`, reusing `doc`'s storage.
    void annotate(std::string_view text, document& doc) const {
        doc.reset(text);
        std::apply([&doc](auto const&... s) { (s.annotate(doc), ...); }, stages_);
    }

    [[nodiscard]] document operator()(std::string_view text) const {
        document doc;
        annotate(text, doc);
        return doc;
    }

    template <std::size_t I>
    [[nodiscard]] auto const& get() const noexcept { return std::get<I>(stages_); }
    template <class S>
    [[nodiscard]] S const& get() const noexcept { return std::get<S>(stages_); }

private:
    std::tuple<Stages...> stages_;
};

BYLINE_END_NAMESPACE
