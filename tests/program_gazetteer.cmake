# --gazetteer and --no-default-gazetteer as CONTRACT.md specifies them.
cmake_minimum_required(VERSION 3.25) # IN_LIST

# The "id:TYPE:text" of each entity of the one-line JSON output `json`, into `out_var`.
function(entity_list json out_var)
  string(JSON n LENGTH "${json}" entities)
  set(result "")
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON id GET "${json}" entities ${i} id)
      string(JSON type GET "${json}" entities ${i} type)
      string(JSON text GET "${json}" entities ${i} text)
      list(APPEND result "${id}:${type}:${text}")
    endforeach()
  endif()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

set(text_file "${WORK}/gazetteer_input.txt")
file(WRITE "${text_file}" "Volodimir Zelenski asked Mexico for help, the Mexico-Ukraine Friendship Group said.\n")

# A malformed gazetteer: exit 2, "FILE:LINE:COLUMN: message" on stderr (the column counts code
# points: "zoë x" has its space at column 4, byte 5), and no output.
set(bad "${WORK}/bad_gazetteer.tsv")
file(WRITE "${bad}" "# a comment\nfine\tGPE\tFine\nzoë x\tPERSON\tZoë X\n")
execute_process(COMMAND "${BYLINE}" annotate --gazetteer "${bad}" "${text_file}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(expected "${bad}:3:4: expected a TAB after the id (ids have no spaces)\n")
if(NOT rc EQUAL 2 OR NOT err STREQUAL expected OR NOT out STREQUAL "")
  message(FATAL_ERROR "malformed gazetteer: exit ${rc}, stderr '${err}', stdout '${out}';\n"
                      "expected exit 2 and stderr '${expected}'")
endif()

# A gazetteer that cannot be read is bad usage too.
execute_process(COMMAND "${BYLINE}" annotate --gazetteer "${WORK}/no-such-gazetteer.tsv" "${text_file}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "no-such-gazetteer.tsv: ")
  message(FATAL_ERROR "unreadable gazetteer: exit ${rc}, stderr '${err}'")
endif()

# --gazetteer adds its ids to those of the embedded default.
execute_process(COMMAND "${BYLINE}" annotate --gazetteer "${DATA}/seeds_gazetteer.tsv" "${text_file}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
entity_list("${out}" with_seeds)
foreach(want "zelensky:PERSON:Volodimir Zelenski" "mexico:GPE:Mexico"
             "mexico_ukraine_friendship_group:ORG:Mexico-Ukraine Friendship Group")
  if(NOT rc EQUAL 0 OR NOT want IN_LIST with_seeds)
    message(FATAL_ERROR "--gazetteer seeds: exit ${rc}, entities '${with_seeds}' lack '${want}'")
  endif()
endforeach()

# The default alone knows Mexico but not these people and groups.
execute_process(COMMAND "${BYLINE}" annotate "${text_file}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
entity_list("${out}" default_only)
if(NOT rc EQUAL 0 OR NOT "mexico:GPE:Mexico" IN_LIST default_only OR default_only MATCHES "zelensky:PERSON")
  message(FATAL_ERROR "default gazetteer: exit ${rc}, entities '${default_only}'")
endif()

# --no-default-gazetteer and no --gazetteer: no gazetteer mention, so no "mexico" entity.
execute_process(COMMAND "${BYLINE}" annotate --no-default-gazetteer "${text_file}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
entity_list("${out}" none)
if(NOT rc EQUAL 0 OR none MATCHES "(^|;)mexico:" OR none MATCHES ":GPE:")
  message(FATAL_ERROR "--no-default-gazetteer: exit ${rc}, entities '${none}'")
endif()

# --no-default-gazetteer with a gazetteer: only that gazetteer's ids.
execute_process(COMMAND "${BYLINE}" annotate --no-default-gazetteer --gazetteer "${DATA}/seeds_gazetteer.tsv"
                        "${text_file}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
entity_list("${out}" seeds_only)
if(NOT rc EQUAL 0 OR NOT "zelensky:PERSON:Volodimir Zelenski" IN_LIST seeds_only)
  message(FATAL_ERROR "--no-default-gazetteer --gazetteer: exit ${rc}, entities '${seeds_only}'")
endif()
