# CMake toolchain file for x86_64-unikernel-none.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<sysroot>/share/cmake/x86_64-unikernel.cmake SRC
#
# Everything is found relative to this file (<sysroot>/share/cmake/), so an
# installed toolchain can be moved. The programs it builds are dev executables
# that run on the Linux build host through x86_64-unikernel-run, so try_run(),
# check_c_source_runs() and ctest work as in a native build.

set(CMAKE_SYSTEM_NAME Unikernel)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_SYSTEM_VERSION 0.1)

get_filename_component(_uk_sysroot "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
get_filename_component(_uk_bin "${_uk_sysroot}/../bin" ABSOLUTE)
set(_uk_tool "${_uk_bin}/x86_64-unikernel")

# Platform/Unikernel.cmake lives next to this file.
list(PREPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")

set(CMAKE_C_COMPILER "${_uk_tool}-gcc")
set(CMAKE_ASM_COMPILER "${_uk_tool}-gcc")
# The binutils: cache entries, the form CMakeFindBinUtils expects.
foreach(_uk_t AR RANLIB STRIP NM OBJCOPY OBJDUMP READELF)
  string(TOLOWER "${_uk_t}" _uk_n)
  set(CMAKE_${_uk_t} "${_uk_tool}-${_uk_n}" CACHE FILEPATH "x86_64-unikernel ${_uk_n}")
endforeach()
set(CMAKE_LINKER "${_uk_tool}-ld" CACHE FILEPATH "x86_64-unikernel ld")
# FindPkgConfig: the wrapper that only sees the sysroot's .pc files.
set(PKG_CONFIG_EXECUTABLE "${_uk_tool}-pkg-config" CACHE FILEPATH "x86_64-unikernel pkg-config")

# Built programs run on the build host through the run tool (try_run, ctest,
# add_custom_command using an executable target).
set(CMAKE_CROSSCOMPILING_EMULATOR "${_uk_tool}-run")

# Headers, libraries and packages come from the sysroot only; programs
# (code generators, perl, python) from the build host.
set(CMAKE_SYSROOT "${_uk_sysroot}")
list(APPEND CMAKE_FIND_ROOT_PATH "${_uk_sysroot}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# `make install` of a library for this target belongs in the sysroot, where the
# compiler and pkg-config find it (the host's /usr/local never is right).
# -DCMAKE_INSTALL_PREFIX=... still chooses another place.
set(CMAKE_INSTALL_PREFIX "${_uk_sysroot}" CACHE PATH "Install path prefix (default: the toolchain's sysroot)")
