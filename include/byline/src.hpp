#pragma once
// Include in exactly one .cpp of a program built with BYLINE_SEPARATE_COMPILATION defined: it
// compiles the out-of-line definitions of <byline/annotate.hpp> there, once.
#if !defined(BYLINE_SEPARATE_COMPILATION)
#  error "define BYLINE_SEPARATE_COMPILATION for the whole program before using <byline/src.hpp>"
#endif
#include <byline/impl/annotate.ipp>
