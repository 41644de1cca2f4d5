// Definitions for <byline/annotate.hpp>: included by it in header-only mode, by <byline/src.hpp>
// in separate-compilation mode.
#include <byline/annotate.hpp>
#include <byline/byline.hpp>

BYLINE_BEGIN_NAMESPACE
namespace detail {
inline default_pipeline const& shared_default_pipeline() {
    static default_pipeline const pipeline; // thread-safe initialisation; stages are immutable
    return pipeline;
}
} // namespace detail

BYLINE_DECL void annotate(std::string_view text, document& doc) { detail::shared_default_pipeline().annotate(text, doc); }

BYLINE_DECL document annotate(std::string_view text) { return detail::shared_default_pipeline()(text); }

BYLINE_END_NAMESPACE
