# ctest wasm_simd: the shipped index.wasm must contain SIMD arithmetic, proving -msimd128 and
# Eigen's vectorized path reached the binary. Counts instructions in binaryen's wasm-dis text.
execute_process(COMMAND wasm-dis ${WASM} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasm-dis ${WASM} failed (${rc})")
endif()
string(REGEX MATCHALL "(f32x4|i32x4|i16x8|i8x16|f64x2)\\.[a-z_0-9]+" ops "${text}")
list(LENGTH ops n)
string(REGEX MATCHALL "f32x4\\.(add|mul|sub)" float_ops "${text}")
list(LENGTH float_ops nf)
message(STATUS "${WASM}: ${n} SIMD lane instructions, ${nf} of them f32x4 add/mul/sub")
if(n LESS 500 OR nf LESS 50)
  message(FATAL_ERROR "too few SIMD instructions in ${WASM}: is -msimd128 -msse2 in effect?")
endif()
