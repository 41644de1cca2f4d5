// Sentence splitting throughput: byline's splitter against ICU's sentence BreakIterator, both over
// the same UTF-8 bytes (ICU through a UText, so neither pays for a UTF-16 copy).
#include "bench.hpp"

#include <byline/sentences.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>

namespace {

std::size_t split_with_byline(std::string const& text) {
    std::size_t n = 0;
    for (auto const s : byline::sentences(text)) n += s.size() != 0;
    return n;
}

std::size_t split_with_icu(std::string const& text) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status)) return 0;
    it->setText(ut, status);
    std::size_t n = 0;
    for (auto b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) ++n;
    utext_close(ut);
    return n;
}

void run(bench::context const& ctx) {
    for (char const* name : {"seeds", "gum_news_train"}) {
        std::string const& text = bench::input(ctx, name);
        if (text.empty()) continue;
        std::size_t byline_count = 0;
        std::size_t icu_count = 0;
        double const ours = bench::throughput(text.size(), 3, [&] { byline_count = split_with_byline(text); });
        double const icu = bench::throughput(text.size(), 2, [&] { icu_count = split_with_icu(text); });
        std::string const ratio = "\"sentences\": " + std::to_string(byline_count) +
                                  ", \"ratio_vs_icu\": " + std::to_string(ours / icu);
        bench::report(ctx, "sentences", "byline", name, ours, ratio);
        bench::report(ctx, "sentences", "icu", name, icu, "\"sentences\": " + std::to_string(icu_count));
    }
}

bench::registration const r("sentences", run);

} // namespace
