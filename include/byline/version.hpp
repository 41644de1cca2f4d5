#pragma once
// byline's version and the inline ABI namespace that keeps two versions in one program apart.

#define BYLINE_VERSION_MAJOR 0
#define BYLINE_VERSION_MINOR 1
#define BYLINE_VERSION_PATCH 0

#if defined(BYLINE_VERSION_SEEN) && BYLINE_VERSION_SEEN != 100
#  warning "a different version of byline was already included; symbols stay apart, types do not mix"
#endif
#define BYLINE_VERSION_SEEN 100

#define BYLINE_BEGIN_NAMESPACE namespace byline { inline namespace v0 {
#define BYLINE_END_NAMESPACE } }
