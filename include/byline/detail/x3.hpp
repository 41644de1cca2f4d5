#pragma once
// The single include point for Boost.Spirit X3. Only the sub-headers byline uses; never include
// this from a public header's signature-bearing part, and never use the throwing `>` operator.
#if !defined(__cpp_rtti) && !defined(BOOST_SPIRIT_X3_NO_RTTI)
#  define BOOST_SPIRIT_X3_NO_RTTI
#endif
#include <boost/spirit/home/x3/auxiliary.hpp>
#include <boost/spirit/home/x3/char.hpp>
#include <boost/spirit/home/x3/core.hpp>
#include <boost/spirit/home/x3/directive/lexeme.hpp>
#include <boost/spirit/home/x3/directive/no_case.hpp>
#include <boost/spirit/home/x3/directive/raw.hpp>
#include <boost/spirit/home/x3/directive/with.hpp>
#include <boost/spirit/home/x3/nonterminal/rule.hpp>
#include <boost/spirit/home/x3/numeric/uint.hpp>
#include <boost/spirit/home/x3/operator.hpp>
#include <boost/spirit/home/x3/string.hpp>
