#pragma once
// The annotated document every pipeline stage reads and extends.
#include <byline/span.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

BYLINE_BEGIN_NAMESPACE

enum class gender : std::uint8_t { unknown, male, female };

/// A canonical entity that mentions in one document refer to.
struct entity {
    std::string id;   ///< gazetteer id, or a document-level id for names found in the text
    std::string type; ///< PERSON, ORG, GPE, LOC, NORP, or a user gazetteer's label
    std::string name; ///< canonical name
    byline::gender gender = gender::unknown; ///< for PERSON, when known: lets "he"/"she" resolve
};

/// One occurrence of an entity in the text.
struct entity_mention {
    byte_span span;
    std::uint32_t entity = 0; ///< index into document::entities
};

enum class quote_kind : std::uint8_t { direct, partial, block, indirect };

[[nodiscard]] constexpr std::string_view to_string(quote_kind k) noexcept {
    switch (k) {
    case quote_kind::direct: return "direct";
    case quote_kind::partial: return "partial";
    case quote_kind::block: return "block";
    case quote_kind::indirect: return "indirect";
    }
    return "direct";
}

/// Who a quotation is attributed to: the mention in the text and, when resolved, its entity.
struct speaker {
    byte_span span;
    std::optional<std::uint32_t> entity; ///< index into document::entities
};

struct quotation {
    byte_span span; ///< the quoted content (without the marks for direct and block quotes)
    quote_kind kind = quote_kind::direct;
    std::optional<speaker> said_by;
    std::optional<byte_span> cue;
};

/// A text and what the pipeline found in it. The text is not owned: results are byte offsets
/// into the caller's buffer, which must outlive the document.
struct document {
    std::string_view text;
    std::vector<byte_span> sentences;          ///< in order, trimmed, non-overlapping
    std::vector<entity> entities;              ///< canonical entities referenced below
    std::vector<entity_mention> mentions;      ///< in order, non-overlapping
    std::vector<quotation> quotes;             ///< in order of start

    /// Clears the results but keeps their capacity, so one document can be reused per text.
    void reset(std::string_view new_text) {
        text = new_text;
        sentences.clear();
        entities.clear();
        mentions.clear();
        quotes.clear();
    }
};

BYLINE_END_NAMESPACE
