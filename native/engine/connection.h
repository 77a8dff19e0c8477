// One non-blocking connection (TCP, or a unix domain socket when the port is
// kUnixSocketPort, either one optionally in TLS) to one memcached server, which carries
// every command the client sends there. It owns a socket, an input buffer that yields reply
// lines or frames, and an output queue of byte ranges that are written with
// writev, so large values go to the kernel straight from the batch's value
// buffer.
//
// Nothing here blocks: the pipeline polls every connection of a batch at once
// and calls Connect/Flush/Receive when poll says they can make progress.
#pragma once

#include <sys/types.h>
#include <sys/uio.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tls_session.h"

struct addrinfo;

namespace mcnative {

class Connection {
 public:
  // kHandshaking: connected, the TLS handshake under way.
  enum class State { kClosed, kConnecting, kHandshaking, kOpen };

  // `host` is a unix socket's path when `port` is kUnixSocketPort.
  // `open_sockets`, when given, counts this connection's socket while it is
  // open (the sockets of one client). With `tls`, every connection is made
  // in TLS with that context, checking the server's certificate for
  // `tls_name` (empty: `host`) unless the context names another.
  Connection(std::string host, uint16_t port, bool tcp_no_delay, bool tcp_keep_alive,
             std::atomic<int64_t>* open_sockets = nullptr,
             std::shared_ptr<const TlsContext> tls = nullptr, std::string tls_name = {});
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  State state() const { return state_; }
  int fd() const { return fd_; }
  // `host:port` (a unix socket's path), as faults name the server.
  const std::string& name() const { return name_; }
  // The system's name for the error of the last failure (ECONNREFUSED,
  // ENOTFOUND, ECONNRESET, ...), or nullptr when it had none (the server
  // closed the connection, or a timeout). A static string.
  const char* failure_code() const { return failure_code_; }
  // The last failure was TLS's: a handshake that failed (an untrusted
  // certificate, a name that does not match, a refused protocol) or a TLS
  // alert or record error after it.
  bool failure_is_tls() const { return failure_is_tls_; }

  // Starts a non-blocking connect. Returns false with *error set when it
  // failed at once (lookup failure, refused on loopback, no sockets left).
  bool StartConnect(std::string* error);
  // Called when poll reports the connecting socket writable: true once
  // connected (state kOpen) or when the next address of the host is being
  // tried (still kConnecting), or when its TLS handshake starts (kHandshaking);
  // false with *error set when every address failed.
  bool FinishConnect(std::string* error);
  // Takes the TLS handshake as far as the socket allows: true once done
  // (kOpen) or while it waits for HandshakeEvents(); false with *error set
  // when it failed (failure_is_tls()).
  bool ContinueHandshake(std::string* error);
  // What the handshake waits for: POLLIN or POLLOUT.
  short HandshakeEvents() const { return handshake_events_; }

  // An open connection that sat idle since the last batch should have nothing
  // to read. Anything readable means the server closed it (or sent bytes no
  // command asked for): either way it cannot be trusted with a new pipeline.
  bool IsStale() const;

  void Close();

  // When bytes last arrived from the server.
  std::chrono::steady_clock::time_point last_received() const { return last_received_; }

  // ---- output ----
  // Appends bytes to the output, copied.
  void Append(std::string_view bytes);
  // Appends bytes to the output by reference: they must stay valid until the
  // output is flushed.
  void AppendReference(std::string_view bytes);
  // Marks the end of one request (a command with its value) in the output.
  // TLS records are cut at these ends (see FlushTls).
  void EndRequest() {
    if (tls_context_ != nullptr && (request_ends_.empty() || request_ends_.back() != appended_)) {
      request_ends_.push_back(appended_);
    }
  }
  // Bytes not yet sent: requests, or TLS records sealed from them.
  bool HasOutput() const {
    return HasPlainOutput() || (tls_ != nullptr && tls_->SealedBytes() > 0);
  }
  // TLS only: the last write could not go on before bytes from the server
  // (poll for input, then Flush again; records already sealed go out
  // first). See TlsSession.
  bool WriteWaitsForInput() const {
    return tls_ != nullptr && tls_->WriteWantsRead() && tls_->SealedBytes() == 0;
  }
  // Writes as much of the output as the socket takes. False with *error set
  // when the socket failed.
  bool Flush(std::string* error);

  // ---- input ----
  // Reads what the socket has. False with *error set on failure or when the
  // server closed the connection.
  bool Receive(std::string* error);
  // One read of what the socket has into the input buffer; *drained tells
  // whether it came back short (nothing more is waiting). False with *error
  // set on failure or when the server closed the connection. Over TLS, at
  // most `most` bytes are taken (the rest stays in OpenSSL's buffers, and
  // a read that took `most` is not short); a plain socket gives what it has.
  bool ReceiveOnce(std::string* error, bool* drained, size_t most = SIZE_MAX);
  bool IsTls() const { return tls_ != nullptr; }
  // Reads up to `length` bytes straight into `destination`, past the input
  // buffer (a large value into its own room): the bytes read, 0 when none are
  // waiting, or -1 with *error set on failure or when the server closed the
  // connection. Only while no input is pending, or the order would break.
  ssize_t ReceiveInto(char* destination, size_t length, std::string* error);
  // The next complete reply line without its \r\n, if one has arrived. The view
  // stays valid until the next Receive.
  bool NextLine(std::string_view* line);
  // Bytes received that are not yet part of a returned line.
  size_t PendingInput() const { return input_end_ - input_start_; }
  // The bytes received and not yet consumed, for framed replies; valid until
  // the next Receive.
  std::string_view Input() const {
    return std::string_view(input_.data() + input_start_, input_end_ - input_start_);
  }
  void Consume(size_t bytes) { input_start_ += bytes; }

 private:
  // One range of the output: either copied bytes in staging_ or a reference.
  struct Chunk {
    const char* data;  // nullptr: bytes live in staging_ at `offset`
    size_t offset;
    size_t length;
  };

  void ResetBuffers();
  void ResetOutput();
  void AdvanceOutput(size_t written);
  // The text of a failed system call, remembering the error's name.
  std::string SystemError(const char* what, int error);
  void FreeAddresses();
  // Connects to next_address_ and later ones until one starts or all fail.
  bool ConnectToNextAddress(std::string* error);
  // Connects to the unix socket at host_.
  bool ConnectToUnixSocket(std::string* error);
  bool HasPlainOutput() const { return next_chunk_ < chunks_.size(); }
  bool FlushTls(std::string* error);
  // Seals the next record of the output into the TLS session's sealed output.
  bool SealRecord(std::string* error);
  // Sends what the socket takes of the sealed records; false with *error set.
  bool SendSealed(std::string* error);
  // A read through TLS: as recv, but -1 with *error set for every failure.
  ssize_t ReceiveTls(char* destination, size_t length, std::string* error);

  const std::string host_;
  const uint16_t port_;
  const std::string name_;
  const bool tcp_no_delay_;
  const bool tcp_keep_alive_;
  std::atomic<int64_t>* const open_sockets_;
  const char* failure_code_ = nullptr;
  bool failure_is_tls_ = false;
  const std::shared_ptr<const TlsContext> tls_context_;
  const std::string tls_name_;
  std::unique_ptr<TlsSession> tls_;
  short handshake_events_ = 0;
  // TLS: the bytes of small chunks gathered for one SSL_write, so a pipeline
  // of small commands is a few records rather than one per command.
  std::string tls_gather_;
  // TLS: bytes appended to and written from the output since it was last
  // empty, and the ends of the requests not yet written (in appended_ terms).
  uint64_t appended_ = 0;
  uint64_t flushed_ = 0;
  uint64_t last_request_end_ = 0;  // the last end written
  std::deque<uint64_t> request_ends_;

  int fd_ = -1;
  State state_ = State::kClosed;
  ::addrinfo* addresses_ = nullptr;
  ::addrinfo* next_address_ = nullptr;

  std::string staging_;
  std::vector<Chunk> chunks_;
  size_t next_chunk_ = 0;
  size_t chunk_written_ = 0;  // bytes of chunks_[next_chunk_] already written
  std::vector<iovec> iov_;

  std::vector<char> input_;
  size_t input_start_ = 0;  // first byte not yet returned as a line
  size_t input_end_ = 0;    // one past the last byte received
  std::chrono::steady_clock::time_point last_received_;
};

}  // namespace mcnative
