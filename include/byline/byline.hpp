#pragma once
// Umbrella header: every public byline header. Include only what you use to keep builds fast.
#include <byline/version.hpp>
#include <byline/span.hpp>
#include <byline/document.hpp>
#include <byline/pipeline.hpp>
#include <byline/sentences.hpp>
#include <byline/gazetteer.hpp>
#include <byline/entities.hpp>
#include <byline/names.hpp>
#include <byline/quotes.hpp>

BYLINE_BEGIN_NAMESPACE
/// The stages `byline annotate` runs, with their defaults.
using default_pipeline = pipeline<sentence_splitter, entity_matcher, name_finder, quote_finder>;
BYLINE_END_NAMESPACE

#include <byline/annotate.hpp> // after default_pipeline, which its definitions use
