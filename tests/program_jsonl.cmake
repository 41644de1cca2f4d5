# The program never loses a line: one output line per JSON Lines input line, whatever it holds.
set(input "${WORK}/input.jsonl")
file(WRITE "${input}"
  "{\"id\": \"a\", \"text\": \"Hello world. \\u201CWe will win,\\u201D he said.\"}\n"
  "not json at all\n"
  "{\"id\": \"b\"}\n"
  "{\"id\": \"c\", \"text\": 42}\n"
  "[1, 2]\n"
  "\n"
  "{\"id\": 7, \"text\": \"Numeric ids are echoed.\", \"other\": true}\n"
  "{\"id\": \"big\", \"text\": \"01234567890123456789012345678901234567890123456789012345678901234567890123456789\"}\n"
  "{\"id\": \"last\", \"text\": \"\"}")
execute_process(COMMAND "${BYLINE}" annotate --format jsonl --max-document-bytes 45
                INPUT_FILE "${input}" OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "exit status ${rc}, expected 1 (some documents failed)")
endif()
string(REGEX REPLACE "\n$" "" out "${out}")
string(REPLACE ";" "\\;" out "${out}")
string(REPLACE "\n" ";" lines "${out}")
list(LENGTH lines n)
if(NOT n EQUAL 9)
  message(FATAL_ERROR "9 input lines gave ${n} output lines:\n${out}")
endif()
set(expect_ids "a;null;b;c;null;null;7;big;last")
set(expect_error "0;1;1;1;1;1;0;1;0")
foreach(line id want_error IN ZIP_LISTS lines expect_ids expect_error)
  string(JSON got_id ERROR_VARIABLE e GET "${line}" id)
  if(got_id STREQUAL "")
    set(got_id null)
  endif()
  string(JSON type ERROR_VARIABLE no_error TYPE "${line}" error)
  if(NOT got_id STREQUAL id)
    message(FATAL_ERROR "line ${line}: id ${got_id}, expected ${id}")
  endif()
  if(want_error AND no_error)
    message(FATAL_ERROR "line ${line}: expected an error")
  elseif(NOT want_error AND NOT no_error)
    message(FATAL_ERROR "line ${line}: unexpected error")
  endif()
endforeach()

# Bad usage: exit 2 with a message.
foreach(args "frobnicate" "annotate;--format;xml" "annotate;--max-document-bytes;0" "annotate;--format")
  execute_process(COMMAND "${BYLINE}" ${args} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET INPUT_FILE "${input}")
  if(NOT rc EQUAL 2 OR err STREQUAL "")
    message(FATAL_ERROR "byline ${args}: exit ${rc}, stderr '${err}'; expected 2 and a message")
  endif()
endforeach()

# A missing file is a failed document (exit 1), and the other files are still annotated.
execute_process(COMMAND "${BYLINE}" annotate "${WORK}/does-not-exist.txt" "${input}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_QUIET)
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines n)
if(NOT rc EQUAL 1 OR NOT n EQUAL 2)
  message(FATAL_ERROR "missing file: exit ${rc} with ${n} lines, expected 1 with 2 lines")
endif()
