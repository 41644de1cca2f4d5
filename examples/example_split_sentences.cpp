// Split an article into sentences and print each with its byte offsets.
#include <byline/sentences.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: split_sentences FILE\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string const text = buffer.str();
    // Lazy: each sentence is found when the loop asks for it.
    for (byline::byte_span const s : byline::sentences(text))
        std::printf("[%zu, %zu) %.*s\n", s.begin, s.end, static_cast<int>(s.size()), text.data() + s.begin);
}
