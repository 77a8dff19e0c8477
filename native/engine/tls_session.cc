#include "tls_session.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <iterator>

namespace mcnative {

namespace {

// OpenSSL's error queue is per thread, and on the JS thread it is Node's too:
// every call here starts with it empty and leaves it empty. Peeked first:
// clearing an empty queue still walks all its slots, which with a read per
// reply line over TLS was a twentieth of a 10 KB read's time.
void ClearErrorQueue() {
  if (ERR_peek_error() != 0) ERR_clear_error();
}

struct ClearErrors {
  ClearErrors() { ClearErrorQueue(); }
  ~ClearErrors() { ClearErrorQueue(); }
};

// The reason of the most recent queued error, in OpenSSL's words.
std::string LastErrorText() {
  unsigned long code = ERR_peek_last_error();
  if (code == 0) return "";
  const char* reason = ERR_reason_error_string(code);
  if (reason != nullptr) return reason;
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

int VersionNumber(const std::string& name) {
  if (name == "TLSv1") return TLS1_VERSION;
  if (name == "TLSv1.1") return TLS1_1_VERSION;
  if (name == "TLSv1.2") return TLS1_2_VERSION;
  if (name == "TLSv1.3") return TLS1_3_VERSION;
  return -1;
}

// Never the terminal prompt OpenSSL falls back to without a callback: the
// passphrase given, or none.
int PassphraseCallback(char* buffer, int size, int, void* data) {
  const auto* passphrase = static_cast<const std::string*>(data);
  if (passphrase == nullptr || passphrase->empty() ||
      passphrase->size() > static_cast<size_t>(size)) {
    return 0;
  }
  std::memcpy(buffer, passphrase->data(), passphrase->size());
  return static_cast<int>(passphrase->size());
}

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr MemoryBio(const std::string& pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// Adds every certificate of `pem` to the trust store; false when it has none.
bool AddCertificates(X509_STORE* store, const std::string& pem) {
  BioPtr bio = MemoryBio(pem);
  int added = 0;
  while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    if (X509_STORE_add_cert(store, certificate) == 1) ++added;
    X509_free(certificate);
  }
  // Reading ends with "no start line", which is no error.
  ERR_clear_error();
  return added > 0;
}

// The certificate chain, leaf first.
bool UseCertificateChain(SSL_CTX* ctx, const std::string& pem, std::string* error) {
  BioPtr bio = MemoryBio(pem);
  X509* leaf = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (leaf == nullptr) {
    *error = "\"tls.cert\" holds no PEM certificate";
    return false;
  }
  int used = SSL_CTX_use_certificate(ctx, leaf);
  X509_free(leaf);
  if (used != 1) {
    *error = "\"tls.cert\" could not be used: " + LastErrorText();
    return false;
  }
  while (X509* issuer = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    // add0: the context takes the certificate.
    if (SSL_CTX_add0_chain_cert(ctx, issuer) != 1) {
      X509_free(issuer);
      *error = "\"tls.cert\" could not be used: " + LastErrorText();
      return false;
    }
  }
  ERR_clear_error();
  return true;
}

bool UseKey(SSL_CTX* ctx, const TlsConfig& config, std::string* error) {
  BioPtr bio = MemoryBio(config.key);
  auto* passphrase = const_cast<std::string*>(&config.passphrase);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, PassphraseCallback, passphrase);
  if (key == nullptr) {
    // Never the passphrase: only whether one was given.
    *error =
        std::string("\"tls.key\" could not be read (") +
        (config.passphrase.empty() ? "not a PEM private key, or encrypted and no passphrase given"
                                   : "not a PEM private key, or a wrong passphrase") +
        ")";
    return false;
  }
  int used = SSL_CTX_use_PrivateKey(ctx, key);
  EVP_PKEY_free(key);
  if (used != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    *error = "\"tls.key\" does not match \"tls.cert\": " + LastErrorText();
    return false;
  }
  return true;
}

const std::string kDefaultSuites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

// Node's `ciphers` carries both kinds: TLS 1.3 suites (TLS_*) and the cipher
// list of the versions before.
bool UseCiphers(SSL_CTX* ctx, const std::string& ciphers, std::string* error) {
  std::string suites;
  std::string list;
  size_t start = 0;
  while (start <= ciphers.size()) {
    size_t end = ciphers.find(':', start);
    if (end == std::string::npos) end = ciphers.size();
    std::string name = ciphers.substr(start, end - start);
    if (!name.empty()) {
      std::string& target = name.rfind("TLS_", 0) == 0 ? suites : list;
      if (!target.empty()) target.push_back(':');
      target.append(name);
    }
    start = end + 1;
  }
  if (!list.empty() && SSL_CTX_set_cipher_list(ctx, list.c_str()) != 1) {
    *error = "\"tls.ciphers\" names no cipher OpenSSL knows: " + list;
    return false;
  }
  if (!suites.empty() && SSL_CTX_set_ciphersuites(ctx, suites.c_str()) != 1) {
    *error = "\"tls.ciphers\" names no TLS 1.3 suite OpenSSL knows: " + suites;
    return false;
  }
  return true;
}

bool IsIpAddress(const std::string& host) {
  unsigned char address[16];
  return inet_pton(AF_INET, host.c_str(), address) == 1 ||
         inet_pton(AF_INET6, host.c_str(), address) == 1;
}

// What identifies a configuration: a SHA-256 of every field, so the key and
// passphrase are not kept in the clear as a map key.
std::string ConfigDigest(const TlsConfig& config) {
  std::string text;
  auto field = [&text](const std::string& value) {
    text.append(std::to_string(value.size())).push_back(':');
    text.append(value);
  };
  for (const std::string& pem : config.ca) field(pem);
  text.push_back('|');
  for (const std::string* value :
       {&config.cert, &config.key, &config.passphrase, &config.servername, &config.min_version,
        &config.max_version, &config.ciphers}) {
    field(*value);
  }
  text.push_back(config.reject_unauthorized ? '1' : '0');
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  OPENSSL_cleanse(text.data(), text.size());
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// The BIO OpenSSL writes records to once a session is established: they are
// appended to the session's sealed output, to be sent in as few writes as the
// socket takes, instead of one write(2) per record.
int AppendSealed(BIO* bio, const char* data, size_t length, size_t* written) {
  static_cast<std::string*>(BIO_get_data(bio))->append(data, length);
  *written = length;
  return 1;
}

long SealedControl(BIO*, int command, long, void*) { return command == BIO_CTRL_FLUSH ? 1 : 0; }

int StartSealed(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

BIO* SealedOutput(std::string* sealed) {
  // Made once for the process, and kept for it.
  static BIO_METHOD* const method = [] {
    BIO_METHOD* made =
        BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "memcache-native sealed records");
    if (made != nullptr) {
      BIO_meth_set_write_ex(made, AppendSealed);
      BIO_meth_set_ctrl(made, SealedControl);
      BIO_meth_set_create(made, StartSealed);
    }
    return made;
  }();
  if (method == nullptr) return nullptr;
  BIO* bio = BIO_new(method);
  if (bio != nullptr) BIO_set_data(bio, sealed);
  return bio;
}

}  // namespace

// ---- TlsContext -----------------------------------------------------------------

std::shared_ptr<const TlsContext> TlsContext::Create(const TlsConfig& config, std::string* error) {
  // One context for every pool with the same options, alive while one uses
  // it: loading the system's trust store takes about 20 ms, and pools are made
  // on the JS thread (each topology change, each probe of a dead server).
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const TlsContext>> contexts;
  ClearErrors clear;
  std::string digest = ConfigDigest(config);
  std::lock_guard<std::mutex> lock(mutex);
  auto found = contexts.find(digest);
  if (found != contexts.end()) {
    if (std::shared_ptr<const TlsContext> context = found->second.lock()) return context;
  }
  for (auto it = contexts.begin(); it != contexts.end();) {
    it = it->second.expired() ? contexts.erase(it) : std::next(it);
  }
  std::shared_ptr<const TlsContext> context = Make(config, error);
  if (context != nullptr) contexts[digest] = context;
  return context;
}

std::shared_ptr<const TlsContext> TlsContext::Make(const TlsConfig& config, std::string* error) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) {
    *error = "OpenSSL could not make a TLS context: " + LastErrorText();
    return nullptr;
  }
  std::shared_ptr<const TlsContext> context(
      new TlsContext(ctx, config.servername, config.reject_unauthorized));

  // Sessions are kept by the context (TakeSession), none in OpenSSL's own
  // cache. Not with a client certificate: memcached (1.6.18 at least) checks
  // client certificates without a session id context unless started with
  // ssl_session_cache, and then answers every offered session with an
  // internal_error alert, failing the connection.
  if (config.cert.empty()) {
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, TlsSession::OnNewSession);
  } else {
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  }

  // Writes may stop midway and continue from the same bytes at another
  // address (the output queue's chunks); an EOF without close_notify is a
  // closed connection, as memcached closes them.
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  // Records are read from the socket as many as come, 64 KiB at a time, not
  // one header and one body per record: half the reads, and a fifth to a third
  // less client CPU for 10 KB gets at 32 in flight. Bytes OpenSSL holds this
  // way are still seen (SSL_has_pending), and a read stops only at WANT_READ.
  SSL_CTX_set_read_ahead(ctx, 1);
  SSL_CTX_set_default_read_buffer_len(ctx, 64 * 1024);
  // Checked against the result in either case: with rejectUnauthorized false
  // the handshake goes on whatever the check says.
  SSL_CTX_set_verify(ctx, config.reject_unauthorized ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);

  if (config.ca.empty()) {
    if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
      *error = "OpenSSL could not load the system's trust store: " + LastErrorText();
      return nullptr;
    }
  } else {
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    for (const std::string& pem : config.ca) {
      if (!AddCertificates(store, pem)) {
        *error = "\"tls.ca\" holds no PEM certificate";
        return nullptr;
      }
    }
  }

  if (!config.cert.empty() && !UseCertificateChain(ctx, config.cert, error)) return nullptr;
  if (!config.key.empty() && !UseKey(ctx, config, error)) return nullptr;

  int min_version = config.min_version.empty() ? TLS1_2_VERSION : VersionNumber(config.min_version);
  int max_version = config.max_version.empty() ? 0 : VersionNumber(config.max_version);
  if (min_version < 0 || max_version < 0 || SSL_CTX_set_min_proto_version(ctx, min_version) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, max_version) != 1) {
    *error = "\"tls.minVersion\" or \"tls.maxVersion\" is not a TLS version OpenSSL takes";
    return nullptr;
  }
  // Without `ciphers`, OpenSSL's TLS 1.3 suites, AES-128-GCM first (as
  // browsers and Go order them): as strong in practice, and about a quarter cheaper
  // than AES-256-GCM on both sides of a connection that carries large values.
  const std::string& ciphers = config.ciphers.empty() ? kDefaultSuites : config.ciphers;
  if (!UseCiphers(ctx, ciphers, error)) return nullptr;
  return context;
}

TlsContext::~TlsContext() {
  for (auto& [key, session] : sessions_) SSL_SESSION_free(session);
  SSL_CTX_free(ctx_);
}

SSL_SESSION* TlsContext::TakeSession(const std::string& key) const {
  std::lock_guard<std::mutex> lock(sessions_mutex_);
  auto found = sessions_.find(key);
  if (found == sessions_.end()) return nullptr;
  SSL_SESSION* session = found->second;
  // Past its lifetime the server would refuse it anyway: a full handshake
  // without offering it saves the server the work.
  if (SSL_SESSION_get_time(session) + SSL_SESSION_get_timeout(session) <= time(nullptr)) {
    SSL_SESSION_free(session);
    sessions_.erase(found);
    return nullptr;
  }
  SSL_SESSION_up_ref(session);
  return session;
}

void TlsContext::KeepSession(const std::string& key, SSL_SESSION* session) const {
  // A bound for clients that meet many servers over time (discovery): one
  // session per server is kept, and a server forgotten only costs a full
  // handshake.
  constexpr size_t kMostSessions = 1024;
  SSL_SESSION* replaced = nullptr;
  {
    std::lock_guard<std::mutex> lock(sessions_mutex_);
    auto found = sessions_.find(key);
    if (found != sessions_.end()) {
      replaced = found->second;
      found->second = session;
    } else {
      if (sessions_.size() >= kMostSessions) {
        replaced = sessions_.begin()->second;
        sessions_.erase(sessions_.begin());
      }
      sessions_.emplace(key, session);
    }
  }
  if (replaced != nullptr) SSL_SESSION_free(replaced);
}

void TlsContext::ForgetSession(const std::string& key, const SSL_SESSION* session) const {
  SSL_SESSION* forgotten = nullptr;
  {
    std::lock_guard<std::mutex> lock(sessions_mutex_);
    auto found = sessions_.find(key);
    // Only the one offered: a newer one another connection kept is worth a try.
    if (found != sessions_.end() && found->second == session) {
      forgotten = found->second;
      sessions_.erase(found);
    }
  }
  if (forgotten != nullptr) SSL_SESSION_free(forgotten);
}

// ---- TlsSession -----------------------------------------------------------------

std::unique_ptr<TlsSession> TlsSession::Create(const TlsContext& context, int fd,
                                               const std::string& host, const std::string& peer,
                                               std::string* error) {
  ClearErrors clear;
  SSL* ssl = SSL_new(context.ctx());
  if (ssl == nullptr) {
    *error = "OpenSSL could not start a TLS session: " + LastErrorText();
    return nullptr;
  }
  // The name the certificate must carry: `servername` when given, else the
  // host the client connected to, an IP address checked as one.
  const std::string& name = context.servername().empty() ? host : context.servername();
  // A resumed session skips the certificate check: it is offered only to the
  // server, and for the name, that the check was made for.
  std::unique_ptr<TlsSession> session(new TlsSession(ssl, context, name + '\n' + peer, fd));
  SSL_set_app_data(ssl, session.get());
  SSL_set_connect_state(ssl);
  bool configured = SSL_set_fd(ssl, fd) == 1;
  if (!name.empty() && name[0] == '/') {
    // A unix socket's path names no host: nothing to send in SNI, nor to
    // check the certificate for, which is only right when none is checked
    // (the client refuses the rest before any I/O).
    if (context.reject_unauthorized()) {
      *error = "a unix socket has no host name to check the server's certificate for";
      return nullptr;
    }
  } else if (IsIpAddress(name)) {
    configured =
        configured && X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str()) == 1;
  } else {
    // SNI takes host names only, never an address.
    configured = configured && SSL_set_tlsext_host_name(ssl, name.c_str()) == 1;
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    configured = configured && SSL_set1_host(ssl, name.c_str()) == 1;
  }
  if (!configured) {
    *error = "OpenSSL could not set up a TLS session for " + name + ": " + LastErrorText();
    return nullptr;
  }
  if (SSL_SESSION* previous = context.TakeSession(session->session_key_)) {
    // SSL_set_session takes a reference of its own.
    if (SSL_set_session(ssl, previous) == 1) session->offered_ = previous;
    SSL_SESSION_free(previous);
    ERR_clear_error();
  }
  return session;
}

int TlsSession::OnNewSession(SSL* ssl, SSL_SESSION* session) {
  const auto* owner = static_cast<const TlsSession*>(SSL_get_app_data(ssl));
  if (owner == nullptr || SSL_SESSION_is_resumable(session) != 1) return 0;
  owner->context_.KeepSession(owner->session_key_, session);
  // 1: the reference OpenSSL passed is the context's now.
  return 1;
}

bool TlsSession::Resumed() const { return SSL_session_reused(ssl_) == 1; }

TlsSession::~TlsSession() { SSL_free(ssl_); }

std::string TlsSession::Failure(int result, const char* during) {
  failed_ = true;
  int reason = SSL_get_error(ssl_, result);
  long verified = SSL_get_verify_result(ssl_);
  if (context_.reject_unauthorized() && verified != X509_V_OK) {
    return std::string("TLS handshake failed: the server's certificate was not accepted: ") +
           X509_verify_cert_error_string(verified);
  }
  std::string text = LastErrorText();
  if (reason == SSL_ERROR_SYSCALL) {
    if (errno != 0 && text.empty()) return std::string(during) + ": " + strerror(errno);
    if (text.empty()) return std::string(during) + ": the server closed the connection";
  }
  if (text.empty()) text = "OpenSSL error " + std::to_string(reason);
  return std::string(during) + ": " + text;
}

TlsSession::Progress TlsSession::Handshake(std::string* error) {
  ClearErrors clear;
  errno = 0;
  int result = SSL_do_handshake(ssl_);
  if (result == 1) {
    // From now on records are sealed into memory and sent together (the
    // handshake itself wrote to the socket, each flight as it was ready).
    BIO* sealed = SealedOutput(&sealed_);
    if (sealed == nullptr) {
      failed_ = true;
      *error = "OpenSSL could not make a buffer for TLS records: " + LastErrorText();
      return Progress::kFailed;
    }
    SSL_set0_wbio(ssl_, sealed);
    established_ = true;
    return Progress::kDone;
  }
  switch (SSL_get_error(ssl_, result)) {
    case SSL_ERROR_WANT_READ: return Progress::kWantRead;
    case SSL_ERROR_WANT_WRITE: return Progress::kWantWrite;
    default:
      // Not offered again: the next connection makes a full handshake.
      if (offered_ != nullptr) context_.ForgetSession(session_key_, offered_);
      *error = Failure(result, "TLS handshake failed");
      return Progress::kFailed;
  }
}

ssize_t TlsSession::Read(char* destination, size_t length, std::string* error, bool* closed) {
  ClearErrors clear;
  *closed = false;
  errno = 0;
  size_t read = 0;
  int result = SSL_read_ex(ssl_, destination, length, &read);
  if (result == 1) return static_cast<ssize_t>(read);
  switch (SSL_get_error(ssl_, result)) {
    // WANT_WRITE cannot come once the session is established: the sealed
    // output takes whatever OpenSSL writes.
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE: return 0;
    case SSL_ERROR_ZERO_RETURN: *closed = true; return -1;
    default: *error = Failure(result, "TLS read failed"); return -1;
  }
}

ssize_t TlsSession::Write(const char* source, size_t length, std::string* error) {
  ClearErrors clear;
  errno = 0;
  size_t written = 0;
  int result = SSL_write_ex(ssl_, source, length, &written);
  write_wants_read_ = false;
  if (result == 1) return static_cast<ssize_t>(written);
  switch (SSL_get_error(ssl_, result)) {
    case SSL_ERROR_WANT_READ: write_wants_read_ = true; return 0;
    case SSL_ERROR_WANT_WRITE: return 0;
    default: *error = Failure(result, "TLS write failed"); return -1;
  }
}

bool TlsSession::SendSealed(int* error_number) {
  while (sealed_sent_ < sealed_.size()) {
    ssize_t sent =
        send(fd_, sealed_.data() + sealed_sent_, sealed_.size() - sealed_sent_, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
      *error_number = errno;
      return false;
    }
    sealed_sent_ += static_cast<size_t>(sent);
  }
  sealed_.clear();
  sealed_sent_ = 0;
  return true;
}

std::string TlsSession::ReadAlert() {
  ClearErrors clear;
  char scratch[256];
  size_t read = 0;
  int result = SSL_read_ex(ssl_, scratch, sizeof(scratch), &read);
  if (result == 1 || SSL_get_error(ssl_, result) != SSL_ERROR_SSL) return "";
  return Failure(result, "TLS connection refused");
}

bool TlsSession::HasBufferedInput() const { return SSL_has_pending(ssl_) == 1; }

void TlsSession::Shutdown() {
  if (!established_ || failed_) return;
  ClearErrors clear;
  // One try, never waited for: the socket closes next either way.
  SSL_shutdown(ssl_);
  int ignored;
  SendSealed(&ignored);
}

}  // namespace mcnative
