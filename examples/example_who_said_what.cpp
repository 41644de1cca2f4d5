// Who said what: run the default pipeline over an article and print every quotation with its
// speaker (the mention in the text and, when resolved, the entity it names).
#include <byline/byline.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace {

void print(char const* label, std::string_view s) {
    std::printf("%s%.*s", label, static_cast<int>(s.size()), s.data());
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: who_said_what FILE\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "who_said_what: cannot read %s\n", argv[1]);
        return 1;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string const text = buffer.str();

    byline::default_pipeline const pipeline; // sentences, entities, names, quotes
    byline::document const doc = pipeline(text);
    for (auto const& q : doc.quotes) {
        std::printf("[%zu, %zu) %s\n", q.span.begin, q.span.end, byline::to_string(q.kind).data());
        if (q.said_by) {
            print("  who:  ", q.said_by->span.in(text));
            if (q.said_by->entity) print(" = ", doc.entities[*q.said_by->entity].name);
            std::printf("\n");
        } else {
            std::printf("  who:  (nobody: a title, name or scare quote)\n");
        }
        if (q.cue) {
            print("  cue:  ", q.cue->in(text));
            std::printf("\n");
        }
        print("  what: ", q.span.in(text));
        std::printf("\n");
    }
}
