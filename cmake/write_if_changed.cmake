# write_if_changed(FILE TEXT): writes TEXT to FILE unless FILE already holds
# it, so a regenerated source that did not change recompiles nothing.
function(write_if_changed file text)
  if(EXISTS "${file}")
    file(READ "${file}" old)
    if(old STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE "${file}" "${text}")
endfunction()
