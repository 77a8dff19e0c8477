#include "pipeline.h"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>

namespace mcnative {

namespace {

using Clock = std::chrono::steady_clock;

// Expectations that are not commands of the batch (whose indexes are far smaller).
constexpr uint32_t kBarrier = UINT32_MAX;
constexpr uint32_t kAuthentication = UINT32_MAX - 1;
// A run of reads (one `gets` line, or GETKQs): Expectation::group names it.
constexpr uint32_t kReadGroup = UINT32_MAX - 2;
// The NOOP that ends a binary read group: the reads it did not answer missed.
constexpr uint32_t kReadGroupEnd = UINT32_MAX - 3;
// A gets line is closed at this length; memcached takes far longer ones, but a
// short line lets it start answering sooner.
constexpr size_t kMaxGetsLine = 2048;
// No reply to a write comes close to this; more without a line end is garbage.
constexpr size_t kMaxReplyLine = 8 * 1024;

int MillisecondsUntil(Clock::time_point deadline, Clock::time_point now) {
  if (deadline <= now) return 0;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<int64_t>(left, INT32_MAX));
}

}  // namespace

struct Pipeline::Channel {
  struct Expectation {
    // A command's index; kBarrier: the `version` or NOOP that confirms silent
    // commands; kAuthentication: SASL on a new connection.
    uint32_t command;
    uint32_t silent_end;  // barrier: confirms silent[..silent_end)
    uint32_t strays_left; // barrier: error lines the silent commands may still send
    uint32_t group = 0;   // kReadGroup: its position in read_groups
  };

  // Consecutive reads of one server share one `gets` line: memcached answers
  // one line of 32 keys about three times as fast as 32 lines of one key.
  struct ReadGroup {
    std::vector<uint32_t> commands;  // in the order of the line's keys
    size_t next = 0;                 // the first not answered yet
  };

  Channel(uint32_t server, Connection* connection) : server(server), connection(connection) {}

  uint32_t server;
  Connection* connection;
  std::vector<uint32_t> commands;
  std::deque<Expectation> expected;
  // noreply commands in order; silent_confirmed of them are known to be processed.
  std::vector<uint32_t> silent;
  uint32_t silent_confirmed = 0;
  bool active = true;
  Clock::time_point deadline;
  std::vector<ReadGroup> read_groups;
  bool read_group_open = false;  // the last read group still takes reads
  std::string gets_line;         // ASCII: the open read group's line
  // A VALUE line arrived: its data block, for value_command, comes next.
  bool in_value_block = false;
  uint32_t value_command = 0;
  size_t value_bytes_left = 0;  // of the data block and its \r\n
  size_t value_write_at = 0;    // where the block's next bytes go in the value sink

  // How many silent commands the last queued barrier (or one already answered) covers.
  uint32_t BarrierEnd() const {
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) {
      if (it->command == kBarrier) return it->silent_end;
    }
    return silent_confirmed;
  }
  bool HasUncoveredSilent() const { return silent.size() > BarrierEnd(); }
};

Command CommandFromColumns(const BatchColumns& columns, uint32_t index, uint32_t server) {
  return Command{server,
                 static_cast<Opcode>(columns.opcodes[index]),
                 (columns.modifiers[index] & kNoReply) != 0,
                 columns.Key(index),
                 columns.Value(index),
                 columns.flags[index],
                 columns.ttls[index],
                 columns.numbers[index]};
}

Pipeline::Pipeline(std::vector<std::unique_ptr<Connection>>& connections, ServerHealth& health,
                   const PipelineSettings& settings)
    : connections_(connections), health_(health), settings_(settings) {}

Pipeline::~Pipeline() = default;

void Pipeline::Run(const std::vector<Command>& commands, std::vector<Outcome>* outcomes,
                   ValueBuffer* values) {
  Start(commands, outcomes, values, /*connect_allowed=*/true);
  std::vector<Wait> waits;
  std::vector<pollfd> fds;
  while (!Done()) {
    Clock::time_point deadline;
    Waits(&waits, &deadline);
    fds.clear();
    for (const Wait& wait : waits) fds.push_back(pollfd{wait.fd, wait.events, 0});
    int ready = poll(fds.data(), fds.size(), MillisecondsUntil(deadline, Clock::now()));
    if (ready < 0 && errno != EINTR) {
      for (const Wait& wait : waits) Fail(channels_[wait.channel], Status::UNKNOWN, "poll failed");
      break;
    }
    for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
      if (fds[i].revents != 0) OnReady(waits[i].channel, fds[i].revents);
    }
    OnClock();
  }
}

void Pipeline::Start(const std::vector<Command>& commands, std::vector<Outcome>* outcomes,
                     ValueBuffer* values, bool connect_allowed) {
  connect_allowed_ = connect_allowed;
  commands_ = &commands;
  outcomes_ = outcomes;
  values_ = values;
  outcomes->assign(commands.size(), Outcome{});

  channels_.clear();
  std::vector<int> channel_of_server(connections_.size(), -1);
  for (uint32_t i = 0; i < commands.size(); ++i) {
    uint32_t server = commands[i].server;
    if (channel_of_server[server] < 0) {
      channel_of_server[server] = static_cast<int>(channels_.size());
      channels_.emplace_back(server, connections_[server].get());
    }
    channels_[channel_of_server[server]].commands.push_back(i);
  }
  for (Channel& channel : channels_) Open(channel);
}

bool Pipeline::Connect(Connection& connection, const PipelineSettings& settings) {
  std::string error;
  if (!connection.Connect(settings.connect_ms, &error)) return false;
  if (settings.sasl_plain.empty()) return true;
  binary::AppendPlainAuth(settings.sasl_plain, kAuthentication, connection);
  Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(settings.reply_ms);
  for (;;) {
    if (!connection.Flush(&error)) break;
    short events = connection.HasOutput() ? POLLOUT : POLLIN;
    if (events == POLLIN) {
      binary::Frame frame;
      binary::FrameRead read = binary::NextFrame(connection, &frame, &error);
      if (read == binary::FrameRead::kMalformed) break;
      if (read == binary::FrameRead::kFrame) {
        // A server without SASL does not know the command, and needs no login.
        bool logged_in = frame.opaque == kAuthentication && connection.PendingInput() == 0 &&
                         (frame.status == binary::kStatusOk ||
                          frame.status == binary::kStatusUnknownCommand);
        if (logged_in) return true;
        break;
      }
    }
    int left = MillisecondsUntil(deadline, Clock::now());
    pollfd ready{connection.fd(), events, 0};
    if (left == 0 || poll(&ready, 1, left) <= 0) break;
    if ((ready.revents & (POLLIN | POLLERR | POLLHUP)) && !connection.Receive(&error)) break;
  }
  // A refused login is reported by the next batch, whose pipeline tries again.
  connection.Close();
  return false;
}

bool Pipeline::Done() const {
  for (const Channel& channel : channels_) {
    if (channel.active) return false;
  }
  return true;
}

void Pipeline::Waits(std::vector<Wait>* waits, Clock::time_point* deadline) const {
  waits->clear();
  *deadline = Clock::time_point::max();
  for (uint32_t i = 0; i < channels_.size(); ++i) {
    const Channel& channel = channels_[i];
    if (!channel.active) continue;
    const Connection& connection = *channel.connection;
    short events = POLLIN;
    if (connection.state() == Connection::State::kConnecting) {
      events = POLLOUT;
    } else if (connection.HasOutput()) {
      events |= POLLOUT;
    }
    waits->push_back(Wait{i, channel.server, connection.fd(), events});
    *deadline = std::min(*deadline, channel.deadline);
  }
}

void Pipeline::OnReady(uint32_t channel, short events) {
  if (channels_[channel].active) Service(channels_[channel], events);
}

void Pipeline::OnClock() {
  Clock::time_point now = Clock::now();
  for (Channel& channel : channels_) {
    if (!channel.active || now < channel.deadline) continue;
    bool connecting = channel.connection->state() == Connection::State::kConnecting;
    int waited = connecting ? settings_.connect_ms : settings_.reply_ms;
    std::string message = std::string(connecting ? "could not connect" : "no reply") +
                          " within " + std::to_string(waited) + " ms";
    Fail(channel, Status::TIMEOUT, message);
    // A server that cannot be reached is left alone for the retry timeout; a
    // slow one is tried again by the next batch, as libmemcached does.
    if (connecting) health_.MarkDown(channel.server, message);
  }
}

void Pipeline::Open(Channel& channel) {
  std::string reason;
  Status status;
  if (health_.IsDown(channel.server, &reason, &status)) {
    Abandon(channel, status, reason);
    return;
  }
  Connection& connection = *channel.connection;
  if (!connect_allowed_ && connection.state() != Connection::State::kOpen) {
    // The event loop checked this connection a moment ago, and must never wait
    // for a host name lookup: report it rather than reconnect here.
    Abandon(channel, Status::CONNECTION, "the connection closed before the batch was sent");
    return;
  }
  if (connect_allowed_ && connection.state() == Connection::State::kOpen && connection.IsStale()) {
    connection.Close();
  }
  if (connection.state() != Connection::State::kOpen) {
    std::string error;
    if (!connection.StartConnect(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.connect_ms);
    // Authenticated before anything else is sent; the commands behind it are
    // pipelined with it, and refused by the server if it fails.
    if (!settings_.sasl_plain.empty()) {
      binary::AppendPlainAuth(settings_.sasl_plain, kAuthentication, connection);
      channel.expected.push_back(Channel::Expectation{kAuthentication, 0, 0});
    }
  } else {
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.reply_ms);
  }

  for (uint32_t command : channel.commands) Queue(channel, command);
  FlushReadGroup(channel);
  // End on a reply, so the connection is in step when the next batch takes it
  // and every noreply write has been processed before this batch reports back.
  if (channel.HasUncoveredSilent()) QueueBarrier(channel);

  // An open connection takes the pipeline at once; poll is needed only for
  // what the socket buffer could not hold.
  if (connection.state() == Connection::State::kOpen) {
    std::string error;
    if (!connection.Flush(&error)) Fail(channel, Status::CONNECTION, error);
  }
}

void Pipeline::Queue(Channel& channel, uint32_t index) {
  const Command& command = (*commands_)[index];
  if (IsRead(command.op)) {
    QueueRead(channel, index);
    return;
  }
  FlushReadGroup(channel);
  // A reply after noreply writes could be one of their error lines: put a
  // barrier between them so every line has exactly one owner.
  if (!command.no_reply && channel.HasUncoveredSilent()) QueueBarrier(channel);

  Connection& connection = *channel.connection;
  bool silent = command.no_reply;
  if (settings_.binary) {
    binary::AppendCommand(command, index, connection);
    silent = silent && binary::HasQuietForm(command.op);
  } else {
    ascii::AppendCommand(command, connection);
  }
  if (silent) {
    channel.silent.push_back(index);
  } else {
    channel.expected.push_back(Channel::Expectation{index, 0, 0});
  }
}

void Pipeline::QueueRead(Channel& channel, uint32_t index) {
  const Command& command = (*commands_)[index];
  if (!settings_.binary && channel.read_group_open &&
      channel.gets_line.size() + 1 + command.key.size() > kMaxGetsLine) {
    FlushReadGroup(channel);
  }
  if (!channel.read_group_open) {
    if (channel.HasUncoveredSilent()) QueueBarrier(channel);
    Channel::Expectation group{kReadGroup, 0, 0};
    group.group = static_cast<uint32_t>(channel.read_groups.size());
    channel.read_groups.emplace_back();
    channel.expected.push_back(group);
    channel.read_group_open = true;
    if (!settings_.binary) channel.gets_line = "gets";
  }
  if (settings_.binary) {
    binary::AppendRead(command, index, *channel.connection);
  } else {
    channel.gets_line.push_back(' ');
    channel.gets_line.append(command.key);
  }
  channel.read_groups.back().commands.push_back(index);
}

void Pipeline::FlushReadGroup(Channel& channel) {
  if (!channel.read_group_open) return;
  channel.read_group_open = false;
  if (settings_.binary) {
    binary::AppendBarrier(kReadGroupEnd, *channel.connection);
    return;
  }
  channel.gets_line.append("\r\n");
  channel.connection->Append(channel.gets_line);
  channel.gets_line.clear();
}

void Pipeline::QueueBarrier(Channel& channel) {
  uint32_t previous_end = channel.BarrierEnd();
  auto silent_end = static_cast<uint32_t>(channel.silent.size());
  if (settings_.binary) {
    binary::AppendBarrier(kBarrier, *channel.connection);
  } else {
    ascii::AppendBarrier(*channel.connection);
  }
  channel.expected.push_back(Channel::Expectation{kBarrier, silent_end, silent_end - previous_end});
}

void Pipeline::Service(Channel& channel, short events) {
  Connection& connection = *channel.connection;
  Clock::time_point now = Clock::now();
  if (connection.state() == Connection::State::kConnecting) {
    std::string error;
    if (!connection.FinishConnect(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    if (connection.state() == Connection::State::kConnecting) {
      // Trying the host's next address, with a fresh connect timeout.
      channel.deadline = now + std::chrono::milliseconds(settings_.connect_ms);
      return;
    }
    channel.deadline = now + std::chrono::milliseconds(settings_.reply_ms);
    events = POLLOUT;
  }

  if (events & (POLLIN | POLLERR | POLLHUP)) {
    ReadReplies(channel);
    if (!channel.active) return;
  }
  if ((events & POLLOUT) && connection.HasOutput()) {
    std::string error;
    if (!connection.Flush(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    channel.deadline = now + std::chrono::milliseconds(settings_.reply_ms);
  }
  if (channel.expected.empty() && !connection.HasOutput()) channel.active = false;
}

void Pipeline::ReadReplies(Channel& channel) {
  Connection& connection = *channel.connection;
  std::string error;
  bool open = connection.Receive(&error);
  bool answered = false;
  if (settings_.binary) {
    binary::Frame frame;
    std::string malformed;
    for (;;) {
      binary::FrameRead read = binary::NextFrame(connection, &frame, &malformed);
      if (read == binary::FrameRead::kIncomplete) break;
      if (read == binary::FrameRead::kMalformed) {
        Fail(channel, Status::PROTOCOL, malformed);
        return;
      }
      if (!AnswerFrame(channel, frame)) return;
      answered = true;
    }
  } else {
    std::string_view line;
    for (;;) {
      if (channel.in_value_block) {
        if (!ReadValueBlock(channel)) {
          if (!channel.active) return;
          break;
        }
        continue;
      }
      if (!connection.NextLine(&line)) break;
      if (!AnswerLine(channel, line)) return;
      answered = true;
    }
  }
  if (answered) {
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.reply_ms);
  }
  if (!open) {
    Fail(channel, Status::CONNECTION, error);
  } else if (!settings_.binary && connection.PendingInput() > kMaxReplyLine) {
    Fail(channel, Status::PROTOCOL,
         "a reply line longer than " + std::to_string(kMaxReplyLine) + " bytes");
  }
}

bool Pipeline::AnswerLine(Channel& channel, std::string_view line) {
  if (channel.expected.empty()) {
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }
  Channel::Expectation& expected = channel.expected.front();
  if (expected.command == kBarrier) {
    if (ascii::IsBarrierReply(line)) {
      ConfirmSilent(channel);
      return true;
    }
    // memcached still reports some errors of noreply commands (out of memory,
    // for one). Which command it was is unknown, and noreply asked not to be told.
    if (ascii::IsErrorLine(line) && expected.strays_left > 0) {
      --expected.strays_left;
      return true;
    }
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }

  if (expected.command == kReadGroup) return AnswerRead(channel, line);
  uint32_t index = expected.command;
  channel.expected.pop_front();
  Reply reply = ascii::ParseReply((*commands_)[index].op, line);
  if (!reply.in_step) {
    std::string reason = "no reply: the connection was closed after a reply that put it out of "
                         "step (" + Quote(line) + " to " + CommandName((*commands_)[index].op) +
                         ")";
    Settle(index, std::move(reply));
    Fail(channel, Status::PROTOCOL, reason);
    return false;
  }
  Settle(index, std::move(reply));
  return true;
}

bool Pipeline::AnswerRead(Channel& channel, std::string_view line) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  if (line == "END") {
    SettleMisses(channel, group.commands.size());
    channel.expected.pop_front();
    return true;
  }
  if (ascii::IsValueLine(line)) {
    ascii::ValueLine value;
    if (!ascii::ParseValueLine(line, &value)) {
      Fail(channel, Status::PROTOCOL, "a malformed VALUE line: " + Quote(line));
      return false;
    }
    // Hits come in the order of the keys asked for, misses left out. A value
    // is only ever handed to the key it was stored under.
    size_t hit = group.next;
    while (hit < group.commands.size() && (*commands_)[group.commands[hit]].key != value.key) ++hit;
    if (hit == group.commands.size()) {
      Fail(channel, Status::PROTOCOL, "a VALUE for a key that was not asked for: " + Quote(line));
      return false;
    }
    SettleMisses(channel, hit);
    uint32_t index = group.commands[group.next++];
    if (!StartHit(channel, index, value.flags, value.cas, value.bytes)) return false;
    channel.in_value_block = true;
    channel.value_command = index;
    channel.value_bytes_left = value.bytes + 2;
    return true;
  }
  // gets has no data block: after an error line the stream is still in step.
  if (ascii::IsErrorLine(line)) {
    Reply reply = ascii::ParseReply(Opcode::GETS, line);
    while (group.next < group.commands.size()) Settle(group.commands[group.next++], reply);
    channel.expected.pop_front();
    return true;
  }
  Fail(channel, Status::PROTOCOL, "unexpected reply to gets: " + Quote(line));
  return false;
}

void Pipeline::SettleMisses(Channel& channel, size_t until) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  while (group.next < until) Settle(group.commands[group.next++], Reply{Status::NOT_FOUND});
}

bool Pipeline::StartHit(Channel& channel, uint32_t index, uint32_t flags, uint64_t cas,
                        uint64_t length) {
  size_t offset = values_->size();
  // A longer value is a stream out of step, and its room is not to be taken.
  if (length > kLargestItem) {
    Fail(channel, Status::PROTOCOL,
         "a VALUE of " + std::to_string(length) + " bytes, more than memcached can store");
    return false;
  }
  // Offsets are 32-bit columns: a batch hands back at most 4 GiB of values.
  if (length > UINT32_MAX - offset) {
    Fail(channel, Status::UNKNOWN, "a batch may hand back at most 4 GiB of values");
    return false;
  }
  // The whole value's room is taken now: other channels append to the same
  // sink while this value's pieces are still arriving.
  if (!values_->Extend(length)) {
    Fail(channel, Status::UNKNOWN, "no memory left to hold a value");
    return false;
  }
  channel.value_write_at = offset;
  Outcome& outcome = (*outcomes_)[index];
  outcome.flags = flags;
  outcome.number = cas;
  outcome.value_offset = static_cast<uint32_t>(offset);
  outcome.value_length = static_cast<uint32_t>(length);
  return true;
}

bool Pipeline::ReadValueBlock(Channel& channel) {
  Connection& connection = *channel.connection;
  std::string_view input = connection.Input();
  if (input.empty()) return false;
  if (channel.value_bytes_left > 2) {
    size_t take = std::min(input.size(), channel.value_bytes_left - 2);
    std::memcpy(values_->data() + channel.value_write_at, input.data(), take);
    channel.value_write_at += take;
    connection.Consume(take);
    channel.value_bytes_left -= take;
    return true;
  }
  // The block's \r\n: anything else means the VALUE line lied about its length.
  char expected = channel.value_bytes_left == 2 ? '\r' : '\n';
  if (input[0] != expected) {
    Fail(channel, Status::PROTOCOL, "a data block longer than its VALUE line said");
    return false;
  }
  connection.Consume(1);
  if (--channel.value_bytes_left == 0) {
    channel.in_value_block = false;
    (*outcomes_)[channel.value_command].status = Status::OK;
  }
  return true;
}

bool Pipeline::AnswerFrame(Channel& channel, const binary::Frame& frame) {
  if (!channel.expected.empty() && channel.expected.front().command == kReadGroup) {
    return AnswerReadFrame(channel, frame);
  }
  uint32_t index = frame.opaque;
  if (!channel.expected.empty() && channel.expected.front().command == index) {
    if (index == kBarrier) {
      ConfirmSilent(channel);
      return true;
    }
    channel.expected.pop_front();
    if (index == kAuthentication) {
      // A server without SASL does not know the command, and needs no login.
      if (frame.status != binary::kStatusOk && frame.status != binary::kStatusUnknownCommand) {
        Fail(channel, Status::AUTH,
             frame.status == binary::kStatusAuthError
                 ? "authentication failed: the server refused the username or password"
                 : "authentication failed: the server answered SASL PLAIN with status " +
                       std::to_string(frame.status));
        return false;
      }
    } else {
      const Command& command = (*commands_)[index];
      // touch has no quiet form: a noreply touch is answered, and the answer ignored.
      Settle(index, command.no_reply ? Reply{Status::OK} : binary::ParseReply(command.op, frame));
    }
    return true;
  }
  // A quiet command answers only when it failed, which noreply asked not to be told.
  bool silent_failure = index < commands_->size() && (*commands_)[index].no_reply &&
                        (*commands_)[index].server == channel.server &&
                        (*outcomes_)[index].status == Status::kCount &&
                        !channel.expected.empty() && channel.expected.front().command == kBarrier;
  if (silent_failure) return true;
  Fail(channel, Status::PROTOCOL,
       "a reply no command asked for: opcode " + std::to_string(frame.opcode) + ", opaque " +
           std::to_string(frame.opaque));
  return false;
}

bool Pipeline::AnswerReadFrame(Channel& channel, const binary::Frame& frame) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  if (frame.opaque == kReadGroupEnd) {
    SettleMisses(channel, group.commands.size());
    channel.expected.pop_front();
    return true;
  }
  // Answers come in the order asked, misses left out.
  size_t answered = group.next;
  while (answered < group.commands.size() && group.commands[answered] != frame.opaque) ++answered;
  const Command* command = answered < group.commands.size() ? &(*commands_)[frame.opaque] : nullptr;
  // A value is only ever handed to the key it was stored under.
  if (command == nullptr || (frame.status == binary::kStatusOk && frame.key != command->key)) {
    Fail(channel, Status::PROTOCOL,
         "a reply no read asked for: opcode " + std::to_string(frame.opcode) + ", opaque " +
             std::to_string(frame.opaque) + ", key " + Quote(frame.key));
    return false;
  }
  SettleMisses(channel, answered);
  uint32_t index = group.commands[group.next++];
  if (frame.status == binary::kStatusKeyNotFound) {
    Settle(index, Reply{Status::NOT_FOUND});
    return true;
  }
  if (frame.status != binary::kStatusOk) {
    Settle(index, binary::ParseReply(command->op, frame));
    return true;
  }
  uint32_t flags;
  if (!binary::HitFlags(frame, &flags)) {
    Fail(channel, Status::PROTOCOL, "a malformed answer to a read (extras " +
                                        std::to_string(frame.extras.size()) + " bytes)");
    return false;
  }
  if (!StartHit(channel, index, flags, frame.cas, frame.value.size())) return false;
  if (!frame.value.empty()) {
    std::memcpy(values_->data() + channel.value_write_at, frame.value.data(), frame.value.size());
  }
  (*outcomes_)[index].status = Status::OK;
  return true;
}

void Pipeline::Settle(uint32_t index, Reply reply) {
  Outcome& outcome = (*outcomes_)[index];
  outcome.status = reply.status;
  outcome.number = reply.number;
  if (IsFault(reply.status)) outcome.message = std::move(reply.message);
}

void Pipeline::ConfirmSilent(Channel& channel) {
  uint32_t end = channel.expected.front().silent_end;
  for (uint32_t i = channel.silent_confirmed; i < end; ++i) {
    (*outcomes_)[channel.silent[i]].status = Status::OK;
  }
  channel.silent_confirmed = end;
  channel.expected.pop_front();
}

void Pipeline::Fail(Channel& channel, Status status, const std::string& message) {
  Abandon(channel, status, message);
  if (status == Status::CONNECTION || status == Status::AUTH) {
    health_.MarkDown(channel.server, message, status);
  }
}

void Pipeline::Abandon(Channel& channel, Status status, const std::string& message) {
  if (before_close_) before_close_(channel.server);
  channel.connection->Close();
  channel.active = false;
  for (uint32_t index : channel.commands) {
    Outcome& outcome = (*outcomes_)[index];
    if (outcome.status != Status::kCount) continue;
    outcome.status = status;
    outcome.message = message;
  }
}

}  // namespace mcnative
