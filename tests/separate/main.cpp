// A program built with BYLINE_SEPARATE_COMPILATION: this file sees only declarations.
#include <byline/annotate.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string const text = buffer.str();
    byline::document const doc = byline::annotate(text);
    std::printf("%zu sentences, %zu mentions, %zu quotes\n", doc.sentences.size(), doc.mentions.size(),
                doc.quotes.size());
    // seed 000 has three quotations by Zelensky among its fourteen sentences
    return doc.sentences.size() >= 10 && doc.quotes.size() >= 3 && !doc.mentions.empty() ? 0 : 1;
}
