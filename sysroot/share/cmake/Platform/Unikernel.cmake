# CMake platform description of CMAKE_SYSTEM_NAME "Unikernel"
# (x86_64-unikernel-none), loaded through the toolchain file's CMAKE_MODULE_PATH.
#
# The target is a POSIX system with the Linux API (musl), so UNIX is true and
# projects take their Unix code paths; CMAKE_SYSTEM_NAME is not "Linux", so a
# project can tell it apart (if(CMAKE_SYSTEM_NAME STREQUAL "Unikernel")).
# There is no dynamic linker: every library is static.

set(UNIX 1)

# File names.
set(CMAKE_C_OUTPUT_EXTENSION .o)
set(CMAKE_STATIC_LIBRARY_PREFIX "lib")
set(CMAKE_STATIC_LIBRARY_SUFFIX ".a")
set(CMAKE_EXECUTABLE_SUFFIX "")
set(CMAKE_IMPORT_LIBRARY_PREFIX "")
set(CMAKE_IMPORT_LIBRARY_SUFFIX "")
# Names CMake would give shared libraries if a project asked for their file
# names; no such file is ever produced.
set(CMAKE_SHARED_LIBRARY_PREFIX "lib")
set(CMAKE_SHARED_LIBRARY_SUFFIX ".so")
set(CMAKE_SHARED_MODULE_PREFIX "lib")
set(CMAKE_SHARED_MODULE_SUFFIX ".so")

# Static only: add_library(SHARED|MODULE) builds a static library (CMake
# warns), and add_library() without a type, BUILD_SHARED_LIBS and
# option(BUILD_SHARED_LIBS ... ON) all default to static.
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
set(BUILD_SHARED_LIBS OFF CACHE BOOL "Build shared libraries (not supported by x86_64-unikernel)")
# find_library() finds only archives.
set(CMAKE_FIND_LIBRARY_PREFIXES "lib")
set(CMAKE_FIND_LIBRARY_SUFFIXES ".a")
# dlopen() lives in libc (libdl.a is an empty archive that always links).
set(CMAKE_DL_LIBS "")

# Search prefixes, relative to CMAKE_FIND_ROOT_PATH (the sysroot): its
# include/ and lib/, plus /usr and /usr/local below it for packages that
# install there.
list(APPEND CMAKE_SYSTEM_PREFIX_PATH / /usr /usr/local)
list(APPEND CMAKE_SYSTEM_INCLUDE_PATH /include)
list(APPEND CMAKE_SYSTEM_LIBRARY_PATH /lib)
