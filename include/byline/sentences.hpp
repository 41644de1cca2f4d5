#pragma once
// Sentence splitting (placeholder rules, replaced by the full English-news splitter).
#include <byline/document.hpp>
#include <byline/detail/utf8.hpp>

#include <vector>

BYLINE_BEGIN_NAMESPACE

class sentence_splitter {
public:
    [[nodiscard]] std::vector<byte_span> split(std::string_view text) const {
        std::vector<byte_span> out;
        std::size_t start = 0;
        auto emit = [&](std::size_t end) {
            while (start < end && detail::is_space(static_cast<unsigned char>(text[start]))) ++start;
            while (end > start && detail::is_space(static_cast<unsigned char>(text[end - 1]))) --end;
            if (end > start) out.push_back({start, end});
        };
        for (std::size_t i = 0; i < text.size(); ++i) {
            char const c = text[i];
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
                emit(i + 1);
                start = i + 1;
            } else if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
                emit(i);
                start = i;
            }
        }
        emit(text.size());
        return out;
    }
    void annotate(document& doc) const { doc.sentences = split(doc.text); }
};

BYLINE_END_NAMESPACE
