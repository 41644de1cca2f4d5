// Finds the entities of a gazetteer in a text file.
//   gazetteer TEXT_FILE [GAZETTEER_FILE]
// Without a gazetteer file, the embedded default gazetteer is used.
#include <byline/gazetteer.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: gazetteer TEXT_FILE [GAZETTEER_FILE]\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 1;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string const text = std::move(buffer).str();

    byline::gazetteer gazetteer = byline::default_gazetteer();
    if (argc > 2) {
        byline::gazetteer_builder builder;
        if (auto const error = builder.add_file(argv[2])) {
            std::cerr << error->to_string() << "\n"; // FILE:LINE:COLUMN: message
            return 2;
        }
        gazetteer = builder.build();
    }

    // Leftmost-longest, non-overlapping; offsets are into `text` as read.
    for (auto const& match : gazetteer.matches(text)) {
        auto const entity = gazetteer.entity(match.entity);
        std::cout << match.span.begin << '-' << match.span.end << '\t' << entity.type << '\t' << entity.id << '\t'
                  << match.span.in(text) << '\n';
    }
}
