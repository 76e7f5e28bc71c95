# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# kiln_add_model(): compiles an ONNX model at build time into a static
# library target with its generated header. KilnConfig.cmake includes it;
# docs/Embedding.md describes it for users.
#
#   kiln_add_model(<target> MODEL <model.onnx>
#                  [NAME <name>]
#                  [INPUT_SHAPES <input>=<D0xD1x...> ...]
#                  [TARGET <triple>]
#                  [OPTIONS <kiln-compile flag> ...])
#
# <target> is a STATIC library holding the compiled model. Its include
# directory holds <name>.h, and it links Kiln::runtime PUBLIC, so linking
# <target> is all an application does. The model is compiled again when the
# model file or kiln-compile changes. NAME is the symbol prefix (default:
# <target>); every symbol the library exports starts with it, so any number
# of models link into one program.

include_guard(GLOBAL)

function(kiln_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "MODEL;NAME;TARGET"
                        "INPUT_SHAPES;OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "kiln_add_model(${target}): unknown arguments "
                        "'${ARG_UNPARSED_ARGUMENTS}'")
  endif()
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "kiln_add_model(${target}): MODEL <model.onnx> is "
                        "required")
  endif()
  if(NOT TARGET Kiln::kiln-compile OR NOT TARGET Kiln::runtime)
    message(FATAL_ERROR "kiln_add_model(${target}): Kiln::kiln-compile and "
                        "Kiln::runtime are not defined; call "
                        "find_package(Kiln CONFIG REQUIRED) first")
  endif()

  get_filename_component(model "${ARG_MODEL}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${model}")
    message(FATAL_ERROR "kiln_add_model(${target}): no model at ${model}")
  endif()

  # The symbol prefix must be a C identifier: kiln-compile would make one of
  # anything, but then the header and symbols would not be called NAME.
  set(name "${target}")
  if(DEFINED ARG_NAME)
    set(name "${ARG_NAME}")
  endif()
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "kiln_add_model(${target}): NAME '${name}' is not a "
                        "C identifier; pass NAME <identifier>")
  endif()

  set(flags "--name=${name}")
  foreach(shape IN LISTS ARG_INPUT_SHAPES)
    if(NOT shape MATCHES "^.+=[0-9]+(x[0-9]+)*$")
      message(FATAL_ERROR "kiln_add_model(${target}): INPUT_SHAPES entry "
                          "'${shape}' is not <input>=<D0xD1x...>")
    endif()
    list(APPEND flags "--input-shape=${shape}")
  endforeach()
  if(ARG_TARGET)
    list(APPEND flags "--target=${ARG_TARGET}")
  endif()
  list(APPEND flags ${ARG_OPTIONS})

  set(dir "${CMAKE_CURRENT_BINARY_DIR}/kiln/${target}")
  set(object "${dir}/${name}.o")
  set(header "${dir}/${name}.h")
  # An imported target in DEPENDS orders nothing; its file makes a new
  # kiln-compile (reinstalled or rebuilt) compile the model again.
  set(compiler Kiln::kiln-compile $<TARGET_FILE:Kiln::kiln-compile>)
  file(MAKE_DIRECTORY "${dir}")
  add_custom_command(
    OUTPUT "${object}"
    COMMAND Kiln::kiln-compile "${model}" --emit=obj -o "${object}" ${flags}
    DEPENDS "${model}" ${compiler}
    COMMENT "Compiling the ONNX model ${ARG_MODEL} (${name})"
    VERBATIM)
  add_custom_command(
    OUTPUT "${header}"
    COMMAND Kiln::kiln-compile "${model}" --emit=header -o "${header}"
            ${flags}
    DEPENDS "${model}" ${compiler}
    COMMENT "Generating ${name}.h from ${ARG_MODEL}"
    VERBATIM)

  add_library(${target} STATIC "${object}" "${header}")
  set_source_files_properties("${object}" PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)
  # The archive holds only the object: any enabled language can archive it.
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if("CXX" IN_LIST languages)
    set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)
  elseif("C" IN_LIST languages)
    set_target_properties(${target} PROPERTIES LINKER_LANGUAGE C)
  else()
    message(FATAL_ERROR "kiln_add_model(${target}): enable C or CXX in "
                        "project() first")
  endif()
  target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${dir}>")
  target_link_libraries(${target} PUBLIC Kiln::runtime)
endfunction()
