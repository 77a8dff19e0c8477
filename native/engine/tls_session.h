// TLS for the engine's connections, with the OpenSSL of the Node process that
// loaded the addon: node exports OpenSSL's symbols and node-gyp puts its
// headers on the include path, so the addon links no OpenSSL of its own (see
// docs/how-it-works.md). Only <openssl/...> headers are used here.
//
// A TlsContext is made once per pool from the client's options (trust, client
// certificate, versions, ciphers) and shared by its connections on any
// thread. A TlsSession is one connection's TLS over its non-blocking socket:
// Handshake is called again whenever poll says the socket is ready for what it
// asked for, and never blocks; Read and Write then carry the pipeline's bytes.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct ssl_session_st SSL_SESSION;

namespace mcnative {

struct TlsConfig {
  bool enabled = false;
  // PEM. No `ca`: the system's trust store (OpenSSL's default verify paths).
  std::vector<std::string> ca;
  std::string cert;  // the client's certificate chain, leaf first
  std::string key;
  std::string passphrase;
  // The name sent in SNI and verified against the server's certificate
  // instead of the server's host.
  std::string servername;
  bool reject_unauthorized = true;
  std::string min_version;  // "TLSv1.2" ...; empty: TLSv1.2
  std::string max_version;  // empty: the highest OpenSSL knows
  std::string ciphers;      // OpenSSL's syntax; TLS_* names are TLS 1.3 suites
};

class TlsContext {
 public:
  // nullptr with *error set when an option is unusable (a PEM that does not
  // parse, a key that does not match its certificate, a wrong passphrase).
  // Pools with the same options share one context. Any thread.
  static std::shared_ptr<const TlsContext> Create(const TlsConfig& config, std::string* error);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  SSL_CTX* ctx() const { return ctx_; }
  const std::string& servername() const { return servername_; }
  bool reject_unauthorized() const { return reject_unauthorized_; }

  // The last session a server gave, for the next connection to it to resume
  // (one round trip and no certificate check instead of a full handshake).
  // `key` names the server and the name its certificate was checked for, so a
  // session is only offered where the check it stands for would pass again.
  // Any thread. TakeSession returns a reference the caller frees, or nullptr.
  SSL_SESSION* TakeSession(const std::string& key) const;
  // Takes over the caller's reference.
  void KeepSession(const std::string& key, SSL_SESSION* session) const;
  // After a handshake that offered `session` failed: the server no longer
  // takes it (another key, another configuration), so it is not offered again.
  void ForgetSession(const std::string& key, const SSL_SESSION* session) const;

 private:
  static std::shared_ptr<const TlsContext> Make(const TlsConfig& config, std::string* error);
  TlsContext(SSL_CTX* ctx, std::string servername, bool reject_unauthorized)
      : ctx_(ctx), servername_(std::move(servername)), reject_unauthorized_(reject_unauthorized) {}

  SSL_CTX* const ctx_;
  const std::string servername_;
  const bool reject_unauthorized_;
  // Sessions by key, each holding one reference.
  mutable std::mutex sessions_mutex_;
  mutable std::map<std::string, SSL_SESSION*> sessions_;
};

class TlsSession {
 public:
  enum class Progress { kDone, kWantRead, kWantWrite, kFailed };

  // Over the connected socket `fd` to `host` (a name or an IP address) at
  // `peer` (its `host:port` or socket path), resuming the last session of
  // the same server and name when the context keeps one. nullptr with *error
  // set when OpenSSL could not make one.
  static std::unique_ptr<TlsSession> Create(const TlsContext& context, int fd,
                                            const std::string& host, const std::string& peer,
                                            std::string* error);
  ~TlsSession();
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  // Takes the handshake as far as the socket allows. kFailed with *error set
  // naming what failed: the certificate check in OpenSSL's words, or the
  // alert or protocol error.
  Progress Handshake(std::string* error);
  // Bytes read (> 0), 0 when nothing is waiting (the socket is drained and
  // OpenSSL holds no decrypted byte) or when OpenSSL must write first
  // (ReadWantsWrite), or -1 with *error set; *closed tells a clean close by
  // the server from a TLS fault.
  ssize_t Read(char* destination, size_t length, std::string* error, bool* closed);
  // Seals `length` bytes as one record into the sealed output (SendSealed
  // sends it): `length` once taken, 0 when OpenSSL must read first
  // (WriteWantsRead; the next call must pass the same bytes again), -1 with
  // *error set. Only after the handshake.
  ssize_t Write(const char* source, size_t length, std::string* error);
  // Records sealed and not yet sent. Sealed first and sent together, a
  // pipeline of many records costs a few writes rather than one per record.
  size_t SealedBytes() const { return sealed_.size() - sealed_sent_; }
  // Sends what the socket takes of the sealed records. False with
  // *error_number set (errno) when the socket failed.
  bool SendSealed(int* error_number);
  // A handshake after the first (a TLS 1.2 renegotiation the server asked
  // for) can make a write wait for bytes from the server: then input is what
  // to poll for, and the same call is what to retry. (A read never waits for
  // the socket: what OpenSSL writes meanwhile, a renegotiation's or a
  // KeyUpdate's answer, goes to the sealed output.)
  bool WriteWantsRead() const { return write_wants_read_; }
  // After a write failed: the TLS alert the server sent before it closed the
  // connection (a refused client certificate, in TLS 1.3 only known after the
  // handshake), in OpenSSL's words; empty when there is none to read.
  std::string ReadAlert();
  // After Handshake returned kDone: whether the server took the session
  // offered rather than making a new one.
  bool Resumed() const;
  // Decrypted bytes or record bytes OpenSSL holds that poll cannot see.
  bool HasBufferedInput() const;
  // Says goodbye (close_notify) when the session is in a state to.
  void Shutdown();

  // OpenSSL's new-session callback, set on the context: keeps a session the
  // server sent (in TLS 1.3 after the handshake, from inside a read) for the
  // next connection to the same server.
  static int OnNewSession(SSL* ssl, SSL_SESSION* session);

 private:
  TlsSession(SSL* ssl, const TlsContext& context, std::string session_key, int fd)
      : ssl_(ssl), context_(context), session_key_(std::move(session_key)), fd_(fd) {}
  // The text of the error OpenSSL queued for `result` of the last call.
  std::string Failure(int result, const char* during);

  SSL* const ssl_;
  const TlsContext& context_;
  const std::string session_key_;
  // The socket; OpenSSL reads it itself, and writes through sealed_ once the
  // handshake is done (see Handshake).
  const int fd_;
  // Records sealed by OpenSSL (application data, and after the handshake
  // anything else it writes: a KeyUpdate, close_notify), sent from sealed_sent_ on.
  std::string sealed_;
  size_t sealed_sent_ = 0;
  // The session offered to the server, not owned: compared only.
  const SSL_SESSION* offered_ = nullptr;
  bool established_ = false;
  bool failed_ = false;
  bool write_wants_read_ = false;
};

}  // namespace mcnative
