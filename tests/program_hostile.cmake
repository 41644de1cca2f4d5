# The program under hostile conditions: a reader that closes the pipe early, one 100 MB JSON
# Lines text line, and malformed gazetteer files (exit 2 naming FILE:LINE:COLUMN).
find_program(SH sh REQUIRED)

# A closed pipe: `byline annotate ... | head -c 10` ends quietly (no crash, no message).
set(article "${WORK}/hostile_article.txt")
string(REPEAT "\\u201CWe will win,\\u201D Jane Doe said in Mexico. " 2000 body)
file(WRITE "${WORK}/hostile_pipe.jsonl" "")
foreach(i RANGE 200)
  file(APPEND "${WORK}/hostile_pipe.jsonl" "{\"id\": ${i}, \"text\": \"${body}\"}\n")
endforeach()
# byline's own status is written to a file: a signal or a crash would show as a status over 128.
execute_process(COMMAND "${SH}" -c "{ \"$0\" annotate --format jsonl < \"$1\" 2>\"$2\"; echo $? > \"$3\"; } | head -c 10 >/dev/null"
                        "${BYLINE}" "${WORK}/hostile_pipe.jsonl" "${WORK}/hostile_pipe.err" "${WORK}/hostile_pipe.status")
file(READ "${WORK}/hostile_pipe.status" status)
file(READ "${WORK}/hostile_pipe.err" err)
string(STRIP "${status}" status)
if(status GREATER 2 OR NOT err STREQUAL "")
  message(FATAL_ERROR "closed pipe: byline exited with ${status}, stderr '${err}'; expected a quiet end")
endif()

# One 100 MB text line in JSON Lines: annotated, one output line.
set(big "${WORK}/hostile_100mb.jsonl")
string(REPEAT "word, " 1000 kb)
string(REPEAT "${kb}" 100 hundred_kb)
file(WRITE "${big}" "{\"id\": \"big\", \"text\": \"")
foreach(i RANGE 1 175) # 175 * 600000 bytes > 100 MiB
  file(APPEND "${big}" "${hundred_kb}")
endforeach()
file(APPEND "${big}" "end.\"}\n{\"id\": \"after\", \"text\": \"Still here.\"}\n")
file(SIZE "${big}" big_size)
if(big_size LESS 104857600)
  message(FATAL_ERROR "the generated line has only ${big_size} bytes")
endif()
execute_process(COMMAND "${SH}" -c "\"$0\" annotate --format jsonl < \"$1\" | cut -c 1-200"
                        "${BYLINE}" "${big}" OUTPUT_VARIABLE out RESULT_VARIABLE rc)
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines n)
if(NOT rc EQUAL 0 OR NOT n EQUAL 2 OR out MATCHES "\"error\"" OR NOT out MATCHES "\"id\": *\"after\"")
  message(FATAL_ERROR "100 MB line: exit ${rc}, ${n} lines, expected 2 result lines without errors:\n${out}")
endif()
file(REMOVE "${big}")

# Malformed gazetteer files: exit 2 and FILE:LINE:COLUMN: message on stderr (column in code
# points). Contents are printf formats, so that invalid bytes can be written.
set(gazetteer_cases
  "ok\\tGPE\\tFine\\nbad id\\tGPE\\tName\\n" "2:4"   # a space in the id
  "x\\tG P E\\tName\\n" "1:4"                      # a space in the type
  "x\\tGPE\\tName\\t\\tAlias\\n" "1:12"             # an empty alias
  "x\\tGPE\\n" "1:6"                               # no name
  "# c\\n\\nx\\tGPE\\tN\\303\\244me \\377\\n" "3:12"  # invalid UTF-8
  "x\\tGPE\\t---\\n" "1:7")                        # an alias without a letter or digit
list(LENGTH gazetteer_cases count)
math(EXPR last "${count} - 1")
foreach(k RANGE 0 ${last} 2)
  math(EXPR k1 "${k} + 1")
  list(GET gazetteer_cases ${k} content)
  list(GET gazetteer_cases ${k1} where)
  set(file "${WORK}/hostile_gazetteer_${k}.tsv")
  execute_process(COMMAND "${SH}" -c "printf \"$0\" > \"$1\"" "${content}" "${file}")
  execute_process(COMMAND "${BYLINE}" annotate --gazetteer "${file}" INPUT_FILE "${WORK}/hostile_pipe.err"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "^${file}:${where}: [^\n]+\n$" OR NOT out STREQUAL "")
    message(FATAL_ERROR "gazetteer '${content}': exit ${rc}, stderr '${err}', stdout '${out}'; expected 2 and ${file}:${where}: message")
  endif()
endforeach()
