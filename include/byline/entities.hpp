#pragma once
// The entity_matcher stage: gazetteer mentions into document::mentions and document::entities.
#include <byline/document.hpp>
#include <byline/gazetteer.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

BYLINE_BEGIN_NAMESPACE

/// Finds gazetteer aliases and records them as mentions of canonical entities. Overlaps are
/// resolved as CONTRACT.md says (overlap::longest_first: the longest wins, then the earliest).
/// `entity_matcher{}` uses the embedded default gazetteer; build a gazetteer with
/// gazetteer_builder to add your own (and add_default() to keep the default).
class entity_matcher {
public:
    entity_matcher() : gazetteer_(default_gazetteer()) {}
    explicit entity_matcher(byline::gazetteer g) : gazetteer_(std::move(g)) {}

    [[nodiscard]] byline::gazetteer const& gazetteer() const noexcept { return gazetteer_; }

    /// Appends one mention per match and each referenced entity once (reusing an entity an
    /// earlier stage already put in the document under the same id). Matches that overlap a
    /// mention an earlier stage found are dropped; mentions stay in order.
    void annotate(document& doc) const {
        auto const earlier = doc.mentions.size();
        auto const known = doc.entities.size(); // entities of earlier stages
        // Their ids, indexed on first need. The views stay valid because new entities go to
        // `added` and reach doc.entities only after the scan.
        std::unordered_map<std::string_view, std::uint32_t> known_slot;
        auto& entity_slot = slots_for(gazetteer_.entity_count()); // gazetteer entity -> doc.entities
        std::vector<entity> added;
        // The slot of an entity at its first mention in the document (a call: the usual
        // mention, of an entity seen before, costs only the lookup before it).
        auto const first_slot = [&](std::uint32_t e) {
            if (known_slot.empty() && known != 0) {
                known_slot.reserve(known);
                for (std::size_t i = 0; i < known; ++i) // the first entity of an id, as before
                    known_slot.try_emplace(doc.entities[i].id, static_cast<std::uint32_t>(i));
            }
            auto const info = gazetteer_.entity(e);
            std::uint32_t slot;
            if (auto const same_id = known_slot.find(info.id); same_id != known_slot.end()) {
                slot = same_id->second;
            } else {
                // straight into the document when no view into it has to stay valid
                auto& into = known == 0 ? doc.entities : added;
                slot = static_cast<std::uint32_t>(known + into.size());
                auto& added_entity = into.emplace_back(); // filled in place: no temporaries to move
                added_entity.id = info.id;
                added_entity.type = info.type;
                added_entity.name = info.name;
            }
            entity_slot.set(e, slot);
            return slot;
        };
        std::size_t next_earlier = 0; // first earlier mention that does not end before the match
        gazetteer_.find<overlap::longest_first>(doc.text, [&](gazetteer_match const& m) {
            while (next_earlier < earlier && doc.mentions[next_earlier].span.end <= m.span.begin) ++next_earlier;
            if (next_earlier < earlier && doc.mentions[next_earlier].span.begin < m.span.end) return;
            auto slot = entity_slot.find(m.entity);
            if (slot == no_slot) slot = first_slot(m.entity);
            doc.mentions.push_back({m.span, slot});
        });
        if (earlier != 0)
            std::inplace_merge(doc.mentions.begin(), doc.mentions.begin() + static_cast<std::ptrdiff_t>(earlier),
                               doc.mentions.end(), [](entity_mention const& a, entity_mention const& b) {
                                   return a.span.begin < b.span.begin;
                               });
        doc.entities.insert(doc.entities.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
    }

private:
    static constexpr std::uint32_t no_slot = 0xFFFFFFFFu;

    /// Gazetteer entity -> its slot in the document being annotated: an array indexed by entity,
    /// kept per thread and emptied in O(1) per document by a generation stamp, since a hash
    /// map per document cost more than the scan that fills it.
    class entity_slots {
    public:
        void start(std::size_t entities) {
            if (slots_.size() < entities) slots_.resize(entities, 0);
            if (++generation_ == 0) { // wrapped: the stamps of long ago would look current
                std::fill(slots_.begin(), slots_.end(), 0);
                generation_ = 1;
            }
        }
        [[nodiscard]] std::uint32_t find(std::uint32_t e) const noexcept {
            auto const v = slots_[e];
            return (v >> 32) == generation_ ? static_cast<std::uint32_t>(v) : no_slot;
        }
        void set(std::uint32_t e, std::uint32_t slot) noexcept { slots_[e] = std::uint64_t{generation_} << 32 | slot; }

    private:
        std::vector<std::uint64_t> slots_; ///< generation << 32 | slot
        std::uint32_t generation_ = 0;
    };
    static entity_slots& slots_for(std::size_t entities) {
        thread_local entity_slots slots;
        slots.start(entities);
        return slots;
    }

    byline::gazetteer gazetteer_;
};

BYLINE_END_NAMESPACE
