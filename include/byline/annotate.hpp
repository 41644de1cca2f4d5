#pragma once
// One-call annotation with the default pipeline, behind a plain std::string_view signature.
//
// Header-only by default. A program that annotates from several files can compile the pipeline
// once instead (Boost.Asio's model): define BYLINE_SEPARATE_COMPILATION everywhere and include
// <byline/src.hpp> in exactly one .cpp. A file that includes only this header then compiles in a
// fraction of a second, because it sees declarations, not the stages.
#include <byline/document.hpp>

#include <string_view>

#if defined(BYLINE_SEPARATE_COMPILATION)
#  define BYLINE_DECL
#else
#  define BYLINE_DECL inline
#endif

BYLINE_BEGIN_NAMESPACE

/// Annotates `text` with `default_pipeline` into `doc`, reusing `doc`'s storage. The pipeline is
/// built once per process, on first use, and shared by all threads.
BYLINE_DECL void annotate(std::string_view text, document& doc);

/// Annotates `text` with `default_pipeline`. The result refers to `text`, which must outlive it.
[[nodiscard]] BYLINE_DECL document annotate(std::string_view text);

BYLINE_END_NAMESPACE

#if !defined(BYLINE_SEPARATE_COMPILATION)
#  include <byline/impl/annotate.ipp>
#endif
