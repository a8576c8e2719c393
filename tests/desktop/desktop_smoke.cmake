# ctest desktop_smoke: runs the real desktop app under Xvfb (Mesa llvmpipe, GL 3.3 core+) for a
# few seconds, has it save its own window as PNG, and checks the picture is not blank.
execute_process(
  COMMAND xvfb-run -a -s "-screen 0 1280x800x24" ${GUI} --lab ${LAB} --quit-after-ms 3000 --screenshot ${PNG}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "latentlab-gui exited with ${rc}\n${out}${err}")
endif()
foreach(text "GL_VERSION: " "screenshot: ${PNG}" "frames: ")
  string(FIND "${out}" "${text}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "expected '${text}' in the app's output:\n${out}${err}")
  endif()
endforeach()
# Standard deviation of gray levels: ~0 for a blank window, well above for UI plus a photo.
execute_process(COMMAND convert ${PNG} -colorspace Gray -format "%[fx:standard_deviation*255] %[k]" info:
  OUTPUT_VARIABLE stats RESULT_VARIABLE rc)
string(REPLACE " " ";" stats "${stats}")
list(GET stats 0 std)
list(GET stats 1 colors)
message(STATUS "desktop screenshot ${PNG}: gray std ${std}, ${colors} distinct colours")
if(NOT rc EQUAL 0 OR std LESS 20 OR colors LESS 100)
  message(FATAL_ERROR "the desktop window looks blank: std ${std}, ${colors} colours")
endif()
