#include <byline/sentences.hpp>
#include <byline/detail/sentence_abbreviation_list.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ranges>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string_view> texts_of(std::string_view text, std::vector<byline::byte_span> const& spans) {
    std::vector<std::string_view> out;
    for (auto const s : spans) out.push_back(s.in(text));
    return out;
}

std::vector<std::string_view> split(std::string_view text) { return texts_of(text, byline::split_sentences(text)); }

template <class Policy>
std::vector<std::string_view> split_with(byline::basic_sentence_splitter<Policy> const& sp, std::string_view text) {
    std::vector<std::string_view> out;
    for (auto const s : sp.split(text)) out.push_back(s.in(text));
    return out;
}

using strings = std::vector<std::string_view>;

std::vector<byline::byte_span> split_in_chunks(std::string_view text, std::size_t chunk) {
    std::vector<byline::byte_span> out;
    byline::sentence_stream stream;
    auto collect = [&out](byline::byte_span s) { out.push_back(s); };
    for (std::size_t i = 0; i < text.size(); i += chunk) stream.feed(text.substr(i, chunk), collect);
    stream.finish(collect);
    return out;
}

std::string read_file(std::filesystem::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A policy for CJK punctuation: full stops that need no space after them.
struct cjk_news : byline::english_news {
    static constexpr std::array<char32_t, 4> unconditional_stops{U'\uFF0E', U'\u3002', U'\uFF01', U'\uFF1F'};
};

// A compile-time extension: councillors are titles.
struct council_news : byline::english_news {
    static constexpr auto abbreviation_table = byline::merge_abbreviations(
        byline::english_news::abbreviation_table,
        std::array<byline::abbreviation, 1>{{{"Cllr.", byline::abbreviation_kind::title}}});
};

// Fiction and the pragmatic_segmenter tests keep lowercase quotations whole.
struct fiction : byline::english_news {
    static constexpr bool lowercase_quotations_continue = true;
};

static_assert(byline::sentence_policy<cjk_news>);
static_assert(byline::sentence_policy<council_news>);
static_assert(!byline::sentence_policy<int>);
template <class S>
concept splittable = requires(byline::sentence_splitter const& sp, S&& s) { sp.split(std::forward<S>(s)); };
static_assert(splittable<std::string&>);
static_assert(splittable<std::string_view>);
static_assert(!splittable<std::string>); // the string would die before the view

// Compile-time checks of the constexpr parts.
static_assert(byline::detail::sorted_folded(byline::english_news::abbreviation_table));
static_assert(byline::detail::find_abbreviation(byline::english_news::abbreviation_table, "Mr.")->kind ==
              byline::abbreviation_kind::title);
static_assert(byline::detail::find_abbreviation(byline::english_news::abbreviation_table, "SEC.")->kind ==
              byline::abbreviation_kind::number);
static_assert(byline::detail::find_abbreviation(byline::english_news::abbreviation_table, "said.") == nullptr);
static_assert(byline::detail::read_enumerator("1. The first", 0, 12).successor() == "2.");
static_assert(byline::detail::read_enumerator("(b) next", 0, 8).successor() == "(c)");
static_assert(byline::detail::read_enumerator("L. Ron", 0, 6).end == 0); // an initial, not an item
static_assert(byline::detail::sorted_folded(council_news::abbreviation_table));

// The view: a borrowed std::ranges view; temporaries of std::string are rejected.
static_assert(std::ranges::forward_range<byline::sentence_view>);
static_assert(std::ranges::view<byline::sentence_view>);
static_assert(std::ranges::borrowed_range<byline::sentence_view>);
static_assert(std::is_invocable_v<decltype(byline::sentences), std::string&>);
static_assert(std::is_invocable_v<decltype(byline::sentences), std::string_view>);
static_assert(!std::is_invocable_v<decltype(byline::sentences), std::string>);

} // namespace

TEST_CASE("sentences: simple terminators end sentences, with exact trimmed offsets") {
    std::string_view const text = "  Hello World. My name is Jonas! Is it?  ";
    auto const spans = byline::split_sentences(text);
    REQUIRE(spans.size() == 3);
    CHECK(spans[0] == byline::byte_span{2, 14});
    CHECK(spans[1] == byline::byte_span{15, 32});
    CHECK(spans[2] == byline::byte_span{33, 39});
}

TEST_CASE("sentences: empty and blank input give no sentences") {
    CHECK(byline::split_sentences("").empty());
    CHECK(byline::split_sentences(" \n\t\r\n ").empty());
    CHECK(byline::split_sentences("\xC2\xA0").empty());
}

TEST_CASE("sentences: titles do not end a sentence") {
    CHECK(split("Mr. Smith met Gen. Milley and Sen. Ruiz. They talked.") ==
          strings{"Mr. Smith met Gen. Milley and Sen. Ruiz.", "They talked."});
}

TEST_CASE("sentences: a lowercase word after a period continues the sentence") {
    CHECK(split("He lost 20 lbs. over the summer. Were Jane and co. at the party?") ==
          strings{"He lost 20 lbs. over the summer.", "Were Jane and co. at the party?"});
}

TEST_CASE("sentences: months before a number do not end a sentence") {
    CHECK(split("It ends on Sept. 30 in Kyiv. Talks follow.") == strings{"It ends on Sept. 30 in Kyiv.", "Talks follow."});
}

TEST_CASE("sentences: a company designator ends a sentence only before a sentence opener") {
    CHECK(split("Acme Inc. said so. They closed the deal with Pitt & Co. It closed.") ==
          strings{"Acme Inc. said so.", "They closed the deal with Pitt & Co.", "It closed."});
    CHECK(split("The GmbH & Co. KG is a partnership.") == strings{"The GmbH & Co. KG is a partnership."});
}

TEST_CASE("sentences: U.S. and U.N.'s") {
    CHECK(split("The U.N.\u2019s envoy met U.S. Army officers. I live in the U.S. How about you?") ==
          strings{"The U.N.\u2019s envoy met U.S. Army officers.", "I live in the U.S.", "How about you?"});
}

TEST_CASE("sentences: Latin abbreviations such as e.g. continue the sentence") {
    CHECK(split("Some states, e.g. Texas, objected. Others, i.e. Ohio, did not.") ==
          strings{"Some states, e.g. Texas, objected.", "Others, i.e. Ohio, did not."});
}

TEST_CASE("sentences: initials are not sentence ends, the pronoun I can be") {
    CHECK(split("A. Cristoforou met L. Ron Hubbard. We make a team, you and I. Did Albert I. Jones come?") ==
          strings{"A. Cristoforou met L. Ron Hubbard.", "We make a team, you and I.", "Did Albert I. Jones come?"});
}

TEST_CASE("sentences: numbers, decimals and money") {
    CHECK(split("She has $100.00. It is 3.5 percent of 1,000.That is a lot.") ==
          strings{"She has $100.00.", "It is 3.5 percent of 1,000.", "That is a lot."});
    CHECK(split("He is no. 5 on p. 55 of the list.") == strings{"He is no. 5 on p. 55 of the list."});
}

TEST_CASE("sentences: a.m. and p.m.") {
    CHECK(split("At 5 a.m. Mr. Smith went out. He left at 6 P.M. Travelers stayed until 7 p.m. on Monday.") ==
          strings{"At 5 a.m. Mr. Smith went out.", "He left at 6 P.M.", "Travelers stayed until 7 p.m. on Monday."});
}

TEST_CASE("sentences: an ellipsis ends a sentence only before a capitalised word") {
    CHECK(split("It hurt the West\u2019s\u2026 economic ties.") == strings{"It hurt the West\u2019s\u2026 economic ties."});
    CHECK(split("It shook the world\u2026 In this case it held.") ==
          strings{"It shook the world\u2026", "In this case it held."});
    CHECK(split("I never meant that.... She left.") == strings{"I never meant that....", "She left."});
    CHECK(split("It is . . . well, odd. Bohr [...] used stairs [...]\" (Smith 55).") ==
          strings{"It is . . . well, odd.", "Bohr [...] used stairs [...]\" (Smith 55)."});
}

TEST_CASE("sentences: terminators inside quotes end the sentence only before a capitalised word") {
    CHECK(split("\u201cWho will win the Prize?\u201d he said.") == strings{"\u201cWho will win the Prize?\u201d he said."});
    CHECK(split("\u201cWho will win the Prize?\u201d He again asked.") ==
          strings{"\u201cWho will win the Prize?\u201d", "He again asked."});
    CHECK(split("It was a \"deal.\" - Jane Doe") == strings{"It was a \"deal.\" - Jane Doe"});
}

TEST_CASE("sentences: a quotation with its source after a dash or on its own line is one sentence") {
    CHECK(split("\"So far, it's 1-0. But it's a long game.\" - Matthew Ingram\n\nNext one.") ==
          strings{"\"So far, it's 1-0. But it's a long game.\" - Matthew Ingram", "Next one."});
    CHECK(split("\"Prompted by the video, a war began. An insurgency.\" Anonymous blogger, \"Anon\"\n\nNext one.") ==
          strings{"\"Prompted by the video, a war began. An insurgency.\" Anonymous blogger, \"Anon\"", "Next one."});
    // Quote marks found among longer runs of other bytes, dashes (E2 80 94) included.
    CHECK(split("\u201cSo far \u2014 and we have counted \u2014 it's 1-0. But it's a long game.\u201d - Matthew Ingram\n\nNext.") ==
          strings{"\u201cSo far \u2014 and we have counted \u2014 it's 1-0. But it's a long game.\u201d - Matthew Ingram", "Next."});
    CHECK(split("\"Cool clock. It's great.\" He said so.") == strings{"\"Cool clock.", "It's great.\"", "He said so."});
    // A quotation longer than the look-ahead is split throughout; its last sentence keeps the source.
    std::string long_quote = "\"";
    for (int k = 0; k < 15; ++k) long_quote += "This is a sentence. ";
    long_quote += "Last one.\" \u2015 Jane Doe";
    auto const parts = split(long_quote);
    REQUIRE(parts.size() == 16);
    CHECK(parts[0] == "\"This is a sentence.");
    CHECK(parts[14] == "This is a sentence.");
    CHECK(parts[15] == "Last one.\" \u2015 Jane Doe");
}

TEST_CASE("sentences: terminators inside brackets") {
    CHECK(split("He taught (He worked as an engineer.) at the school. (Dinah was the cat.) It slept.") ==
          strings{"He taught (He worked as an engineer.) at the school.", "(Dinah was the cat.)", "It slept."});
}

TEST_CASE("sentences: numbered and lettered list items without punctuation") {
    CHECK(split("1. The first item 2. The second item") == strings{"1. The first item", "2. The second item"});
    CHECK(split("a) here it is b) another c) one more") == strings{"a) here it is", "b) another", "c) one more"});
    CHECK(split("Finally, this. 1.) First 2.) Second") == strings{"Finally, this.", "1.) First", "2.) Second"});
}

TEST_CASE("sentences: a list label read 8 bytes at once reads as it does byte by byte") {
    // Within 8 bytes of the text's end the label is read byte by byte; padding the same text
    // (the limit unchanged) takes the 8-byte path.
    for (std::string_view const item : {"1. a", "12) b", "123. c", "abcd) e", "abcde) f", "(iv) g", "A) h", "A. i",
                                        "x.) j", "1.x k", "9.\tl", "z) m", "v. n", "(7) "}) {
        for (std::size_t limit = 0; limit <= item.size(); ++limit) {
            std::string const padded = std::string(item) + "        ";
            auto const bytewise = byline::detail::read_enumerator(item, 0, limit);
            auto const wide = byline::detail::read_enumerator(padded, 0, limit);
            CAPTURE(item);
            CAPTURE(limit);
            CHECK(wide.end == bytewise.end);
            CHECK(wide.successor() == bytewise.successor());
            CHECK(wide.alternative() == bytewise.alternative());
            CHECK(wide.first == bytewise.first);
        }
    }
    CHECK(byline::detail::read_enumerator("12) b        ", 0, 7).successor() == "13)");
    CHECK(byline::detail::read_enumerator("v. n         ", 0, 7).alternative() == "w.");
    CHECK(byline::detail::read_enumerator("abcd) e      ", 0, 9).end == 0);
}

TEST_CASE("sentences: bullets start list items") {
    CHECK(split("\u2022 9. The first item \u2022 10. The second item") ==
          strings{"\u2022 9. The first item", "\u2022 10. The second item"});
    CHECK(split("- one thing\n- another thing") == strings{"- one thing", "- another thing"});
    CHECK(split("Compliance Log \u2013 Volume 12") == strings{"Compliance Log \u2013 Volume 12"});
}

TEST_CASE("sentences: a blank line ends a headline without punctuation") {
    std::string_view const text = "Storm hits the coast\n\nThursday, May 7, 2015\n\nThe storm arrived.";
    auto const spans = byline::split_sentences(text);
    REQUIRE(spans.size() == 3);
    CHECK(spans[0] == byline::byte_span{0, 20});
    CHECK(spans[1] == byline::byte_span{22, 43});
    CHECK(spans[2] == byline::byte_span{45, 63});
}

TEST_CASE("sentences: a line break ends a line, a soft wrap (space before the break) does not") {
    CHECK(split("features\ncontact manager\n") == strings{"features", "contact manager"});
    CHECK(split("It was a cold \nnight in the city.") == strings{"It was a cold \nnight in the city."});
}

TEST_CASE("sentences: CRLF and a lone CR are line breaks") {
    std::string_view const text = "First line\r\nSecond line\rThird.";
    auto const spans = byline::split_sentences(text);
    REQUIRE(spans.size() == 3);
    CHECK(spans[0] == byline::byte_span{0, 10});
    CHECK(spans[1] == byline::byte_span{12, 23});
    CHECK(spans[2] == byline::byte_span{24, 30});
}

TEST_CASE("sentences: sentences separated only by a no-break space") {
    std::string_view const text = "It ended.\u00A0Then it began.";
    auto const spans = byline::split_sentences(text);
    REQUIRE(spans.size() == 2);
    CHECK(spans[0] == byline::byte_span{0, 9});
    CHECK(spans[1] == byline::byte_span{11, 25});
}

TEST_CASE("sentences: URLs and e-mail addresses keep their periods") {
    CHECK(split("See https://www.example.50.com/new.html. Mail Jane.Doe@example.com. See www.test.Awesome.com now.") ==
          strings{"See https://www.example.50.com/new.html.", "Mail Jane.Doe@example.com.",
                  "See www.test.Awesome.com now."});
    CHECK(split("Hello world.Today is Tuesday.") == strings{"Hello world.", "Today is Tuesday."});
}

TEST_CASE("sentences: Yahoo! keeps its exclamation mark inside the sentence") {
    CHECK(split("She works at Yahoo! in the accounting department.") ==
          strings{"She works at Yahoo! in the accounting department."});
    CHECK(split("Ghosh at Yahoo! Research built it. Wow! Great.") ==
          strings{"Ghosh at Yahoo! Research built it.", "Wow!", "Great."});
}

TEST_CASE("sentences: stray punctuation stays with the sentence before it") {
    CHECK(split("Troops entered Ukraine. . However, it held.") == strings{"Troops entered Ukraine. .", "However, it held."});
}

TEST_CASE("sentences: footnote marks stay with their sentence") {
    CHECK(split("He was a martyr.[1] The emperor ruled. It was (type 2).10 This model works.") ==
          strings{"He was a martyr.[1]", "The emperor ruled.", "It was (type 2).10", "This model works."});
}

TEST_CASE("sentences: invalid UTF-8 gives valid, covering offsets") {
    std::string const text = "Bad \xFF\xFE bytes. \xE2\x80 Cut \xC3. Fine \xF0\x9F\x98\x80 end.\xC2\xA0\x80 Next";
    auto const spans = byline::split_sentences(text);
    REQUIRE_FALSE(spans.empty());
    std::size_t previous_end = 0;
    std::vector<bool> covered(text.size(), false);
    for (auto const s : spans) {
        CHECK(s.begin >= previous_end);
        CHECK(s.begin < s.end);
        CHECK(s.end <= text.size());
        // On a code point boundary: not inside a valid multi-byte sequence.
        for (auto const edge : {s.begin, s.end}) {
            if (edge == 0 || edge == text.size()) continue;
            auto const before = byline::detail::decode_before(text, edge);
            auto const at = byline::detail::decode(text, edge - before.length);
            CHECK(edge - before.length + at.length == edge);
        }
        for (auto i = s.begin; i < s.end; ++i) covered[i] = true;
        previous_end = s.end;
    }
    for (std::size_t i = 0; i < text.size();) {
        auto const d = byline::detail::decode(text, i);
        if (!byline::detail::is_space(d.cp)) CHECK(covered[i]);
        i += d.length;
    }
}

TEST_CASE("sentences: the stream gives the whole-text result for every chunk size") {
    std::vector<std::string> samples{
        "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        "1. The first item 2. The second item\n\n\u2022 9. One \u2022 10. Two",
        "\u201cWho will win the Prize?\u201d he said. It shook the world\u2026 In this case, U.N.\u2019s aid came.",
        "Bad \xFF\xFE bytes. \xE2\x80 Cut \xC3. Fine\r\nline\rnext. . However. . . . The end",
        "Troops entered Ukraine. . However\u00A0it held.\u00A0Then. compounds. . . . The practice. . . ."};
    for (auto const& entry : std::filesystem::directory_iterator(BYLINE_TEST_DATA))
        if (entry.path().extension() == ".txt") samples.push_back(read_file(entry.path()));
    for (auto const& text : samples) {
        auto const whole = byline::split_sentences(text);
        REQUIRE_FALSE(whole.empty());
        for (std::size_t k = 1; k <= text.size(); ++k) {
            INFO("chunk size " << k);
            REQUIRE(split_in_chunks(text, k) == whole);
        }
    }
}

TEST_CASE("sentences: random tricky text: valid spans, and chunked output equals whole output") {
    std::array<std::string_view, 32> const pieces{
        "word", " ", "  ", "\n", "\n\n", "\r", "\r\n", ".", "!", "?", "...", "\u2026", "Mr.", "U.S.", "He",
        "\u201c", "\u201d", "'", "\"", "(", ")", "1.", "a)", "\u2022", "\xFF", "\xE2\x80", "\u00A0", "e.g.", "I",
        "[1]", "- ", "The"};
    std::uint32_t seed = 12345;
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    for (int round = 0; round < 150; ++round) {
        std::string text;
        auto const length = 1 + next() % 400; // often longer than the look-ahead window
        for (std::uint32_t k = 0; k < length; ++k) text += pieces[next() % pieces.size()];
        auto const whole = byline::split_sentences(text);
        std::size_t previous_end = 0;
        for (auto const sp : whole) {
            CHECK(sp.begin >= previous_end);
            CHECK(sp.begin < sp.end);
            CHECK(sp.end <= text.size());
            previous_end = sp.end;
        }
        for (std::size_t chunk = 1; chunk <= 24; ++chunk) {
            INFO("text: " << text << " chunk " << chunk);
            CHECK(split_in_chunks(text, chunk) == whole);
        }
    }
}

TEST_CASE("sentences: the stream holds only the unfinished sentence and its look-ahead") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "This is one more sentence of the feed. ";
    byline::sentence_stream stream;
    std::size_t count = 0;
    std::size_t max_buffered = 0;
    for (std::size_t i = 0; i < text.size(); i += 7) {
        stream.feed(std::string_view(text).substr(i, 7), [&count](byline::byte_span, std::string_view s) {
            CHECK(s == "This is one more sentence of the feed.");
            ++count;
        });
        max_buffered = std::max(max_buffered, stream.buffered());
    }
    stream.finish([&count](byline::byte_span) { ++count; });
    CHECK(count == 2000);
    CHECK(max_buffered < 2 * (40 + byline::detail::sentence_scanner<byline::english_news>::window));
}

TEST_CASE("sentences: a long sentence or space run fed byte by byte takes linear time") {
    std::string text(100000, ' ');
    for (int i = 0; i < 40000; ++i) text += "word ";
    text += "end.";
    byline::sentence_stream stream;
    std::vector<byline::byte_span> got;
    auto const t0 = std::chrono::steady_clock::now();
    for (char const c : text) stream.feed(std::string_view(&c, 1), [&got](byline::byte_span s) { got.push_back(s); });
    stream.finish([&got](byline::byte_span s) { got.push_back(s); });
    std::chrono::duration<double> const elapsed = std::chrono::steady_clock::now() - t0;
    CHECK(got == std::vector<byline::byte_span>{{100000, text.size()}});
    CHECK(elapsed.count() < 5.0); // rescanning from the sentence start would take minutes
}

TEST_CASE("sentences: a compile-time policy adds abbreviations") {
    std::string_view const text = "Cllr. Vega spoke. Nobody came.";
    CHECK(split(text) == strings{"Cllr.", "Vega spoke.", "Nobody came."});
    CHECK(split_with(byline::basic_sentence_splitter<council_news>{}, text) ==
          strings{"Cllr. Vega spoke.", "Nobody came."});
}

TEST_CASE("sentences: abbreviations added at run time") {
    byline::sentence_splitter const plain;
    auto const extended = plain.with_abbreviations({"Cllr.", "Dep."}, byline::abbreviation_kind::title);
    std::string_view const text = "Dep. Lee met Cllr. Vega. They spoke.";
    CHECK(split_with(plain, text) == strings{"Dep.", "Lee met Cllr.", "Vega.", "They spoke."});
    CHECK(split_with(extended, text) == strings{"Dep. Lee met Cllr. Vega.", "They spoke."});
    CHECK(plain.extra_abbreviations().empty());
    CHECK(extended.extra_abbreviations().size() == 2);
}

TEST_CASE("sentences: a CJK policy ends sentences at full-width stops without spaces") {
    std::string_view const text = "\u4F60\u597D\u3002\u4E16\u754C\uFF01\u518D\u89C1";
    CHECK(split(text).size() == 1);
    CHECK(split_with(byline::basic_sentence_splitter<cjk_news>{}, text) ==
          strings{"\u4F60\u597D\u3002", "\u4E16\u754C\uFF01", "\u518D\u89C1"});
}

TEST_CASE("sentences: a policy can keep quotations that open in lowercase whole") {
    std::string_view const text =
        "'Well!' thought Alice, 'after such a fall as this, I shall think nothing of stairs! How brave they'll "
        "think me!' She fell. He said \"stop it. Never.\" Then he left.";
    CHECK(split(text) == strings{"'Well!' thought Alice, 'after such a fall as this, I shall think nothing of stairs!",
                                 "How brave they'll think me!'", "She fell.", "He said \"stop it.", "Never.\"",
                                 "Then he left."});
    CHECK(split_with(byline::basic_sentence_splitter<fiction>{}, text) ==
          strings{"'Well!' thought Alice, 'after such a fall as this, I shall think nothing of stairs! How brave they'll "
                  "think me!'",
                  "She fell.", "He said \"stop it. Never.\"", "Then he left."});
}

TEST_CASE("sentences: the view is lazy and composes with std::views") {
    std::string_view const text = "One. Two? Three! Four.";
    auto firsts = byline::sentences(text) | std::views::take(2);
    std::vector<byline::byte_span> got;
    for (auto const s : firsts) got.push_back(s);
    CHECK(got == std::vector<byline::byte_span>{{0, 4}, {5, 9}});
}

TEST_CASE("sentences: the splitter is a pipeline stage") {
    byline::document doc;
    doc.text = "It rained. It poured.";
    byline::sentence_splitter{}.annotate(doc);
    CHECK(doc.sentences == std::vector<byline::byte_span>{{0, 10}, {11, 21}});
}

TEST_CASE("sentences: an abbreviation list read at run time extends the splitter") {
    std::string const list = "abbreviation\tcategory\tsources\n# councils\nCllr.\ttitle\tproject\r\nDep.\n\nAG\tcompany\n"
                             "X.\tbogus\n";
    auto const parsed = byline::read_abbreviation_list(list);
    REQUIRE(parsed.entries.size() == 2);
    CHECK(parsed.entries[0].text == "Cllr.");
    CHECK(parsed.entries[0].kind == byline::abbreviation_kind::title);
    CHECK(parsed.entries[1].text == "Dep.");
    CHECK(parsed.entries[1].kind == byline::abbreviation_kind::other);
    CHECK(parsed.skipped_lines == std::vector<std::size_t>{1, 6, 7});
    auto const splitter = byline::sentence_splitter{}.with_abbreviations(parsed.entries);
    CHECK(split_with(splitter, "Cllr. Vega spoke. Nobody came.") == strings{"Cllr. Vega spoke.", "Nobody came."});
}

TEST_CASE("sentences: the generated table matches the shared abbreviation lexicon") {
    std::filesystem::path const lexicon = std::filesystem::path(BYLINE_SHARED_DIR) / "lexicons" / "abbreviations_en.tsv";
    if (!std::filesystem::exists(lexicon)) {
        MESSAGE("shared lexicon absent: skipped");
        return;
    }
    std::string const text = read_file(lexicon);
    auto const parsed = byline::read_abbreviation_list(text);
    CHECK(parsed.entries.size() + 2 == byline::english_news::abbreviation_table.size()); // + N°. and Nº.
    for (auto const& e : parsed.entries) {
        INFO(e.text);
        auto const* found = byline::detail::find_abbreviation(byline::english_news::abbreviation_table, e.text);
        REQUIRE(found != nullptr);
        CHECK(found->text == e.text);
        CHECK(found->kind == e.kind);
    }
}
