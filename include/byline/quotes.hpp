#pragma once
// Quotations and who said them: the pipeline's last stage.
//
//   byline::quote_finder finder;            // compiled English-news cue lexicon
//   finder.annotate(doc);                   // fills doc.quotes from doc.text (+ sentences, mentions)
//
// Finds direct quotes in every common mark convention (“ ” " ‘ ’ « » ‹ › „ “ ‚ ‘ 「 」 `` '' and
// NYT-style ''…''), multi-paragraph and split quotes, block quotes after an introducing line that
// ends in a colon, partial quotes inside reported speech, and indirect speech ("X said that …",
// "according to X"). Each is attributed by a sieve of patterns around it and the speaker mention
// is resolved to doc.entities when an earlier stage found it (pronouns to the nearest compatible
// person). One pass over the text; every look-around is bounded, so time is linear.
#include <byline/detail/quote_engine.hpp>
#include <byline/document.hpp>

#include <memory>
#include <string>
#include <vector>

BYLINE_BEGIN_NAMESPACE

struct quote_options {
    /// Extra cue verbs or phrases, lower case, each inflected form listed ("lambast", "lambasted",
    /// "lashed out at"). They count as speech cues.
    std::vector<std::string> extra_cues;
    /// Use the compiled lexicon (../shared/cue_verbs.txt: speech and evidential cues, phrases).
    bool default_cues = true;
    /// Report reported speech without quotation marks (kind `indirect`).
    bool indirect = true;
    /// Give an unattributed quote that opens a paragraph or sentence the speaker of the quote
    /// just before it (the same or the previous paragraph).
    bool carry_over = true;
    /// Most unmarked paragraphs one block quote spans.
    std::size_t max_block_paragraphs = 8;
};

class quote_finder {
public:
    quote_finder() : quote_finder(quote_options{}) {}
    explicit quote_finder(quote_options const& options)
        : cues_(std::make_shared<detail::cue_table const>(options.default_cues, options.extra_cues)),
          settings_{options.indirect, options.carry_over, options.max_block_paragraphs} {}

    /// Appends the quotations of doc.text to doc.quotes (sorted by start). Reads doc.sentences
    /// and doc.mentions/doc.entities when earlier stages filled them.
    void annotate(document& doc) const {
        detail::quote_engine engine(doc, *cues_, settings_);
        engine.run();
    }

    /// The quotations of `text` alone (no sentences or entities known).
    [[nodiscard]] std::vector<quotation> find(std::string_view text) const {
        document doc;
        doc.text = text;
        annotate(doc);
        return std::move(doc.quotes);
    }

private:
    std::shared_ptr<detail::cue_table const> cues_; // immutable, shared by copies of the stage
    detail::quote_settings settings_;
};

BYLINE_END_NAMESPACE
