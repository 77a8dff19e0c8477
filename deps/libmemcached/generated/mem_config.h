#pragma once
#define HAVE_BACKTRACE 1
#define BACKTRACE_HEADER <execinfo.h>
/* #undef WORDS_BIGENDIAN */
#define HAVE_BYTESWAP 1
#define BYTESWAP_HEADER <>
#define BYTESWAP_32 __builtin_bswap32
#define HAVE_BUILTIN_BSWAP32 1
#undef BYTESWAP_HEADER
#define HAVE_PTHREAD_H 1
#define HAVE_VISIBILITY 1
#define HAVE_VISIBILITY_FLAG 1
#define HAVE_VISIBILITY_ATTR 1
#define LIBMEMCACHED_WITH_SASL_SUPPORT 0
#define HAVE_FNV64_HASH 1
#define HAVE_MURMUR_HASH 1
/* #undef HAVE_HSIEH_HASH */
#define HAVE_ALLOCA_H 1
#define HAVE_ARPA_INET_H 1
#define HAVE_DLFCN_H 1
#define HAVE_GETOPT_H 1
#define HAVE_LIBGEN_H 1
#define HAVE_NETDB_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_NETINET_TCP_H 1
#define HAVE_POLL_H 1
#define HAVE_STRINGS_H 1
#define HAVE_SYS_POLL_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_UN_H 1
#define HAVE_UNISTD_H 1
#define HAVE_IN_PORT_T 1
#define HAVE_PID_T 1
#define HAVE_SSIZE_T 1
#define HAVE_STRUCT_MSGHDR 1
#define HAVE_STRUCT_TIMESPEC 1
#define HAVE_ABI____CXA_DEMANGLE 1
#define HAVE_CLOCK_MONOTONIC 1
#define HAVE_CLOCK_GETTIME 1
#if defined(__linux__)
#define HAVE_ERESTART 1
#endif
#define HAVE_FCNTL 1
#define HAVE_GETTIMEOFDAY 1
/* #undef HAVE_HTONLL */
#define HAVE_INDEX 1
#define HAVE_MSG_DONTWAIT 1
#if defined(__linux__)
#define HAVE_MSG_MORE 1
#endif
#if !defined(__APPLE__)
#define HAVE_MSG_NOSIGNAL 1
#endif
#define HAVE_SO_RCVTIMEO 1
#define HAVE_SO_SNDTIMEO 1
#define HAVE_RAND 1
#define HAVE_RANDOM 1
#define HAVE_REALPATH 1
#define HAVE_SENDMSG 1
#define HAVE_SETENV 1
#define HAVE_STRERROR_R 1
#if defined(__linux__)
#include <features.h> /* __GLIBC__ */
#endif
#if defined(__GLIBC__)
#define HAVE_STRERROR_R_CHAR_P 1
#endif
/* #undef HAVE_UMEM_H */
