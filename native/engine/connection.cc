#include "connection.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>

#include "opcodes_statuses.h"
#include "resources.h"

namespace mcnative {

namespace {

// Reads are made in steps of this size (as Node's own sockets read); the
// buffer grows only for a reply line longer than a step, which none is.
constexpr size_t kReceiveStep = 64 * 1024;
// Values at most this long are copied next to their command line, so a
// pipeline of small sets becomes a few large writes instead of many small ones.
constexpr size_t kCopyLimit = 4 * 1024;
// The most plaintext one TLS record carries: output is handed to OpenSSL in
// pieces of up to this size, gathered from small chunks or straight from a large one.
constexpr size_t kTlsRecord = 16 * 1024;
// Sealed records are sent once they reach this much (and at the end of the
// output): few writes, without holding the first records back for long.
constexpr size_t kTlsSealedAhead = 64 * 1024;

void CountSocket(std::atomic<int64_t>* open_sockets, int delta) {
  Live().sockets += delta;
  if (open_sockets != nullptr) *open_sockets += delta;
}

}  // namespace

Connection::Connection(std::string host, uint16_t port, bool tcp_no_delay, bool tcp_keep_alive,
                       std::atomic<int64_t>* open_sockets, std::shared_ptr<const TlsContext> tls,
                       std::string tls_name)
    : host_(std::move(host)),
      port_(port),
      name_(ServerName(host_, port)),
      tcp_no_delay_(tcp_no_delay),
      tcp_keep_alive_(tcp_keep_alive),
      open_sockets_(open_sockets),
      tls_context_(std::move(tls)),
      tls_name_(tls_name.empty() ? host_ : std::move(tls_name)) {}

std::string Connection::SystemError(const char* what, int error) {
  // glibc's name for the error, as Node's system errors carry it in `code`.
  failure_code_ = strerrorname_np(error);
  failure_is_tls_ = false;
  return std::string(what) + ": " + strerror(error);
}

Connection::~Connection() {
  Close();
  FreeAddresses();
}

void Connection::FreeAddresses() {
  if (addresses_ != nullptr) freeaddrinfo(addresses_);
  addresses_ = nullptr;
  next_address_ = nullptr;
}

bool Connection::StartConnect(std::string* error) {
  Close();
  failure_is_tls_ = false;
  if (port_ == kUnixSocketPort) return ConnectToUnixSocket(error);
  // Looked up on every connect, as libmemcached does, so a server that moved
  // to another address is found again after a reconnect.
  FreeAddresses();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  std::string port = std::to_string(port_);
  int rc = getaddrinfo(host_.c_str(), port.c_str(), &hints, &addresses_);
  if (rc != 0) {
    // As Node names them: a name that does not resolve is ENOTFOUND, and only
    // a temporary failure of the resolver is told apart.
    failure_code_ = rc == EAI_AGAIN    ? "EAI_AGAIN"
                    : rc == EAI_SYSTEM ? strerrorname_np(errno)
                                       : "ENOTFOUND";
    *error = "could not look up " + host_ + ": " + gai_strerror(rc);
    addresses_ = nullptr;
    return false;
  }
  next_address_ = addresses_;
  return ConnectToNextAddress(error);
}

bool Connection::ConnectToNextAddress(std::string* error) {
  while (next_address_ != nullptr) {
    const addrinfo* address = next_address_;
    next_address_ = next_address_->ai_next;

    int fd = socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    address->ai_protocol);
    if (fd < 0) {
      *error = SystemError("socket", errno);
      continue;
    }
    int on = 1;
    if (tcp_no_delay_) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    if (tcp_keep_alive_) setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));

    if (connect(fd, address->ai_addr, address->ai_addrlen) == 0 || errno == EINPROGRESS) {
      CountSocket(open_sockets_, 1);
      fd_ = fd;
      state_ = State::kConnecting;
      return true;
    }
    *error = SystemError("connect", errno);
    close(fd);
  }
  state_ = State::kClosed;
  return false;
}

bool Connection::ConnectToUnixSocket(std::string* error) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  // sun_path needs room for the path and its NUL.
  if (host_.size() >= sizeof(address.sun_path)) {
    *error = SystemError("connect", ENAMETOOLONG);
    return false;
  }
  std::memcpy(address.sun_path, host_.c_str(), host_.size() + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = SystemError("socket", errno);
    return false;
  }
  if (tcp_keep_alive_) {
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
  }
  // A unix socket connects at once or fails at once (ENOENT: no socket there,
  // ECONNREFUSED: nobody listening, EAGAIN: its backlog is full); never
  // EINPROGRESS. Connected, it still waits for writability like a TCP one, so
  // every connection goes the same way through FinishConnect.
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    *error = SystemError("connect", errno);
    close(fd);
    return false;
  }
  CountSocket(open_sockets_, 1);
  fd_ = fd;
  state_ = State::kConnecting;
  return true;
}

bool Connection::FinishConnect(std::string* error) {
  int socket_error = 0;
  socklen_t length = sizeof(socket_error);
  if (getsockopt(fd_, SOL_SOCKET, SO_ERROR, &socket_error, &length) != 0) socket_error = errno;
  if (socket_error == 0) {
    FreeAddresses();
    if (tls_context_ == nullptr) {
      state_ = State::kOpen;
      return true;
    }
    tls_ = TlsSession::Create(*tls_context_, fd_, tls_name_, name_, error);
    if (tls_ == nullptr) {
      failure_code_ = nullptr;
      failure_is_tls_ = true;
      Close();
      return false;
    }
    state_ = State::kHandshaking;
    handshake_events_ = POLLOUT;
    return true;
  }
  *error = SystemError("connect", socket_error);
  close(fd_);
  CountSocket(open_sockets_, -1);
  fd_ = -1;
  if (ConnectToNextAddress(error)) return true;
  FreeAddresses();
  return false;
}

bool Connection::ContinueHandshake(std::string* error) {
  switch (tls_->Handshake(error)) {
    case TlsSession::Progress::kDone:
      state_ = State::kOpen;
      handshake_events_ = 0;
      ++Live().tls_handshakes;
      if (tls_->Resumed()) ++Live().tls_resumptions;
      return true;
    case TlsSession::Progress::kWantRead: handshake_events_ = POLLIN; return true;
    case TlsSession::Progress::kWantWrite: handshake_events_ = POLLOUT; return true;
    case TlsSession::Progress::kFailed: break;
  }
  failure_code_ = nullptr;
  failure_is_tls_ = true;
  return false;
}

bool Connection::IsStale() const {
  // Bytes OpenSSL already holds are bytes no command asked for, as readable ones are.
  if (tls_ != nullptr && tls_->HasBufferedInput()) return true;
  pollfd probe{fd_, POLLIN, 0};
  return poll(&probe, 1, 0) != 0;
}

void Connection::Close() {
  if (tls_ != nullptr) {
    tls_->Shutdown();
    tls_.reset();
  }
  handshake_events_ = 0;
  if (fd_ >= 0) {
    close(fd_);
    CountSocket(open_sockets_, -1);
  }
  fd_ = -1;
  state_ = State::kClosed;
  ResetBuffers();
}

void Connection::ResetOutput() {
  staging_.clear();
  chunks_.clear();
  next_chunk_ = 0;
  chunk_written_ = 0;
  appended_ = 0;
  flushed_ = 0;
  last_request_end_ = 0;
  request_ends_.clear();
}

void Connection::ResetBuffers() {
  ResetOutput();
  input_start_ = 0;
  input_end_ = 0;
}

// ---- output ------------------------------------------------------------------

void Connection::Append(std::string_view bytes) {
  if (bytes.empty()) return;
  appended_ += bytes.size();
  // Grow the last copied chunk when it is the tail of staging_.
  if (!chunks_.empty() && next_chunk_ < chunks_.size()) {
    Chunk& last = chunks_.back();
    if (last.data == nullptr && last.offset + last.length == staging_.size()) {
      staging_.append(bytes);
      last.length += bytes.size();
      return;
    }
  }
  chunks_.push_back(Chunk{nullptr, staging_.size(), bytes.size()});
  staging_.append(bytes);
}

void Connection::AppendReference(std::string_view bytes) {
  if (bytes.size() <= kCopyLimit) {
    Append(bytes);
    return;
  }
  appended_ += bytes.size();
  chunks_.push_back(Chunk{bytes.data(), 0, bytes.size()});
}

// Moves past `written` bytes of the output chunks.
void Connection::AdvanceOutput(size_t written) {
  while (written > 0) {
    size_t rest = chunks_[next_chunk_].length - chunk_written_;
    if (written < rest) {
      chunk_written_ += written;
      return;
    }
    written -= rest;
    ++next_chunk_;
    chunk_written_ = 0;
  }
}

bool Connection::Flush(std::string* error) {
  if (tls_ != nullptr) return FlushTls(error);
  while (HasPlainOutput()) {
    iov_.clear();
    for (size_t i = next_chunk_; i < chunks_.size() && iov_.size() < IOV_MAX; ++i) {
      const Chunk& chunk = chunks_[i];
      const char* base = chunk.data != nullptr ? chunk.data : staging_.data() + chunk.offset;
      size_t skip = i == next_chunk_ ? chunk_written_ : 0;
      iov_.push_back(iovec{const_cast<char*>(base + skip), chunk.length - skip});
    }
    msghdr message{};
    message.msg_iov = iov_.data();
    message.msg_iovlen = iov_.size();
    ssize_t written = sendmsg(fd_, &message, MSG_NOSIGNAL);
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
      *error = SystemError("write", errno);
      return false;
    }
    AdvanceOutput(static_cast<size_t>(written));
  }
  // Everything went out: start the next pipeline with empty buffers.
  ResetOutput();
  return true;
}

bool Connection::FlushTls(std::string* error) {
  for (;;) {
    // Records sealed before go first, in as few writes as the socket takes.
    if (!SendSealed(error)) return false;
    if (tls_->SealedBytes() > 0 || !HasPlainOutput()) break;
    // Seal a run of records, then send them together: few writes, and the
    // server has the first ones while the rest are sealed.
    while (HasPlainOutput() && tls_->SealedBytes() < kTlsSealedAhead) {
      if (!SealRecord(error)) return false;
      // Renegotiating: the rest is sealed once the server has answered.
      if (tls_->WriteWantsRead()) return SendSealed(error);
    }
  }
  // Every request is sealed: the next pipeline starts with empty buffers.
  if (!HasPlainOutput()) ResetOutput();
  return true;
}

bool Connection::SendSealed(std::string* error) {
  int error_number = 0;
  if (tls_->SendSealed(&error_number)) return true;
  // A server that refuses the client's certificate says why, then closes:
  // its alert explains the reset the write met.
  std::string alert = tls_->ReadAlert();
  if (alert.empty()) {
    *error = SystemError("write", error_number);
  } else {
    *error = alert;
    failure_code_ = nullptr;
    failure_is_tls_ = true;
  }
  return false;
}

bool Connection::SealRecord(std::string* error) {
  // A record is cut where memcached can take it whole. memcached (1.6.18 at
  // least) reads a TLS connection into a 16 KiB buffer, or a value's rest
  // straight into the item, and then waits on its socket: bytes of a record it
  // did not take stay in OpenSSL, unseen, and the connection stalls until the
  // client times out. So a record that starts at the end of a request holds
  // whole requests up to 16 KiB (or starts a larger one), and a record that
  // starts inside a request ends with it at the latest.
  uint64_t limit = flushed_ + kTlsRecord;
  uint64_t end = std::min<uint64_t>(limit, appended_);
  if (last_request_end_ == flushed_) {
    uint64_t whole = 0;
    for (uint64_t request_end : request_ends_) {
      if (request_end > limit) break;
      whole = request_end;
    }
    if (whole > flushed_) end = whole;
  } else if (!request_ends_.empty()) {
    end = std::min(end, request_ends_.front());
  }
  auto length = static_cast<size_t>(end - flushed_);

  const Chunk& chunk = chunks_[next_chunk_];
  const char* base = chunk.data != nullptr ? chunk.data : staging_.data() + chunk.offset;
  const char* data = base + chunk_written_;
  if (chunk.length - chunk_written_ < length) {
    // Gathered again from the same place after a write that had to wait, so
    // OpenSSL's retry sees the same bytes.
    tls_gather_.clear();
    for (size_t i = next_chunk_; i < chunks_.size() && tls_gather_.size() < length; ++i) {
      const Chunk& next = chunks_[i];
      const char* from = next.data != nullptr ? next.data : staging_.data() + next.offset;
      size_t skip = i == next_chunk_ ? chunk_written_ : 0;
      size_t take = std::min(next.length - skip, length - tls_gather_.size());
      tls_gather_.append(from + skip, take);
    }
    data = tls_gather_.data();
  }
  ssize_t written = tls_->Write(data, length, error);
  if (written < 0) {
    failure_code_ = nullptr;
    failure_is_tls_ = true;
    return false;
  }
  flushed_ += static_cast<uint64_t>(written);
  while (!request_ends_.empty() && request_ends_.front() <= flushed_) {
    last_request_end_ = request_ends_.front();
    request_ends_.pop_front();
  }
  AdvanceOutput(static_cast<size_t>(written));
  return true;
}

// ---- input -------------------------------------------------------------------

ssize_t Connection::ReceiveTls(char* destination, size_t length, std::string* error) {
  // Until the room is full or the socket is drained, so a short read means
  // that nothing is left, in OpenSSL's buffers either, and poll can be trusted.
  size_t total = 0;
  while (total < length) {
    bool closed = false;
    std::string failure;
    ssize_t received = tls_->Read(destination + total, length - total, &failure, &closed);
    if (received > 0) {
      total += static_cast<size_t>(received);
      continue;
    }
    if (received == 0) break;
    // What came before the failure is answered first; the next read fails again.
    if (total > 0) break;
    failure_code_ = nullptr;
    failure_is_tls_ = !closed;
    *error = closed ? "the server closed the connection" : failure;
    return -1;
  }
  if (total > 0) last_received_ = std::chrono::steady_clock::now();
  return static_cast<ssize_t>(total);
}

bool Connection::Receive(std::string* error) {
  bool drained = false;
  while (!drained) {
    if (!ReceiveOnce(error, &drained)) return false;
  }
  return true;
}

bool Connection::ReceiveOnce(std::string* error, bool* drained, size_t most) {
  // Move the unread tail to the front before growing the buffer.
  if (input_start_ > 0 && input_start_ == input_end_) {
    input_start_ = input_end_ = 0;
  } else if (input_start_ > 0 && input_.size() - input_end_ < kReceiveStep) {
    std::memmove(input_.data(), input_.data() + input_start_, input_end_ - input_start_);
    input_end_ -= input_start_;
    input_start_ = 0;
  }
  if (input_.size() - input_end_ < kReceiveStep) input_.resize(input_end_ + kReceiveStep);
  if (tls_ != nullptr) {
    size_t room = std::min(input_.size() - input_end_, most);
    ssize_t received = ReceiveTls(input_.data() + input_end_, room, error);
    if (received < 0) return false;
    input_end_ += static_cast<size_t>(received);
    *drained = static_cast<size_t>(received) < room;
    return true;
  }
  for (;;) {
    size_t room = input_.size() - input_end_;
    ssize_t received = recv(fd_, input_.data() + input_end_, room, 0);
    if (received > 0) {
      input_end_ += static_cast<size_t>(received);
      last_received_ = std::chrono::steady_clock::now();
      // A full read may mean more is waiting; a short one means the socket is drained.
      *drained = static_cast<size_t>(received) < room;
      return true;
    }
    if (received == 0) {
      failure_code_ = nullptr;
      *error = "the server closed the connection";
      return false;
    }
    if (errno == EINTR) continue;
    *drained = true;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
    *error = SystemError("read", errno);
    return false;
  }
}

ssize_t Connection::ReceiveInto(char* destination, size_t length, std::string* error) {
  if (tls_ != nullptr) return ReceiveTls(destination, length, error);
  for (;;) {
    ssize_t received = recv(fd_, destination, length, 0);
    if (received > 0) {
      last_received_ = std::chrono::steady_clock::now();
      return received;
    }
    if (received == 0) {
      failure_code_ = nullptr;
      *error = "the server closed the connection";
      return -1;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    *error = SystemError("read", errno);
    return -1;
  }
}

bool Connection::NextLine(std::string_view* line) {
  size_t available = input_end_ - input_start_;
  // Nothing received yet: the buffer may not even exist (memchr must never see null).
  if (available == 0) return false;
  const char* begin = input_.data() + input_start_;
  const char* newline = static_cast<const char*>(memchr(begin, '\n', available));
  if (newline == nullptr) return false;
  size_t length = static_cast<size_t>(newline - begin);
  input_start_ += length + 1;
  if (length > 0 && begin[length - 1] == '\r') --length;
  *line = std::string_view(begin, length);
  return true;
}

}  // namespace mcnative
