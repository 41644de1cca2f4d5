// byline: the command-line program of ../shared/CONTRACT.md (kept exactly; other tools depend on it).
//
//   byline annotate [--format json|jsonl|text] [--gazetteer FILE]... [--no-default-gazetteer]
//                   [--max-document-bytes N] [FILE...]
#include <byline/byline.hpp>

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace {

using json = nlohmann::ordered_json; // keeps "id" first, as in the contract

constexpr int exit_ok = 0;
constexpr int exit_document_failed = 1;
constexpr int exit_usage = 2;

enum class output_format { json_objects, jsonl, text };

struct options {
    output_format format = output_format::json_objects;
    std::vector<std::string> gazetteers;
    bool default_gazetteer = true;
    std::vector<std::string> files;
    /// Documents are held in memory whole; past this size one is refused with an error line.
    std::size_t max_document_bytes = std::size_t{256} << 20;
};

void usage_error(std::string const& message) {
    std::cerr << "byline: " << message << "\n"
              << "usage: byline annotate [--format json|jsonl|text] [--gazetteer FILE]... "
                 "[--no-default-gazetteer] [--max-document-bytes N] [FILE...]\n";
}

std::optional<options> parse_command_line(int argc, char** argv) {
    if (argc < 2) {
        usage_error("missing command");
        return std::nullopt;
    }
    if (std::string_view(argv[1]) != "annotate") {
        usage_error(std::string("unknown command '") + argv[1] + "'");
        return std::nullopt;
    }
    options opt;
    for (int i = 2; i < argc; ++i) {
        std::string_view const arg = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc) {
                usage_error(std::string(arg) + " needs a value");
                return std::nullopt;
            }
            return std::string(argv[++i]);
        };
        if (arg == "--format") {
            auto v = value();
            if (!v) return std::nullopt;
            if (*v == "json") opt.format = output_format::json_objects;
            else if (*v == "jsonl") opt.format = output_format::jsonl;
            else if (*v == "text") opt.format = output_format::text;
            else {
                usage_error("unknown format '" + *v + "' (json, jsonl or text)");
                return std::nullopt;
            }
        } else if (arg == "--gazetteer") {
            auto v = value();
            if (!v) return std::nullopt;
            opt.gazetteers.push_back(*v);
        } else if (arg == "--max-document-bytes") {
            auto v = value();
            if (!v) return std::nullopt;
            char* end = nullptr;
            auto const n = std::strtoull(v->c_str(), &end, 10);
            if (v->empty() || *end != '\0' || n == 0) {
                usage_error("--max-document-bytes needs a positive number, not '" + *v + "'");
                return std::nullopt;
            }
            opt.max_document_bytes = static_cast<std::size_t>(n);
        } else if (arg == "--no-default-gazetteer") {
            opt.default_gazetteer = false;
        } else if (arg == "-" || !arg.starts_with("-")) {
            opt.files.emplace_back(arg);
        } else {
            usage_error("unknown option '" + std::string(arg) + "'");
            return std::nullopt;
        }
    }
    if (opt.format == output_format::jsonl && !opt.files.empty()) {
        usage_error("--format jsonl reads JSON Lines from standard input; give no FILE");
        return std::nullopt;
    }
    return opt;
}

/// Invalid UTF-8 in the input must not break the output: such bytes come out as U+FFFD.
std::string dump(json const& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json span_json(std::string_view text, byline::byte_span s) {
    return {{"start", s.begin}, {"end", s.end}, {"text", std::string(s.in(text))}};
}

json to_json(json id, byline::document const& doc) {
    auto const text = doc.text;
    json sentences = json::array();
    for (auto const& s : doc.sentences) sentences.push_back({{"start", s.begin}, {"end", s.end}});

    json entities = json::array();
    for (auto const& m : doc.mentions) {
        auto const& e = doc.entities[m.entity];
        auto j = span_json(text, m.span);
        j["type"] = e.type;
        j["id"] = e.id;
        entities.push_back(std::move(j));
    }

    json quotes = json::array();
    for (auto const& q : doc.quotes) {
        auto j = span_json(text, q.span);
        j["kind"] = std::string(byline::to_string(q.kind));
        if (q.said_by) {
            auto sp = span_json(text, q.said_by->span);
            if (q.said_by->entity) {
                auto const& e = doc.entities[*q.said_by->entity];
                sp["id"] = e.id;
                sp["name"] = e.name;
            } else {
                sp["id"] = nullptr;
                sp["name"] = nullptr;
            }
            j["speaker"] = std::move(sp);
        } else {
            j["speaker"] = nullptr;
        }
        j["cue"] = q.cue ? span_json(text, *q.cue) : json(nullptr);
        quotes.push_back(std::move(j));
    }
    return {{"id", std::move(id)}, {"sentences", std::move(sentences)}, {"entities", std::move(entities)},
            {"quotes", std::move(quotes)}};
}

void write_text_report(std::ostream& out, std::string const& id, byline::document const& doc) {
    auto const text = doc.text;
    out << "== " << id << "\n";
    out << "-- who said what (" << doc.quotes.size() << ")\n";
    for (auto const& q : doc.quotes) {
        out << "  [" << byline::to_string(q.kind) << "] ";
        if (q.said_by) {
            out << q.said_by->span.in(text);
            if (q.said_by->entity) out << " (" << doc.entities[*q.said_by->entity].name << ")";
        } else {
            out << "(no speaker)";
        }
        if (q.cue) out << " [" << q.cue->in(text) << "]";
        out << ": \"" << q.span.in(text) << "\"\n";
    }
    out << "-- entities (" << doc.mentions.size() << ")\n";
    for (auto const& m : doc.mentions) {
        auto const& e = doc.entities[m.entity];
        out << "  " << m.span.begin << "-" << m.span.end << " " << e.type << " " << e.id << ": "
            << m.span.in(text) << "\n";
    }
    out << "-- sentences (" << doc.sentences.size() << ")\n";
    for (auto const& s : doc.sentences) out << "  " << s.begin << "-" << s.end << ": " << s.in(text) << "\n";
}

/// Reads from a C stream in large blocks, so that lines of any length (and inputs without any
/// newline) are read in bounded memory: bytes past `limit` are skipped, not stored.
class bounded_reader {
public:
    explicit bounded_reader(std::FILE* in) : in_(in), buffer_(std::size_t{1} << 20) {}

    enum class status { ok, too_long, end };

    /// Reads one line (without its '\n') into `line`.
    status read_line(std::string& line, std::size_t limit) {
        line.clear();
        bool too_long = false;
        bool any = false;
        for (;;) {
            if (pos_ == size_ && !refill()) {
                if (!any) return status::end;
                break;
            }
            any = true;
            auto const* start = buffer_.data() + pos_;
            auto const* newline = static_cast<char const*>(std::memchr(start, '\n', size_ - pos_));
            std::size_t const n = newline ? static_cast<std::size_t>(newline - start) : size_ - pos_;
            if (!too_long && line.size() + n <= limit) line.append(start, n);
            else too_long = true;
            pos_ += n;
            if (newline) {
                ++pos_;
                break;
            }
        }
        if (too_long) line.clear();
        return too_long ? status::too_long : status::ok;
    }

    /// Reads everything that is left.
    status read_all(std::string& text, std::size_t limit) {
        text.clear();
        bool too_long = false;
        while (pos_ < size_ || refill()) {
            std::size_t const n = size_ - pos_;
            if (!too_long && text.size() + n <= limit) text.append(buffer_.data() + pos_, n);
            else too_long = true;
            pos_ = size_;
        }
        if (too_long) text.clear();
        return too_long ? status::too_long : status::ok;
    }

    [[nodiscard]] bool failed() const { return std::ferror(in_) != 0; }

private:
    bool refill() {
        pos_ = 0;
        size_ = std::fread(buffer_.data(), 1, buffer_.size(), in_);
        return size_ > 0;
    }

    std::FILE* in_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;
    std::size_t size_ = 0;
};

std::string too_large(std::size_t limit) {
    return "document larger than --max-document-bytes (" + std::to_string(limit) + ")";
}

std::string base_name(std::string const& path) {
    auto const slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// The gazetteers the options name (user files first, so their aliases win ties), or the
/// first malformed file's error.
std::variant<byline::gazetteer, byline::gazetteer_error> load_gazetteers(options const& opt) {
    if (opt.gazetteers.empty() && opt.default_gazetteer) return byline::default_gazetteer();
    byline::gazetteer_builder builder;
    for (auto const& file : opt.gazetteers)
        if (auto err = builder.add_file(file)) return *std::move(err);
    if (opt.default_gazetteer)
        if (auto err = builder.add_default()) return *std::move(err);
    return builder.build();
}

/// The default pipeline with its entity_matcher replaced by `matcher`; the other stages keep
/// their defaults, whatever stages the pipeline has.
template <class... Stages>
byline::pipeline<Stages...> make_pipeline(byline::pipeline<Stages...> const*, byline::entity_matcher const& matcher) {
    auto stage = [&]<class S>(std::type_identity<S>) {
        if constexpr (std::is_same_v<S, byline::entity_matcher>) return matcher;
        else return S{};
    };
    return byline::pipeline<Stages...>(stage(std::type_identity<Stages>{})...);
}

class annotator {
public:
    annotator(options const& opt, byline::gazetteer g)
        : opt_(opt),
          pipeline_(make_pipeline(static_cast<byline::default_pipeline const*>(nullptr), byline::entity_matcher(std::move(g)))) {}

    /// Writes one result for `text`; returns false when the output could not be written.
    bool emit(json id, std::string_view text) {
        pipeline_.annotate(text, doc_);
        if (opt_.format == output_format::text) {
            write_text_report(std::cout, id.is_string() ? id.get<std::string>() : dump(id), doc_);
        } else {
            std::cout << dump(to_json(std::move(id), doc_)) << '\n';
        }
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }

    static bool emit_error(json id, std::string const& message) {
        std::cout << dump({{"id", std::move(id)}, {"error", message}}) << '\n';
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }

private:
    options const& opt_;
    byline::default_pipeline pipeline_;
    byline::document doc_;
};

int run_jsonl(annotator& a, std::size_t max_document_bytes) {
    int status = exit_ok;
    bounded_reader reader(stdin);
    std::string line;
    // A JSON line holds the text escaped (at worst 6 bytes per byte, \u0001) plus the other keys.
    std::size_t const max_line = max_document_bytes < (std::size_t{1} << 60) ? 6 * max_document_bytes + 4096
                                                                            : max_document_bytes;
    for (;;) {
        auto const got = reader.read_line(line, max_line);
        if (got == bounded_reader::status::end) break;
        json id = nullptr;
        if (got == bounded_reader::status::too_long) {
            if (!annotator::emit_error(id, too_large(max_document_bytes))) return status;
            status = exit_document_failed;
            continue;
        }
        json input = json::parse(line, nullptr, false);
        if (input.is_discarded() || !input.is_object()) {
            if (!annotator::emit_error(id, "line is not a JSON object")) return status;
            status = exit_document_failed;
            continue;
        }
        if (auto it = input.find("id"); it != input.end()) id = *it;
        auto const text = input.find("text");
        if (text == input.end() || !text->is_string()) {
            if (!annotator::emit_error(id, "missing string field \"text\"")) return status;
            status = exit_document_failed;
            continue;
        }
        auto const& body = text->get_ref<std::string const&>();
        if (body.size() > max_document_bytes) {
            if (!annotator::emit_error(id, too_large(max_document_bytes))) return status;
            status = exit_document_failed;
            continue;
        }
        if (!a.emit(id, body)) return status;
    }
    if (reader.failed()) {
        std::cerr << "byline: error reading standard input\n";
        status = exit_document_failed;
    }
    return status;
}

int run_files(annotator& a, std::vector<std::string> files, std::size_t max_document_bytes) {
    if (files.empty()) files.emplace_back("-");
    int status = exit_ok;
    std::string text;
    for (auto const& path : files) {
        auto const id = path == "-" ? std::string("-") : base_name(path);
        std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
        std::string error;
        if (!in) {
            error = "cannot open " + path + ": " + std::strerror(errno);
        } else {
            bounded_reader reader(in);
            if (reader.read_all(text, max_document_bytes) == bounded_reader::status::too_long)
                error = path + ": " + too_large(max_document_bytes);
            else if (reader.failed())
                error = "cannot read " + path + ": " + std::strerror(errno);
            if (in != stdin) std::fclose(in);
        }
        if (!error.empty()) {
            std::cerr << "byline: " << error << "\n";
            if (!annotator::emit_error(id, error)) return status;
            status = exit_document_failed;
            continue;
        }
        if (!a.emit(id, text)) return status;
    }
    return status;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe shows up as a failed write: stop quietly
    std::ios::sync_with_stdio(false);
    auto const opt = parse_command_line(argc, argv);
    if (!opt) return exit_usage;
    auto gazetteer = load_gazetteers(*opt);
    if (auto const* err = std::get_if<byline::gazetteer_error>(&gazetteer)) {
        std::cerr << err->to_string() << "\n";
        return exit_usage;
    }
    annotator a(*opt, std::get<byline::gazetteer>(std::move(gazetteer)));
    return opt->format == output_format::jsonl ? run_jsonl(a, opt->max_document_bytes)
                                               : run_files(a, opt->files, opt->max_document_bytes);
}
