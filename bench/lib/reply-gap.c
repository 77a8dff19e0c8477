// LD_PRELOAD shim for bench/reply-gap.mjs: the time from a socket read that
// returned bytes to the next socket write, on the same thread. At one call in
// flight that is the client's whole share of the round trip: parsing the
// reply, settling the promise, the caller's next call and the request going
// out. Peers use read/write, memcache-native recv/sendmsg; all are timed.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static __thread unsigned long long last_read_at;
static unsigned long long gap_total, gaps;

static unsigned long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000ull + t.tv_nsec;
}

// Asked every time, not cached: libuv closes descriptors with a raw system
// call that no shim sees. Either side takes its time before asking.
static int is_stream_socket(int fd) {
  int type;
  socklen_t length = sizeof type;
  return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == SOCK_STREAM;
}

static void on_read(int fd, ssize_t bytes) {
  if (bytes <= 0) return;
  unsigned long long at = now_ns();
  if (is_stream_socket(fd)) last_read_at = at;
}

static void on_write(int fd) {
  if (last_read_at == 0) return;
  unsigned long long at = now_ns();
  if (is_stream_socket(fd)) {
    gap_total += at - last_read_at;
    gaps++;
    last_read_at = 0;
  }
}

#define REAL(name)                  \
  static typeof(&name) real_##name; \
  if (!real_##name) real_##name = dlsym(RTLD_NEXT, #name)

ssize_t read(int fd, void* buffer, size_t count) {
  REAL(read);
  ssize_t bytes = real_read(fd, buffer, count);
  on_read(fd, bytes);
  return bytes;
}
ssize_t recv(int fd, void* buffer, size_t count, int flags) {
  REAL(recv);
  ssize_t bytes = real_recv(fd, buffer, count, flags);
  on_read(fd, bytes);
  return bytes;
}
ssize_t recvfrom(int fd, void* buffer, size_t count, int flags, struct sockaddr* address,
                 socklen_t* length) {
  REAL(recvfrom);
  ssize_t bytes = real_recvfrom(fd, buffer, count, flags, address, length);
  on_read(fd, bytes);
  return bytes;
}
ssize_t write(int fd, const void* buffer, size_t count) {
  REAL(write);
  on_write(fd);
  return real_write(fd, buffer, count);
}
ssize_t writev(int fd, const struct iovec* vector, int count) {
  REAL(writev);
  on_write(fd);
  return real_writev(fd, vector, count);
}
ssize_t sendmsg(int fd, const struct msghdr* message, int flags) {
  REAL(sendmsg);
  on_write(fd);
  return real_sendmsg(fd, message, flags);
}
__attribute__((destructor)) static void report(void) {
  const char* out = getenv("REPLY_GAP_OUT");
  if (out == NULL || gaps == 0) return;
  FILE* file = fopen(out, "w");
  if (file == NULL) return;
  fprintf(file, "%.3f %llu\n", gap_total / 1000.0 / gaps, gaps);
  fclose(file);
}
