// A user's program: annotate a file with the default pipeline, print what was found.
#include <byline/byline.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto const text = buffer.str();
    auto const doc = byline::default_pipeline()(text);
    std::printf("%zu sentences, %zu entity mentions, %zu quotes\n", doc.sentences.size(), doc.mentions.size(),
                doc.quotes.size());
    return doc.sentences.empty() ? 1 : 0;
}
