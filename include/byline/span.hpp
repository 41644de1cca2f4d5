#pragma once
// byte_span: the one currency of byline's results. No Boost, no utf8proc: cheap to include.
#include <byline/version.hpp>

#include <cstddef>
#include <string_view>

BYLINE_BEGIN_NAMESPACE

/// Half-open [begin, end) UTF-8 byte offsets into the caller's original text.
/// Every span byline returns starts and ends on a code point boundary of that text.
struct byte_span {
    std::size_t begin = 0;
    std::size_t end = 0;

    [[nodiscard]] constexpr std::size_t size() const noexcept { return end - begin; }
    [[nodiscard]] constexpr bool empty() const noexcept { return begin == end; }
    /// The bytes this span covers in `text` (the text it was computed on).
    [[nodiscard]] constexpr std::string_view in(std::string_view text) const noexcept {
        return text.substr(begin, end - begin);
    }
    friend constexpr bool operator==(byte_span, byte_span) = default;
};

BYLINE_END_NAMESPACE
