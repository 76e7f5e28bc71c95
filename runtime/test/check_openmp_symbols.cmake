# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Fails unless the runtime's OpenMP region calls GNU libgomp (GOMP_parallel)
# and nothing of LLVM's libomp (__kmpc_*), and unless a model linked with the
# runtime needs libgomp.so.1 and not libomp.so. Run with
# -DNM=... -DLIBRARY=libkiln_rt.a -DMODEL=add_model.so -P this file.

execute_process(COMMAND ${NM} -u ${LIBRARY}
  OUTPUT_VARIABLE undefined RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} -u ${LIBRARY} failed")
endif()
if(NOT undefined MATCHES "GOMP_parallel")
  message(FATAL_ERROR "${LIBRARY} does not call GOMP_parallel: its OpenMP "
                      "region was not compiled (clang -fopenmp=libgomp?)")
endif()
if(undefined MATCHES "__kmpc_")
  message(FATAL_ERROR "${LIBRARY} calls LLVM libomp's __kmpc_* functions")
endif()

execute_process(COMMAND ${NM} -D ${MODEL}
  OUTPUT_VARIABLE dynamic RESULT_VARIABLE result)
if(dynamic MATCHES "__kmpc_")
  message(FATAL_ERROR "${MODEL} needs LLVM libomp's __kmpc_* functions")
endif()
file(STRINGS ${MODEL} names REGEX "^lib(g)?omp\\.so")
if(names MATCHES "(^|;)libomp\\.so")
  message(FATAL_ERROR "${MODEL} needs libomp.so: ${names}")
endif()
if(NOT names MATCHES "(^|;)libgomp\\.so\\.1")
  message(FATAL_ERROR "${MODEL} does not need libgomp.so.1: ${names}")
endif()
message(STATUS "OpenMP symbols: GOMP_parallel, no __kmpc_*; ${names}")
